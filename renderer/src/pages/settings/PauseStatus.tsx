import { useState } from 'react';
import { type AlertSettings, isPaused, mutedReason } from '../../../../shared/alerts/settings.ts';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatDateTime } from '../../lib/format.ts';
import type { AlertSettingsState } from './use-alert-settings.ts';

const HOUR_MS = 60 * 60 * 1000;

/** Whether notifications are paused (until when), with "Pause for an hour" or "Resume". */
export function PauseStatus({
  settings,
  update,
  now,
}: {
  settings: AlertSettings;
  update: AlertSettingsState['update'];
  now: () => Date;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const at = now();
  const pausedUntil = isPaused(settings, at) ? settings.pausedUntil : null;
  const send = async (pausedUntil: string | null) => {
    setBusy(true);
    setError(null);
    const r = await update({ pausedUntil });
    setBusy(false);
    if (!r.ok) setError(r.error);
  };
  const quiet = mutedReason(settings, at) === 'quiet-hours';
  return (
    <div className="pause-status" data-testid="pause-status">
      <ErrorNotice message={error?.message ?? null} />
      <div className="inline-actions">
        {pausedUntil ? (
          <>
            <p role="status">
              Notifications are paused until <time dateTime={pausedUntil}>{formatDateTime(pausedUntil)}</time>
              .
            </p>
            <button type="button" className="btn" disabled={busy} onClick={() => void send(null)}>
              Resume
            </button>
          </>
        ) : (
          <>
            <p role="status">
              {quiet ? 'Notifications are on, silent now for quiet hours.' : 'Notifications are on.'}
            </p>
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void send(new Date(now().getTime() + HOUR_MS).toISOString())}
            >
              Pause for an hour
            </button>
          </>
        )}
      </div>
    </div>
  );
}
