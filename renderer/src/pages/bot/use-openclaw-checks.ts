import { useCallback, useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { OpenclawChecksReport } from '../../../../shared/domain/openclaw-checks.ts';
import { useClient, useGeneration } from '../../app/services.tsx';

export interface OpenclawChecks {
  status: 'loading' | 'ready' | 'error';
  /** The last run's report; null before the first run. */
  report: OpenclawChecksReport | null;
  /** Why loading the last report failed. */
  error: ErrorInfo | null;
  /** Whether a run asked for here is in flight (8 to 15 s). */
  running: boolean;
  /** Why the last run asked for here was refused or failed. */
  runError: ErrorInfo | null;
  run(): Promise<void>;
}

/** A bot's last OpenClaw checks report: loaded, kept live by `bot.checks.changed`, and run on demand. */
export function useOpenclawChecks(botId: string): OpenclawChecks {
  const client = useClient();
  const generation = useGeneration();
  const [status, setStatus] = useState<OpenclawChecks['status']>('loading');
  const [report, setReport] = useState<OpenclawChecksReport | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    let live = true;
    let pushed = false;
    const off = client.on('bot.checks.changed', (r) => {
      if (r.botId !== botId) return;
      pushed = true;
      setReport(r);
      setStatus('ready');
    });
    if (generation > 0)
      void client.invoke('bot.checks.get', { id: botId }).then((r) => {
        if (!live || pushed) return;
        if (r.ok) {
          setReport(r.value);
          setStatus('ready');
        } else {
          setError(r.error);
          setStatus('error');
        }
      });
    return () => {
      live = false;
      off();
    };
  }, [client, generation, botId]);
  const run = useCallback(async () => {
    setRunning(true);
    setRunError(null);
    const r = await client.invoke('bot.checks.run', { id: botId });
    setRunning(false);
    if (!r.ok) return setRunError(r.error);
    setReport((had) => (had && had.ranAt > r.value.ranAt ? had : r.value));
    setStatus('ready');
  }, [client, botId]);
  return { status, report, error, running, runError, run };
}
