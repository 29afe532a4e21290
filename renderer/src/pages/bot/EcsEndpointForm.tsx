import { type FormEvent, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import { useClient } from '../../app/services.tsx';
import { Field } from '../../components/Field.tsx';

/**
 * Where an ECS bot's gateway can be reached from this workstation (a VPN, a tailnet, private DNS):
 * given one, Clawster watches the gateway live with the bot's own token.
 */
export function EcsEndpointForm({ botId, current }: { botId: string; current: string | null }) {
  const client = useClient();
  const [url, setUrl] = useState(current ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState<string | null>(current);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await client.invoke('bot.gateway.setEndpoint', { id: botId, url });
    setBusy(false);
    if (r.ok) setSaved(url.trim());
    else setError(r.error);
  };
  const issue = error?.issues?.find((i) => i.path === 'url')?.message ?? error?.message;
  return (
    <form className="form endpoint-form" onSubmit={(e) => void submit(e)} data-testid="ecs-endpoint">
      <Field
        label="Gateway endpoint reachable from here"
        hint="For example wss://support-bot.internal:18789 over a VPN or tailnet. Clawster connects with the bot's own token."
        error={issue}
      >
        {(p) => (
          <input
            {...p}
            type="url"
            value={url}
            placeholder="wss://"
            onChange={(e) => setUrl(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="btn" disabled={busy || url.trim() === ''}>
        {busy ? 'Connecting…' : 'Watch live'}
      </button>
      {saved ? (
        <p className="muted" role="status">
          Watching {saved} live.
        </p>
      ) : null}
    </form>
  );
}
