import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { Bot } from '../../../../shared/domain/bot.ts';
import { useClient } from '../../app/services.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FormActions } from '../../components/FormActions.tsx';

export function DeleteBotDialog({ bot, onClose }: { bot: Bot; onClose(): void }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const remove = async () => {
    setBusy(true);
    const result = await client.invoke('bot.delete', { id: bot.id });
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <Dialog title={`Delete bot “${bot.name}”?`} onClose={onClose} busy={busy} testId="delete-bot">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void remove();
        }}
      >
        <p>The bot is removed from its fleet for good. The change is recorded in the audit log.</p>
        <ErrorNotice message={error?.message ?? null} />
        <FormActions onCancel={onClose} busy={busy}>
          {/* biome-ignore lint/a11y/noAutofocus: the one action of a confirmation dialog */}
          <button type="submit" className="btn btn-danger" disabled={busy} autoFocus>
            Delete bot
          </button>
        </FormActions>
      </form>
    </Dialog>
  );
}
