import type { SecretEntry } from '../../../../shared/domain/secrets.ts';
import { href } from '../../app/router.ts';
import { formatDateTime } from '../../lib/format.ts';
import { presenceLabel, readersOf, storeLabels } from './secret-labels.ts';

const presenceClass = { Set: 'health health-healthy', Missing: 'health health-down', Unknown: 'health' };

interface SecretTableProps {
  items: readonly SecretEntry[];
  onSet(secret: SecretEntry): void;
  onDelete(secret: SecretEntry): void;
}

function UsedBy({ entry }: { entry: SecretEntry }) {
  const readers = readersOf(entry);
  if (readers.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="tags" aria-label="Used by">
      {readers.map((r) => (
        <li key={r.botId} title={r.paths.join(', ')}>
          <a href={href.bot(r.botId)}>{r.botName}</a>
        </li>
      ))}
    </ul>
  );
}

/** The secrets bots refer to: store, name, who reads them, whether the store holds a value. */
export function SecretTable({ items, onSet, onDelete }: SecretTableProps) {
  return (
    <div className="table-card">
      <table className="table" aria-label="Secrets">
        <thead>
          <tr>
            <th scope="col">Store</th>
            <th scope="col">Name</th>
            <th scope="col">Used by</th>
            <th scope="col">Status</th>
            <th scope="col">Last changed</th>
            <th scope="col" className="actions-col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => {
            const status = presenceLabel(s.present);
            return (
              <tr key={`${s.store}:${s.name}`} data-testid="secret-row" data-secret-name={s.name}>
                <td>{storeLabels[s.store]}</td>
                <th scope="row" className="name-cell">
                  <code>{s.name}</code>
                </th>
                <td>
                  <UsedBy entry={s} />
                </td>
                <td data-testid="secret-status">
                  <span className={presenceClass[status]}>{status}</span>
                </td>
                <td className="muted">{s.lastChangedAt ? formatDateTime(s.lastChangedAt) : '—'}</td>
                <td className="actions-col">
                  <div className="button-row">
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => onSet(s)}
                      aria-label={`${s.present ? 'Rotate' : 'Set value of'} ${s.name}`}
                    >
                      {s.present ? 'Rotate…' : 'Set value…'}
                    </button>
                    {s.present === false ? null : (
                      <button
                        type="button"
                        className="btn btn-small btn-danger-quiet"
                        onClick={() => onDelete(s)}
                        aria-label={`Delete ${s.name}`}
                      >
                        Delete
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
