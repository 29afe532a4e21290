import { useEffect, useState } from 'react';
import { useConnection, useServices } from './services.tsx';

function useSecondsUntil(at: number | null): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (at === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Says plainly when the app is not talking to the host, and what happens next. */
export function ConnectionBanner() {
  const { retryNow } = useServices();
  const status = useConnection((s) => s.status);
  const everOpen = useConnection((s) => s.everOpen);
  const retryAt = useConnection((s) => s.retryAt);
  const seconds = useSecondsUntil(status === 'waiting' ? retryAt : null);

  if (status === 'open') return null;
  if (status === 'no-token')
    return (
      <div className="banner banner-error" role="alert" data-testid="connection-banner">
        <strong>No access token.</strong> Open the address that <code>clawster serve</code> printed (it ends
        in <code>?token=…</code>); the token changes each time the host starts.
      </div>
    );
  if (status === 'connecting' && !everOpen && retryAt === null)
    return (
      <div className="banner banner-info" role="status" data-testid="connection-banner">
        Connecting to the Clawster host…
      </div>
    );
  return (
    <div className="banner banner-error" role="alert" data-testid="connection-banner">
      <span>
        <strong>
          {everOpen ? 'Disconnected from the Clawster host.' : 'Cannot reach the Clawster host.'}
        </strong>{' '}
        {status === 'connecting' ? 'Reconnecting…' : `Retrying in ${seconds} s.`} Changes cannot be made until
        it is back.
        {everOpen ? null : ' If the host was restarted, open the new address it printed.'}
      </span>
      {status === 'waiting' ? (
        <button type="button" className="btn btn-small" onClick={retryNow}>
          Retry now
        </button>
      ) : null}
    </div>
  );
}
