import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import { allowedActions, type BotRuntime, type LifecycleState } from '../../../../shared/domain/lifecycle.ts';
import { useClient } from '../../app/services.tsx';

const labels: Record<LifecycleState, string> = {
  pending: 'Pending',
  provisioning: 'Starting…',
  running: 'Running',
  degraded: 'Degraded',
  stopped: 'Stopped',
  error: 'Error',
};

type Action = 'deploy' | 'redeploy' | 'start' | 'stop' | 'restart';
const actionLabels: Record<Action, string> = {
  deploy: 'Deploy',
  redeploy: 'Redeploy',
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
};

/**
 * A bot's lifecycle on this workstation and the actions that make sense in its state. A deploy
 * refused by policy, or a start that fails, shows the host's reason under the buttons.
 */
export function LifecycleCell({
  botId,
  name,
  runtime,
}: {
  botId: string;
  name: string;
  runtime: BotRuntime | undefined;
}) {
  const client = useClient();
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const state = runtime?.state ?? null;
  const actions = allowedActions(state).filter((a): a is Action => a in actionLabels);
  const run = async (action: Action) => {
    setBusy(action);
    setError(null);
    // A redeploy resolves the bot's config again and rolls it out: the same request as a deploy.
    const r = await client.invoke(
      action === 'deploy' || action === 'redeploy' ? 'bot.deploy' : `bot.${action}`,
      {
        id: botId,
      },
    );
    setBusy(null);
    if (!r.ok) setError(r.error);
  };
  return (
    <div className="lifecycle-cell">
      <span
        className={`lifecycle lifecycle-${state ?? 'none'}`}
        data-testid="bot-lifecycle"
        data-state={state ?? 'none'}
        title={runtime?.lastError?.message}
      >
        {state ? labels[state] : 'Not deployed'}
      </span>
      <span className="button-row">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className="btn btn-small"
            disabled={busy !== null}
            aria-label={`${actionLabels[a]} ${name}`}
            onClick={() => void run(a)}
          >
            {busy === a ? `${actionLabels[a]}…` : actionLabels[a]}
          </button>
        ))}
      </span>
      {error ? (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
