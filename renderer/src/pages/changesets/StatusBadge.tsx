import type { ChangeSetStatus } from '../../../../shared/domain/changeset.ts';
import { statusBadgeClass, statusLabels } from './changeset-labels.ts';

/** A change set's status as a coloured badge. */
export function StatusBadge({ status }: { status: ChangeSetStatus }) {
  return (
    <span className={statusBadgeClass[status]} data-testid="changeset-status" data-status={status}>
      {statusLabels[status]}
    </span>
  );
}
