import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { Bot } from '../../../../shared/domain/bot.ts';
import { nameKey } from '../../../../shared/domain/common.ts';
import { useClient } from '../../app/services.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { Form } from '../../components/Form.tsx';
import { FormActions } from '../../components/FormActions.tsx';

interface DestroyBotDialogProps {
  bot: Bot;
  onClose(): void;
  onDestroyed(): void;
}

/** Destroys a bot's deployment once the operator has typed the bot's name; a refusal keeps it open with the reason. */
export function DestroyBotDialog({ bot, onClose, onDestroyed }: DestroyBotDialogProps) {
  const client = useClient();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const confirmed = nameKey(typed.trim()) === nameKey(bot.name);

  const destroy = async () => {
    if (!confirmed) return;
    setBusy(true);
    setError(null);
    const result = await client.invoke('bot.destroy', { id: bot.id, confirmName: typed.trim() });
    setBusy(false);
    if (result.ok) onDestroyed();
    else setError(result.error);
  };

  return (
    <Dialog title={`Destroy bot “${bot.name}”?`} onClose={onClose} busy={busy} testId="destroy-bot">
      <Form onSubmit={destroy} errors={{ message: error?.message ?? null, other: [] }}>
        <p>
          Its gateway is stopped and its deployment on this machine (process, runtime files) removed. The bot
          stays in its fleet and can be deployed again. The change is recorded in the audit log.
        </p>
        <Field label={`Type the bot's name, ${bot.name}, to confirm`}>
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoFocus
            />
          )}
        </Field>
        <FormActions onCancel={onClose} busy={busy}>
          <button type="submit" className="btn btn-danger" disabled={busy || !confirmed}>
            {busy ? 'Destroying…' : 'Destroy bot'}
          </button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
