import type { Bot } from '../../../../shared/domain/bot.ts';
import type { BotHealth } from '../../../../shared/domain/gateway.ts';
import type { BotRuntime } from '../../../../shared/domain/lifecycle.ts';
import { href } from '../../app/router.ts';
import { RowActions } from '../../components/RowActions.tsx';
import { TagList } from '../../components/Tags.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { HealthCell } from './HealthCell.tsx';
import { LifecycleCell } from './LifecycleCell.tsx';
import type { Selection } from './use-selection.ts';

interface BotTableProps {
  bots: readonly Bot[];
  /** Live gateway health by bot id. */
  health: Readonly<Record<string, BotHealth>>;
  /** Lifecycle of the bots deployed on this workstation, by bot id. */
  runtimes: Readonly<Record<string, BotRuntime>>;
  /** The rows picked for a bulk action; without it the table has no checkboxes. */
  selection?: Selection;
  onRetry(bot: Bot): void;
  onNewToken(bot: Bot): void;
  onEdit(bot: Bot): void;
  onDelete(bot: Bot): void;
}

export function BotTable(props: BotTableProps) {
  const { bots, health, runtimes, selection, onRetry, onNewToken, onEdit, onDelete } = props;
  const some = selection !== undefined && selection.ids.length > 0 && !selection.all;
  return (
    <div className="table-card">
      <table className="table" aria-label="Bots">
        <thead>
          <tr>
            {selection ? (
              <th scope="col" className="actions-col">
                <input
                  type="checkbox"
                  aria-label="Select all bots"
                  checked={selection.all}
                  ref={(el) => {
                    if (el) el.indeterminate = some;
                  }}
                  onChange={selection.toggleAll}
                />
              </th>
            ) : null}
            <th scope="col">Name</th>
            <th scope="col">State</th>
            <th scope="col">Health</th>
            <th scope="col">Tags</th>
            <th scope="col">Added</th>
            <th scope="col">Last changed</th>
            <th scope="col" className="actions-col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {bots.map((b) => (
            <tr key={b.id} data-testid="bot-row" data-bot-name={b.name}>
              {selection ? (
                <td className="actions-col">
                  <input
                    type="checkbox"
                    aria-label={`Select ${b.name}`}
                    checked={selection.has(b.id)}
                    onChange={() => selection.toggle(b.id)}
                  />
                </td>
              ) : null}
              <th scope="row" className="name-cell">
                <a href={href.bot(b.id)}>{b.name}</a>
              </th>
              <td className="lifecycle-col">
                <LifecycleCell botId={b.id} name={b.name} runtime={runtimes[b.id]} />
              </td>
              <td className="health-col">
                <HealthCell
                  name={b.name}
                  health={health[b.id]}
                  connected={b.gatewayUrl !== undefined}
                  onRetry={() => onRetry(b)}
                  onNewToken={() => onNewToken(b)}
                />
              </td>
              <td className="tags-cell">
                <TagList tags={b.tags} />
              </td>
              <td className="muted">{formatDateTime(b.createdAt)}</td>
              <td className="muted">{formatDateTime(b.updatedAt)}</td>
              <td className="actions-col">
                <RowActions name={b.name} onEdit={() => onEdit(b)} onDelete={() => onDelete(b)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
