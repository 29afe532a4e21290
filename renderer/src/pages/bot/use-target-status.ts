import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { TargetStatus } from '../../../../shared/domain/lifecycle.ts';
import { useClient, useGeneration } from '../../app/services.tsx';

export interface TargetStatusView {
  /** The last answer of the target; kept while a refresh is in flight or after it failed. */
  status: TargetStatus | null;
  /** Why the last ask failed (PRECONDITION: the bot is not deployed). */
  error: ErrorInfo | null;
  /** Whether an ask is in flight. */
  loading: boolean;
  refresh(): Promise<void>;
}

/**
 * What the bot's target (an ECS service or the local process) reports, asked on mount and on
 * demand. Not re-asked on `bot.runtime.changed`: asking moves the lifecycle, which pushes one.
 */
export function useTargetStatus(botId: string): TargetStatusView {
  const client = useClient();
  const generation = useGeneration();
  const [status, setStatus] = useState<TargetStatus | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [loading, setLoading] = useState(true);
  /** The newest ask; an older answer arriving later is dropped. */
  const asked = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++asked.current;
    setLoading(true);
    const r = await client.invoke('bot.target.status', { id: botId });
    if (mine !== asked.current) return;
    setLoading(false);
    if (r.ok) {
      setStatus(r.value);
      setError(null);
    } else setError(r.error);
  }, [client, botId]);

  useEffect(() => {
    if (generation > 0) void refresh();
    return () => {
      asked.current++;
    };
  }, [refresh, generation]);

  return { status, error, loading, refresh };
}

export interface EcsPlace {
  /** Null until AWS was set up (Settings > AWS). */
  region: string | null;
  cluster: string;
}

/** The cluster name at the end of an ECS cluster ARN (`arn:aws:ecs:…:cluster/NAME`). */
export function clusterNameOf(clusterArn: string | undefined): string {
  const name = clusterArn?.split('/').pop();
  return name && name.length > 0 && !name.startsWith('arn:') ? name : 'clawster';
}

/** The region and cluster the app's ECS bots run in, from what AWS bootstrap recorded. */
export function useEcsPlace(enabled: boolean): EcsPlace {
  const client = useClient();
  const generation = useGeneration();
  const [place, setPlace] = useState<EcsPlace>({ region: null, cluster: 'clawster' });
  useEffect(() => {
    if (!enabled || generation === 0) return;
    let live = true;
    void client.invoke('aws.settings.get', {}).then((r) => {
      if (!live || !r.ok || !r.value.bootstrap) return;
      setPlace({ region: r.value.bootstrap.region, cluster: clusterNameOf(r.value.bootstrap.clusterArn) });
    });
    return () => {
      live = false;
    };
  }, [client, generation, enabled]);
  return place;
}
