import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { ChangeSetInfo } from '../../../../shared/domain/changeset.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { plural } from '../../lib/format.ts';

/** The bots a rollback redeploys: those that got the change, or were getting it. */
export const botsToRollBack = (cs: ChangeSetInfo) =>
  cs.bots.filter((b) => b.status === 'healthy' || b.status === 'failed' || b.status === 'updating');

interface RollbackDialogProps {
  changeSet: ChangeSetInfo;
  onConfirm(): Promise<ErrorInfo | null>;
  onClose(): void;
}

/** Says what a rollback does (manifests restored, the bots that got the change redeployed) before it runs. */
export function RollbackDialog({ changeSet, onConfirm, onClose }: RollbackDialogProps) {
  const bots = botsToRollBack(changeSet);
  return (
    <ConfirmDialog
      title={`Roll back “${changeSet.title}”?`}
      testId="rollback-dialog"
      action="Roll back"
      busyAction="Rolling back…"
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <p>
        The manifests go back to their versions from before this change set
        {changeSet.manifests.length > 0 ? ` (${changeSet.manifests.map((m) => m.label).join(', ')})` : ''}.
      </p>
      <p data-testid="rollback-bots">
        {bots.length === 0
          ? 'No bot got the change, so none is redeployed.'
          : `${plural(bots.length, 'bot')} that got the change ${bots.length === 1 ? 'is' : 'are'} redeployed with the config from before: ${bots.map((b) => `${b.fleetName}/${b.botName}`).join(', ')}.`}
      </p>
      <p className="muted">
        The host refuses when a later change touched the same manifests. Progress shows on this page.
      </p>
    </ConfirmDialog>
  );
}
