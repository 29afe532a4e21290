import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import { TypedConfirmDialog } from '../../components/TypedConfirmDialog.tsx';
import { plural } from '../../lib/format.ts';

interface BulkDestroyDialogProps {
  count: number;
  /** Sends the destroy with the typed count; resolves to the host's refusal, or null when sent. */
  onConfirm(confirmCount: number): Promise<ErrorInfo | null>;
  onClose(): void;
}

/** Destroying many bots' deployments asks the operator to type how many. */
export function BulkDestroyDialog({ count, onConfirm, onClose }: BulkDestroyDialogProps) {
  return (
    <TypedConfirmDialog
      title={`Destroy ${plural(count, 'bot')}?`}
      testId="bulk-destroy"
      label={`Type the number of bots, ${count}, to confirm`}
      inputMode="numeric"
      matches={(typed) => /^\d+$/.test(typed) && Number(typed) === count}
      action={`Destroy ${plural(count, 'bot')}`}
      busyAction="Destroying…"
      onConfirm={async (typed) => {
        const refused = await onConfirm(Number(typed));
        if (!refused) onClose();
        return refused;
      }}
      onClose={onClose}
    >
      Each selected bot's gateway is stopped and its deployment on this machine removed. The bots stay in the
      fleet and can be deployed again. Each change is recorded in the audit log.
    </TypedConfirmDialog>
  );
}
