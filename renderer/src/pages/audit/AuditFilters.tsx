import { useState } from 'react';
import { resourceTypes } from '../../../../shared/domain/audit.ts';
import { useAudit, useServices } from '../../app/services.tsx';
import type { AuditFilters as Filters } from '../../stores/audit-store.ts';
import { fromLocalInput, isPreset, type Preset, presetRange, presets, toLocalInput } from './time-range.ts';

const toResourceType = (v: string) => resourceTypes.find((t) => t === v);

/** Actor, resource type and time range; each change reloads the timeline. */
export function AuditFilters() {
  const { audit } = useServices();
  const filters = useAudit((s) => s.filters);
  const facets = useAudit((s) => s.facets);
  // A range set earlier (the store outlives the page) is shown as a custom one.
  const [preset, setPreset] = useState<Preset>(() => (filters.since || filters.until ? 'custom' : 'any'));
  const apply = (next: Filters) => void audit.getState().setFilters(next);
  const active = Boolean(filters.actor || filters.resourceType || filters.since || filters.until);
  const actors =
    filters.actor && !facets.actors.includes(filters.actor)
      ? [...facets.actors, filters.actor]
      : facets.actors;

  return (
    <fieldset className="filters" aria-label="Filters">
      <label className="filter">
        <span>Actor</span>
        <select
          value={filters.actor ?? ''}
          onChange={(e) => apply({ ...filters, actor: e.target.value || undefined })}
        >
          <option value="">All actors</option>
          {actors.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>Resource</span>
        <select
          value={filters.resourceType ?? ''}
          onChange={(e) => apply({ ...filters, resourceType: toResourceType(e.target.value) })}
        >
          <option value="">All resources</option>
          {facets.resourceTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>Time</span>
        <select
          value={preset}
          onChange={(e) => {
            const next = isPreset(e.target.value) ? e.target.value : 'any';
            setPreset(next);
            if (next !== 'custom')
              apply({ ...filters, since: undefined, until: undefined, ...presetRange(next, Date.now()) });
          }}
        >
          {presets.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {preset === 'custom' ? (
        <>
          <label className="filter">
            <span>From</span>
            <input
              type="datetime-local"
              value={toLocalInput(filters.since)}
              onChange={(e) => apply({ ...filters, since: fromLocalInput(e.target.value) })}
            />
          </label>
          <label className="filter">
            <span>To</span>
            <input
              type="datetime-local"
              value={toLocalInput(filters.until)}
              onChange={(e) => apply({ ...filters, until: fromLocalInput(e.target.value, true) })}
            />
          </label>
        </>
      ) : null}
      {active ? (
        <button
          type="button"
          className="btn btn-small btn-ghost filter-clear"
          onClick={() => {
            setPreset('any');
            apply({});
          }}
        >
          Clear filters
        </button>
      ) : null}
    </fieldset>
  );
}
