import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { SecretEntry } from '../../../../shared/domain/secrets.ts';
import { useClient } from '../../app/services.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FormActions } from '../../components/FormActions.tsx';

interface DeleteSecretDialogProps {
  secret: SecretEntry;
  onClose(): void;
  /** After the store removed it (the list reloads). */
  onDeleted(): void;
}

/** Asks before removing a secret; the host refuses while a deployed bot reads it, and says which. */
export function DeleteSecretDialog({ secret, onClose, onDeleted }: DeleteSecretDialogProps) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const remove = async () => {
    setBusy(true);
    setError(null);
    const r = await client.invoke('secrets.delete', { store: secret.store, name: secret.name });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDeleted();
    onClose();
  };

  return (
    <Dialog title={`Delete secret “${secret.name}”?`} onClose={onClose} busy={busy} testId="delete-secret">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void remove();
        }}
      >
        <p>
          {secret.store === 'aws-sm'
            ? 'AWS Secrets Manager deletes it at the end of its recovery window; until then it can be restored there.'
            : 'The value is removed from the OS keychain for good.'}{' '}
          Bots whose config refers to it cannot be deployed until it is set again.
        </p>
        <ErrorNotice message={error?.message ?? null} details={error?.issues?.map((i) => i.message)} />
        <FormActions onCancel={onClose} busy={busy}>
          {/* biome-ignore lint/a11y/noAutofocus: the one action of a confirmation dialog */}
          <button type="submit" className="btn btn-danger" disabled={busy} autoFocus>
            {busy ? 'Deleting…' : 'Delete secret'}
          </button>
        </FormActions>
      </form>
    </Dialog>
  );
}
