import type { Fleet } from '../../../../shared/domain/fleet.ts';
import { href } from '../../app/router.ts';
import { RowActions } from '../../components/RowActions.tsx';
import { EnvBadge, TagList } from '../../components/Tags.tsx';
import { TargetBadge } from './TargetBadge.tsx';

interface FleetTableProps {
  fleets: readonly Fleet[];
  onEdit(fleet: Fleet): void;
  onDelete(fleet: Fleet): void;
}

export function FleetTable({ fleets, onEdit, onDelete }: FleetTableProps) {
  return (
    <div className="table-card">
      <table className="table" aria-label="Fleets">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Environment</th>
            <th scope="col">Tags</th>
            <th scope="col" className="num">
              Bots
            </th>
            <th scope="col">Description</th>
            <th scope="col" className="actions-col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {fleets.map((f) => (
            <tr key={f.id} data-testid="fleet-row" data-fleet-name={f.name}>
              <th scope="row" className="name-cell">
                <a href={href.fleet(f.id)}>{f.name}</a>
                {f.target === 'ecs' ? (
                  <>
                    {' '}
                    <TargetBadge target={f.target} />
                  </>
                ) : null}
              </th>
              <td>
                <EnvBadge environment={f.environment} />
              </td>
              <td className="tags-cell">
                <TagList tags={f.tags} />
              </td>
              <td className="num" data-testid="bot-count">
                {f.botCount}
              </td>
              <td className="description-cell" title={f.description || undefined}>
                {f.description || <span className="muted">—</span>}
              </td>
              <td className="actions-col">
                <RowActions name={f.name} onEdit={() => onEdit(f)} onDelete={() => onDelete(f)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
