import { type FilteredLogEvent, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AppError } from '../../../shared/contract/errors.ts';
import type { AwsClients } from '../../aws/clients.ts';
import { awsCall } from '../../aws/errors.ts';
import { botLogStreamPrefix } from '../../aws/names.ts';
import type { FollowOptions, LogLine, LogPage, LogQuery } from '../target.ts';

const defaultLimit = 200;
const maxLimit = 10_000;
/** Consecutive failed polls (each already retried by the SDK) before following gives up. */
const maxFailures = 5;

export interface EcsLogSource {
  clients: AwsClients;
  logGroupName: string;
  /** Follow polls this often (ms). */
  pollMs?: number;
  /** Current time, for "since now" when following. */
  now?: () => Date;
}

function toLine(e: FilteredLogEvent): LogLine {
  return {
    at: new Date(e.timestamp ?? 0).toISOString(),
    message: (e.message ?? '').replace(/\n$/, ''),
    source: e.logStreamName ?? '',
    id: `${e.logStreamName}/${e.eventId ?? e.timestamp}`,
  };
}

function sinceMs(since: string | undefined, field: string): number | undefined {
  if (since === undefined) return undefined;
  const ms = Date.parse(since);
  if (Number.isNaN(ms))
    throw new AppError('VALIDATION', `"${since}" is not a time; use an ISO time like 2026-01-31T12:00:00Z.`, [
      { path: field, message: 'not an ISO time' },
    ]);
  return ms;
}

async function filterPage(
  src: EcsLogSource,
  botId: string,
  startTime: number | undefined,
  cursor: string | undefined,
  limit: number,
  signal?: AbortSignal,
) {
  const prefix = botLogStreamPrefix(botId);
  const out = await awsCall(
    {
      action: 'logs:FilterLogEvents',
      region: src.clients.region,
      resource: `${src.logGroupName} ${prefix}*`,
    },
    () =>
      src.clients.logs.send(
        new FilterLogEventsCommand({
          logGroupName: src.logGroupName,
          logStreamNamePrefix: prefix,
          // Deprecated in AWS, where results are always interleaved by time; emulators still read it.
          interleaved: true,
          ...(startTime !== undefined ? { startTime } : {}),
          ...(cursor ? { nextToken: cursor } : {}),
          limit,
        }),
        signal ? { abortSignal: signal } : {},
      ),
  );
  // Another bot's lines never show, even if the service returned more than the prefix asked for.
  const events = (out.events ?? []).filter((e) => e.logStreamName?.startsWith(prefix));
  return { events, nextToken: out.nextToken ?? null };
}

/** One page of a bot's CloudWatch log lines (all its tasks' streams), oldest first. */
export async function readEcsLogs(src: EcsLogSource, botId: string, query: LogQuery = {}): Promise<LogPage> {
  const limit = Math.min(Math.max(query.limit ?? defaultLimit, 1), maxLimit);
  const page = await filterPage(src, botId, sinceMs(query.since, 'since'), query.cursor, limit);
  return { lines: page.events.map(toLine), cursor: page.nextToken };
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Follows a bot's logs: polls FilterLogEvents from the newest timestamp seen (inclusive, so lines
 * written in the same millisecond are not lost), drops lines already delivered, and hands new ones
 * to `onLines` in order. Resolves when `signal` aborts; an AWS error ends it with that error.
 */
export async function followEcsLogs(src: EcsLogSource, botId: string, options: FollowOptions): Promise<void> {
  const { signal } = options;
  const pollMs = src.pollMs ?? 2000;
  let from = sinceMs(options.since, 'since') ?? (src.now ?? (() => new Date()))().getTime();
  let seenAtFrom = new Set<string>();
  let failures = 0;
  while (!signal.aborted) {
    let cursor: string | undefined;
    const fresh: LogLine[] = [];
    do {
      let page: Awaited<ReturnType<typeof filterPage>>;
      try {
        page = await filterPage(src, botId, from, cursor, maxLimit, signal);
        failures = 0;
      } catch (err) {
        if (signal.aborted) return;
        // Throttling and outages were already retried by the SDK; keep following a while longer.
        if (!(err instanceof AppError) || err.code !== 'UNAVAILABLE' || ++failures >= maxFailures) throw err;
        break;
      }
      for (const line of page.events.map(toLine)) if (!seenAtFrom.has(line.id)) fresh.push(line);
      cursor = page.nextToken ?? undefined;
    } while (cursor && !signal.aborted);
    if (signal.aborted) return;
    if (fresh.length > 0) {
      fresh.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      const last = fresh[fresh.length - 1];
      const lastMs = last ? Date.parse(last.at) : from;
      if (lastMs > from) seenAtFrom = new Set();
      from = Math.max(from, lastMs);
      for (const l of fresh) if (Date.parse(l.at) === from) seenAtFrom.add(l.id);
      options.onLines(fresh);
    }
    await delay(pollMs, signal);
  }
}
