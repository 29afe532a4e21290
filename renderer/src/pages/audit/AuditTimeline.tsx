import type { AuditEvent } from '../../../../shared/domain/audit.ts';
import { dayKey, formatDay } from '../../lib/format.ts';
import { AuditEventItem } from './AuditEventItem.tsx';

interface Day {
  key: string;
  label: string;
  events: AuditEvent[];
}

/** Newest-first events, split into local calendar days. */
function groupByDay(events: readonly AuditEvent[], now: Date = new Date()): Day[] {
  const days: Day[] = [];
  for (const e of events) {
    const key = dayKey(e.ts);
    const last = days.at(-1);
    if (last && last.key === key) last.events.push(e);
    else days.push({ key, label: formatDay(e.ts, now), events: [e] });
  }
  return days;
}

export function AuditTimeline({ events }: { events: readonly AuditEvent[] }) {
  return (
    <div className="timeline">
      {groupByDay(events).map((day) => (
        <section key={day.key} className="timeline-day" aria-label={day.label} data-testid="audit-day">
          <h2 className="timeline-day-label">{day.label}</h2>
          <ol className="timeline-events">
            {day.events.map((e) => (
              <AuditEventItem key={e.seq} event={e} />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
