import type { SecretEntry } from '../../../../shared/domain/secrets.ts';
import { useClient } from '../../app/services.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';

interface DeleteSecretDialogProps {
  secret: SecretEntry;
  onClose(): void;
  /** After the store removed it (the list reloads). */
  onDeleted(): void;
}

/** Asks before removing a secret; the host refuses while a deployed bot reads it, and says which. */
export function DeleteSecretDialog({ secret, onClose, onDeleted }: DeleteSecretDialogProps) {
  const client = useClient();
  const remove = async () => {
    const r = await client.invoke('secrets.delete', { store: secret.store, name: secret.name });
    if (!r.ok) return r.error;
    onDeleted();
    onClose();
    return null;
  };

  return (
    <ConfirmDialog
      title={`Delete secret “${secret.name}”?`}
      testId="delete-secret"
      action="Delete secret"
      busyAction="Deleting…"
      onConfirm={remove}
      onClose={onClose}
    >
      <p>
        {secret.store === 'aws-sm'
          ? 'AWS Secrets Manager deletes it at the end of its recovery window; until then it can be restored there.'
          : 'The value is removed from the OS keychain for good.'}{' '}
        Bots whose config refers to it cannot be deployed until it is set again.
      </p>
    </ConfirmDialog>
  );
}
