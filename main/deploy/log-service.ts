import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/contract/errors.ts';
import type { EventName, EventPayload } from '../../shared/contract/events.ts';
import type { Params, ResultOf } from '../../shared/contract/requests.ts';
import { type BotLogLine, logLineMatches } from '../../shared/domain/logs.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from '../store/database.ts';
import type { LocalTarget } from '../targets/local/local-target.ts';
import type { DeploymentTarget } from '../targets/target.ts';
import { getRuntime } from './runtime-store.ts';

/** At most this many follows at once; each stops by itself after FOLLOW_TTL_MS unless renewed. */
const MAX_FOLLOWS = 32;
const FOLLOW_TTL_MS = 30 * 60_000;

/** A deployed bot's logs: pages with level and search filters, and live follows pushed as events. */
export function createLogService(deps: {
  db: Db;
  log: Logger;
  /** Where a bot's logs are: its local log file, or CloudWatch for an ECS bot. */
  target: Pick<LocalTarget, 'logs' | 'followLogs'>;
  ecsLogs?: () => Promise<Pick<DeploymentTarget, 'logs' | 'followLogs'>>;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}) {
  const follows = new Map<string, { abort: AbortController; timer: ReturnType<typeof setTimeout> }>();

  /** The target holding a deployed bot's logs. */
  const requireDeployed = async (id: string): Promise<Pick<DeploymentTarget, 'logs' | 'followLogs'>> => {
    const runtime = getRuntime(deps.db, id);
    if (runtime?.target === 'ecs' && deps.ecsLogs) return deps.ecsLogs();
    if (runtime) return deps.target;
    throw new AppError('PRECONDITION', 'This bot has not been deployed yet, so it has no logs yet.');
  };
  const stop = (followId: string): boolean => {
    const f = follows.get(followId);
    if (!f) return false;
    follows.delete(followId);
    clearTimeout(f.timer);
    f.abort.abort();
    return true;
  };

  return {
    async page(p: Params<'bot.logs.page'>): Promise<ResultOf<'bot.logs.page'>> {
      const target = await requireDeployed(p.id);
      const lines: BotLogLine[] = [];
      let cursor: string | null = p.cursor ?? null;
      // Filters drop lines; read on until the page is full or the log ends (bounded).
      for (let round = 0; round < 20; round++) {
        const page = await target.logs(p.id, { ...(cursor ? { cursor } : {}), limit: p.limit });
        for (const l of page.lines) if (logLineMatches(l, p) && lines.length < p.limit) lines.push(l);
        cursor = page.cursor;
        if (cursor === null || lines.length >= p.limit) break;
      }
      return { lines, cursor };
    },

    async follow(p: Params<'bot.logs.follow'>): Promise<ResultOf<'bot.logs.follow'>> {
      const target = await requireDeployed(p.id);
      if (follows.size >= MAX_FOLLOWS)
        throw new AppError('UNAVAILABLE', `Already following ${MAX_FOLLOWS} logs; stop following one first.`);
      const followId = randomUUID();
      const abort = new AbortController();
      const timer = setTimeout(() => stop(followId), FOLLOW_TTL_MS);
      timer.unref?.();
      follows.set(followId, { abort, timer });
      void target
        .followLogs(p.id, {
          signal: abort.signal,
          onLines: (lines) => {
            const shown = lines.filter((l) => logLineMatches(l, p));
            if (shown.length > 0) deps.emit('bot.logs.appended', { followId, botId: p.id, lines: shown });
          },
        })
        .catch((e: unknown) => deps.log.warn('following a log stopped', { botId: p.id, error: String(e) }))
        .finally(() => stop(followId));
      return { followId };
    },

    unfollow: (p: Params<'bot.logs.unfollow'>): { stopped: boolean } => ({ stopped: stop(p.followId) }),

    close(): void {
      for (const id of [...follows.keys()]) stop(id);
    },
  };
}
export type LogService = ReturnType<typeof createLogService>;
