import type { ChangeSetInfo } from '../../../../shared/domain/changeset.ts';
import { DiffTable } from '../../components/DiffTable.tsx';

const actionLabels = { create: 'Creates', update: 'Updates', unchanged: 'Leaves' } as const;

/** What a change set does to each manifest, field by field, and (once started) the versions it wrote. */
export function ManifestChanges({ changeSet }: { changeSet: ChangeSetInfo }) {
  return (
    <section className="section" aria-label="Manifest changes">
      <div className="section-header">
        <h2>
          Manifest changes <span className="count">{changeSet.changes.length}</span>
        </h2>
      </div>
      {changeSet.changes.map((c) => {
        const name = `${c.kind} ${c.fleetName ? `${c.fleetName}/` : ''}${c.name}`;
        return (
          <div
            key={`${c.kind}/${c.fleetName ?? ''}/${c.name}`}
            className="manifest-change"
            data-testid="manifest-change"
          >
            <h3>
              {actionLabels[c.action]} {name} <span className="muted">(v{c.version})</span>
            </h3>
            <DiffTable changes={c.diff} label={`Changes to ${name}`} />
          </div>
        );
      })}
      {changeSet.manifests.length > 0 ? (
        <ul className="plan-list" aria-label="Manifest versions">
          {changeSet.manifests.map((m) => (
            <li key={m.label}>
              {m.label}: {m.before === null ? 'new' : `v${m.before}`} →{' '}
              {m.after === null ? 'deleted' : `v${m.after}`}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
