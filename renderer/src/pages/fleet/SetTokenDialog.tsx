import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { Bot } from '../../../../shared/domain/bot.ts';
import { useClient, useHealth } from '../../app/services.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { Form } from '../../components/Form.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { GatewayErrorPanel } from './GatewayErrorPanel.tsx';

/** Enter a new gateway token for a connected bot (e.g. after it was rotated on the host). */
export function SetTokenDialog({ bot, onClose }: { bot: Bot; onClose(): void }) {
  const client = useClient();
  const put = useHealth((s) => s.put);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const result = await client.invoke('bot.gateway.setToken', { id: bot.id, token });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    put(result.value);
    if (result.value.lastError && result.value.state !== 'healthy' && result.value.state !== 'degraded')
      return setError({ ...result.value.lastError, code: 'FORBIDDEN' });
    onClose();
  };

  return (
    <Dialog title={`New gateway token for “${bot.name}”`} onClose={onClose} busy={busy} testId="set-token">
      <Form onSubmit={submit}>
        {error ? <GatewayErrorPanel error={error} url={bot.gatewayUrl ?? ''} /> : null}
        <Field
          label="Gateway token"
          hint="gateway.auth.token from the bot's config; kept in the OS keychain only"
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="off"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              autoFocus
            />
          )}
        </Field>
        <FormActions onCancel={onClose} busy={busy}>
          <button type="submit" className="btn btn-primary" disabled={busy || token === ''}>
            {busy ? 'Connecting…' : 'Save and connect'}
          </button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
