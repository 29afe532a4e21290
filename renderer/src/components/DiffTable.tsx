import type { Change } from '../../../shared/config/diff.ts';
import { formatValue } from '../lib/format.ts';

interface DiffTableProps {
  changes: readonly Change[];
  /** Shows a fleet's name beside its id where it is still known. */
  fleetName?: (id: string) => string | undefined;
  /** The table's accessible name. */
  label?: string;
}

/** The before/after of each changed field (the audit log's events, a change set's manifests). */
export function DiffTable({ changes, fleetName = () => undefined, label = 'Changes' }: DiffTableProps) {
  const show = (path: string, value: unknown) => {
    const name = path === 'fleetId' && typeof value === 'string' ? fleetName(value) : undefined;
    return name ? `${name} (${value})` : formatValue(value);
  };
  if (changes.length === 0) return <p className="muted">No field changed.</p>;
  return (
    <table className="diff-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path} data-testid="diff-row" data-path={c.path} className={`diff-${c.kind}`}>
            <th scope="row">{c.path}</th>
            <td className="diff-before" data-testid="diff-before">
              {c.kind === 'added' ? <span className="muted">—</span> : <del>{show(c.path, c.before)}</del>}
            </td>
            <td className="diff-after" data-testid="diff-after">
              {c.kind === 'removed' ? <span className="muted">—</span> : <ins>{show(c.path, c.after)}</ins>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
