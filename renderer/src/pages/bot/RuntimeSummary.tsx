import { useEffect, useState } from 'react';
import type { BotRuntime } from '../../../../shared/domain/lifecycle.ts';
import { formatDateTime, formatDuration } from '../../lib/format.ts';

/** Refreshes "now" every `everyMs` while mounted (uptime ticks); the timer goes with the component. */
function useNow(everyMs: number, now?: () => number): number {
  const read = now ?? Date.now;
  const [t, setT] = useState(read);
  useEffect(() => {
    const timer = setInterval(() => setT(read()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, read]);
  return t;
}

/**
 * A deployed bot's runtime at a glance: how long it has run, how often it restarted, where it
 * listens, which OpenClaw it runs, and its last error with the log lines that came before it.
 */
export function RuntimeSummary({ runtime, now }: { runtime: BotRuntime | undefined; now?: () => number }) {
  const t = useNow(1000, now);
  if (!runtime) return null;
  const up = runtime.startedAt ? formatDuration(Math.max(0, t - Date.parse(runtime.startedAt))) : null;
  const err = runtime.lastError;
  const facts: [string, string | number, string | undefined][] = [
    ['Uptime', up ?? 'Not running', 'uptime'],
    ['Restarts', runtime.restartCount, 'restarts'],
    ['In this state since', formatDateTime(runtime.stateSince), undefined],
    ['Gateway port', runtime.port ?? '—', undefined],
    ['OpenClaw', runtime.openclawVersion ?? '—', undefined],
    ['Target', runtime.target === 'local' ? 'This workstation' : 'AWS ECS', undefined],
  ];
  return (
    <section className="section" aria-label="Runtime">
      <dl className="details">
        {facts.map(([label, value, testId]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
      {err ? (
        <div className="notice notice-error runtime-error" role="alert">
          <p>
            <strong>Last error ({err.code}):</strong> {err.message}
          </p>
          {err.logTail && err.logTail.length > 0 ? (
            <details>
              <summary>Log lines before it ({err.logTail.length})</summary>
              <pre className="log-tail">{err.logTail.join('\n')}</pre>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
