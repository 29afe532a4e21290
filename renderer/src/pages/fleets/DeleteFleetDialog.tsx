import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { Fleet } from '../../../../shared/domain/fleet.ts';
import { useClient, useFleets } from '../../app/services.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { plural } from '../../lib/format.ts';

interface DeleteFleetDialogProps {
  fleet: Fleet;
  onClose(): void;
  onDeleted?(): void;
}

/**
 * Asks before deleting a fleet. A fleet that still has bots is refused by the host; its
 * message is shown with an explicit choice to delete the fleet together with its bots.
 */
export function DeleteFleetDialog({ fleet, onClose, onDeleted }: DeleteFleetDialogProps) {
  const client = useClient();
  const botCount = useFleets((s) => s.fleets.find((f) => f.id === fleet.id)?.botCount ?? fleet.botCount);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const remove = async (force: boolean) => {
    setBusy(true);
    const result = await client.invoke('fleet.delete', { id: fleet.id, force });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onClose();
    onDeleted?.();
  };

  const needsForce = error?.code === 'PRECONDITION' && botCount > 0;
  return (
    <Dialog title={`Delete fleet “${fleet.name}”?`} onClose={onClose} busy={busy} testId="delete-fleet">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void remove(needsForce);
        }}
      >
        <p>
          The fleet is removed for good. The change is recorded in the audit log with the fleet as it was.
        </p>
        <ErrorNotice message={error?.message ?? null} details={error?.issues?.map((i) => i.message)} />
        <FormActions onCancel={onClose} busy={busy}>
          {/* biome-ignore lint/a11y/noAutofocus: the one action of a confirmation dialog */}
          <button type="submit" className="btn btn-danger" disabled={busy} autoFocus>
            {needsForce ? `Delete with its ${plural(botCount, 'bot')}` : 'Delete fleet'}
          </button>
        </FormActions>
      </form>
    </Dialog>
  );
}
