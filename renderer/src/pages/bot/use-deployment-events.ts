import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { DeploymentEvent } from '../../../../shared/domain/lifecycle.ts';
import { useClient, useGeneration } from '../../app/services.tsx';

/** How many events one page of the timeline asks for. */
export const EVENTS_PAGE = 50;

/** Both lists' events, each once (by seq), newest first. */
export function mergeEvents(
  kept: readonly DeploymentEvent[],
  more: readonly DeploymentEvent[],
): DeploymentEvent[] {
  const bySeq = new Map<number, DeploymentEvent>();
  for (const e of kept) bySeq.set(e.seq, e);
  for (const e of more) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq);
}

export interface DeploymentEvents {
  events: readonly DeploymentEvent[];
  status: 'loading' | 'ready' | 'error';
  error: ErrorInfo | null;
  /** Whether older events are left to load. */
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder(): Promise<void>;
}

/**
 * A bot's deployment events, newest first: the latest page, older pages on request, and each
 * new event (`bot.deployment.event`) put on top as it happens.
 */
export function useDeploymentEvents(botId: string): DeploymentEvents {
  const client = useClient();
  const generation = useGeneration();
  const [events, setEvents] = useState<DeploymentEvent[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [status, setStatus] = useState<DeploymentEvents['status']>('loading');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);

  useEffect(() => {
    let live = true;
    setEvents([]);
    setNextBefore(null);
    const off = client.on('bot.deployment.event', (e) => {
      if (e.botId === botId) setEvents((s) => mergeEvents(s, [e]));
    });
    if (generation > 0)
      void client.invoke('bot.events.list', { id: botId, limit: EVENTS_PAGE }).then((r) => {
        if (!live) return;
        if (!r.ok) {
          setError(r.error);
          setStatus('error');
          return;
        }
        setEvents((s) => mergeEvents(s, r.value.events));
        setNextBefore(r.value.nextBefore);
        setError(null);
        setStatus('ready');
      });
    return () => {
      live = false;
      off();
    };
  }, [client, botId, generation]);

  const loadOlder = async () => {
    if (nextBefore === null || loadingOlder) return;
    setLoadingOlder(true);
    const r = await client.invoke('bot.events.list', { id: botId, before: nextBefore, limit: EVENTS_PAGE });
    setLoadingOlder(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setEvents((s) => mergeEvents(s, r.value.events));
    setNextBefore(r.value.nextBefore);
  };

  return { events, status, error, hasOlder: nextBefore !== null, loadingOlder, loadOlder };
}
