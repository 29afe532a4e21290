import { useId, useState } from 'react';
import type { AuditEvent } from '../../../../shared/domain/audit.ts';
import { useFleets } from '../../app/services.tsx';
import { DiffTable } from '../../components/DiffTable.tsx';
import { IconChevron } from '../../components/icons.tsx';
import { summarize } from '../../lib/audit-summary.ts';
import { formatTime } from '../../lib/format.ts';

/** One change in the timeline; opening it shows the before/after of each field. */
export function AuditEventItem({ event }: { event: AuditEvent }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const fleets = useFleets((s) => s.fleets);
  const fleetName = (id: string) => fleets.find((f) => f.id === id)?.name;
  const summary = summarize(event, fleetName);
  return (
    <li className={`audit-event audit-${summary.kind}`} data-testid="audit-event" data-seq={event.seq}>
      <button
        type="button"
        className="audit-event-summary"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="audit-dot" aria-hidden="true" />
        <span className="audit-chevron">
          <IconChevron />
        </span>
        <span className="audit-title">{summary.title}</span>
        <span className="badge">{event.resourceType}</span>
        <span className="audit-actor">{event.actor}</span>
        <time className="audit-time" dateTime={event.ts}>
          {formatTime(event.ts)}
        </time>
      </button>
      {open ? (
        <div className="audit-event-details" id={detailsId}>
          <DiffTable changes={summary.changes} fleetName={fleetName} />
          <p className="audit-meta">
            Event #{event.seq} · {event.action} · {event.resourceType} <code>{event.resourceId}</code> · hash{' '}
            <code title={event.hash}>{event.hash.slice(0, 12)}</code>
          </p>
        </div>
      ) : null}
    </li>
  );
}
