import type { ReactNode } from 'react';
import type { ChangeSetInfo } from '../../../../shared/domain/changeset.ts';
import { formatDateTime, plural } from '../../lib/format.ts';
import { strategyLabel } from './changeset-labels.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** A change set at a glance: status, strategy and health gate, how many bots, who and when. */
export function ChangeSetFacts({ changeSet: cs }: { changeSet: ChangeSetInfo }) {
  const facts: [string, ReactNode][] = [
    ['Status', <StatusBadge key="status" status={cs.status} />],
    ['Strategy', strategyLabel(cs.strategy)],
    ['Health timeout', `${cs.healthTimeoutSec} s`],
    ['Bake time', `${cs.bakeSec} s`],
    ['Bots affected', plural(cs.botsChanged, 'bot')],
    ['Created', `${formatDateTime(cs.createdAt)} by ${cs.actor}`],
    ['Started', cs.startedAt ? formatDateTime(cs.startedAt) : '—'],
    ['Finished', cs.finishedAt ? formatDateTime(cs.finishedAt) : '—'],
  ];
  return (
    <section className="section" aria-label="Summary">
      <dl className="details">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
