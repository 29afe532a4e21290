import { useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { GatewaySummary } from '../../../../shared/domain/gateway.ts';
import { useClient, useHealth } from '../../app/services.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { Form } from '../../components/Form.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { type FormErrors, formErrors, noErrors } from '../../lib/form-errors.ts';
import { describeTagIssue, parseTags } from '../../lib/tags.ts';
import { GatewayErrorPanel, gatewayCodeOf, PairingPanel, WRONG_TOKEN } from './GatewayErrorPanel.tsx';
import { GatewaySummaryView } from './GatewaySummaryView.tsx';

const fields = ['url', 'token', 'name', 'tags'] as const;
type ConnectField = (typeof fields)[number];

type Busy = null | 'testing' | 'connecting';

interface ConnectBotDialogProps {
  fleetId: string;
  fleetName: string;
  onClose(): void;
}

/** The bot the dialog connected, watched live until it is healthy. */
function Connected({ botId, name }: { botId: string; name: string }) {
  const health = useHealth((s) => s.byBot[botId]);
  if (health?.state === 'pairing-required') {
    const requestId = health.lastError?.details?.requestId;
    const command = health.lastError?.details?.approveCommand;
    return (
      <PairingPanel
        requestId={typeof requestId === 'string' ? requestId : null}
        command={typeof command === 'string' ? command : null}
      />
    );
  }
  if (health?.state === 'healthy' || health?.state === 'degraded')
    return (
      <div className="notice notice-ok" role="status" data-testid="connected-panel">
        <p>
          Connected: “{name}” runs OpenClaw {health.version ?? '(unknown version)'}.
        </p>
      </div>
    );
  return (
    <div className="notice notice-info" role="status">
      <p>
        “{name}” was added. Connecting… ({health?.state ?? 'unknown'})
      </p>
    </div>
  );
}

/** Connect a bot that already runs: its gateway URL and token, tested before anything is stored. */
export function ConnectBotDialog({ fleetId, fleetName, onClose }: ConnectBotDialogProps) {
  const client = useClient();
  const health = useHealth((s) => s.put);
  const tokenRef = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState('ws://127.0.0.1:18789');
  const [token, setToken] = useState('');
  const [name, setName] = useState('');
  const [tags, setTags] = useState('');
  const [busy, setBusy] = useState<Busy>(null);
  const [errors, setErrors] = useState<FormErrors<ConnectField>>(noErrors);
  const [gatewayError, setGatewayError] = useState<ErrorInfo | null>(null);
  const [summary, setSummary] = useState<GatewaySummary | null>(null);
  const [connected, setConnected] = useState<{ botId: string; name: string } | null>(null);

  const fail = (error: ErrorInfo, values: { tags: string[] }) => {
    if (error.details?.gatewayCode !== undefined) {
      setGatewayError(error);
      if (WRONG_TOKEN.has(gatewayCodeOf(error))) tokenRef.current?.focus();
      return;
    }
    setErrors(
      formErrors(error, fields, (field, rest, message) =>
        field === 'tags' ? describeTagIssue(values.tags, rest, message) : message,
      ),
    );
  };
  const reset = () => {
    setErrors(noErrors);
    setGatewayError(null);
  };

  const test = async () => {
    reset();
    setSummary(null);
    setBusy('testing');
    const result = await client.invoke('bot.gateway.test', { url, token });
    setBusy(null);
    if (result.ok) setSummary(result.value);
    else fail(result.error, { tags: [] });
  };

  const connect = async () => {
    reset();
    setBusy('connecting');
    const values = { fleetId, name, url, token, tags: parseTags(tags) };
    const result = await client.invoke('bot.connect', values);
    setBusy(null);
    if (!result.ok) return fail(result.error, values);
    health(result.value.health);
    if (result.value.summary) setSummary(result.value.summary);
    setConnected({ botId: result.value.botId, name });
  };

  return (
    <Dialog
      title={`Connect an existing bot to “${fleetName}”`}
      onClose={onClose}
      busy={busy !== null}
      testId="connect-bot"
    >
      {connected ? (
        <div className="form">
          <Connected botId={connected.botId} name={connected.name} />
          {summary ? <GatewaySummaryView summary={summary} /> : null}
          <div className="dialog-actions">
            <button type="button" className="btn btn-primary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <Form onSubmit={connect} errors={errors}>
          {gatewayError ? <GatewayErrorPanel error={gatewayError} url={url} /> : null}
          {busy === 'connecting' ? (
            <p className="notice notice-info" role="status" data-testid="connect-progress">
              Connecting… a gateway that is still starting is waited for.
            </p>
          ) : null}
          <Field
            label="Gateway URL"
            error={errors.fields.url}
            hint="ws://host:port on a private network, else wss://"
          >
            {(p) => (
              <input {...p} type="url" value={url} onChange={(e) => setUrl(e.target.value)} autoFocus />
            )}
          </Field>
          <Field
            label="Gateway token"
            error={errors.fields.token}
            hint="gateway.auth.token from the bot's config; kept in the OS keychain only"
          >
            {(p) => (
              <input
                {...p}
                ref={tokenRef}
                type="password"
                autoComplete="off"
                value={token}
                onChange={(e) => setToken(e.target.value)}
              />
            )}
          </Field>
          <div className="inline-actions">
            <button type="button" className="btn" onClick={() => void test()} disabled={busy !== null}>
              {busy === 'testing' ? 'Testing…' : 'Test connection'}
            </button>
          </div>
          {summary ? <GatewaySummaryView summary={summary} /> : null}
          <Field label="Name" error={errors.fields.name} hint="Unique within the fleet, ignoring case.">
            {(p) => <input {...p} type="text" value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label="Tags" error={errors.fields.tags} hint="Separate with commas or spaces">
            {(p) => <input {...p} type="text" value={tags} onChange={(e) => setTags(e.target.value)} />}
          </Field>
          <FormActions onCancel={onClose} busy={busy !== null}>
            <button type="submit" className="btn btn-primary" disabled={busy !== null}>
              {busy === 'connecting' ? 'Connecting…' : 'Connect bot'}
            </button>
          </FormActions>
        </Form>
      )}
    </Dialog>
  );
}
