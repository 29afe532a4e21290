import type { BotHealth, HealthState } from '../../../../shared/domain/gateway.ts';

const labels: Record<HealthState, string> = {
  connecting: 'Connecting',
  healthy: 'Healthy',
  degraded: 'Degraded',
  down: 'Down',
  'pairing-required': 'Pairing required',
  'auth-failed': 'Token refused',
  unknown: 'Unknown',
};

interface HealthCellProps {
  name: string;
  /** Absent for a bot that is not connected to a gateway. */
  health: BotHealth | undefined;
  connected: boolean;
  onRetry(): void;
  onNewToken(): void;
}

/** A bot's live gateway health, with what the operator can do about it. */
export function HealthCell({ name, health, connected, onRetry, onNewToken }: HealthCellProps) {
  if (!connected) return <span className="muted">Not connected</span>;
  const state = health?.state ?? 'unknown';
  const canRetry =
    state === 'down' || state === 'auth-failed' || state === 'unknown' || state === 'pairing-required';
  return (
    <div className="health-cell">
      <span
        className={`health health-${state}`}
        data-testid="bot-health"
        data-state={state}
        title={health?.lastError?.message}
      >
        {labels[state]}
        {health?.version && (state === 'healthy' || state === 'degraded') ? (
          <span className="health-version"> · {health.version}</span>
        ) : null}
      </span>
      {canRetry ? (
        <span className="health-actions">
          {canRetry ? (
            <button type="button" className="btn btn-small" onClick={onRetry} aria-label={`Retry ${name}`}>
              Retry
            </button>
          ) : null}
          {state === 'auth-failed' || state === 'down' ? (
            <button
              type="button"
              className="btn btn-small"
              onClick={onNewToken}
              aria-label={`Enter a new token for ${name}`}
            >
              Enter new token
            </button>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}
