import type { ContractClient } from '../../../../shared/contract/client.ts';
import type { Result } from '../../../../shared/contract/errors.ts';
import type { BotLogLine, LogLevel } from '../../../../shared/domain/logs.ts';

/** The most lines the bot page keeps; older ones drop off the top. */
export const MAX_LOG_LINES = 2000;
const PAGE_LINES = 1000;
/** Pages read for one tail before asking the operator to go on (a huge log is not read whole). */
const TAIL_ROUNDS = 20;

/** `kept` then the lines of `more` not already kept (by id), trimmed to the newest `max`. */
export function appendLines(
  kept: readonly BotLogLine[],
  more: readonly BotLogLine[],
  max = MAX_LOG_LINES,
): BotLogLine[] {
  const seen = new Set(kept.map((l) => l.id));
  const fresh: BotLogLine[] = [];
  for (const l of more) {
    if (seen.has(l.id)) continue;
    seen.add(l.id);
    fresh.push(l);
  }
  const all = [...kept, ...fresh];
  return all.length > max ? all.slice(all.length - max) : all;
}

export interface LogQuery {
  id: string;
  level?: LogLevel;
  search?: string;
}

/**
 * The newest lines of a log: pages are oldest first, so it reads on from `cursor` until the end
 * (keeping the last MAX_LOG_LINES). A non-null cursor back means the log goes on past what was read.
 */
export async function readTail(
  client: ContractClient,
  query: LogQuery,
  from?: string,
): Promise<Result<{ lines: BotLogLine[]; cursor: string | null }>> {
  let lines: BotLogLine[] = [];
  let cursor = from;
  for (let round = 0; round < TAIL_ROUNDS; round++) {
    const r = await client.invoke('bot.logs.page', {
      ...query,
      limit: PAGE_LINES,
      ...(cursor ? { cursor } : {}),
    });
    if (!r.ok) return r;
    lines = appendLines(lines, r.value.lines);
    if (r.value.cursor === null) return { ok: true, value: { lines, cursor: null } };
    cursor = r.value.cursor;
  }
  return { ok: true, value: { lines, cursor: cursor ?? null } };
}
