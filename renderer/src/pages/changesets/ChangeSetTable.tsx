import type { ChangeSetSummary } from '../../../../shared/domain/changeset.ts';
import { href } from '../../app/router.ts';
import { formatDateTime } from '../../lib/format.ts';
import { progressLabel, strategyLabel } from './changeset-labels.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** Every change set, newest first: what it is, where its rollout stands, who made it and when. */
export function ChangeSetTable({ changeSets }: { changeSets: readonly ChangeSetSummary[] }) {
  return (
    <div className="table-card">
      <table className="table" aria-label="Change sets">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Strategy</th>
            <th scope="col">Progress</th>
            <th scope="col">Created</th>
            <th scope="col">Actor</th>
          </tr>
        </thead>
        <tbody>
          {changeSets.map((cs) => (
            <tr key={cs.id} data-testid="changeset-row" data-changeset-id={cs.id}>
              <th scope="row" className="name-cell">
                <a href={href.changeset(cs.id)}>{cs.title}</a>
              </th>
              <td>
                <StatusBadge status={cs.status} />
              </td>
              <td>{strategyLabel(cs.strategy)}</td>
              <td data-testid="changeset-progress">{progressLabel(cs)}</td>
              <td className="muted">
                <time dateTime={cs.createdAt}>{formatDateTime(cs.createdAt)}</time>
              </td>
              <td className="muted">{cs.actor}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
