import { useEffect, useMemo, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { EventPayload } from '../../../../shared/contract/events.ts';
import type { BotLogLine, LogLevel } from '../../../../shared/domain/logs.ts';
import { useClient, useGeneration } from '../../app/services.tsx';
import { appendLines, type LogQuery, readTail } from './log-lines.ts';

export interface BotLogs {
  lines: readonly BotLogLine[];
  status: 'loading' | 'ready' | 'error';
  error: ErrorInfo | null;
  /** Where reading stopped when the log was too long to read at once; null when at its end. */
  cursor: string | null;
  readOn(): Promise<void>;
  following: boolean;
  setFollowing(on: boolean): void;
  followError: ErrorInfo | null;
}

type Appended = EventPayload<'bot.logs.appended'>;

/**
 * A bot's log on the bot page: its newest lines under the level and search filters, and, while
 * following, the lines the host pushes for this follow. The follow is stopped when turned off,
 * when the filters change (a new one starts) and when the page goes away.
 */
export function useBotLogs(botId: string, level: LogLevel | undefined, search: string): BotLogs {
  const client = useClient();
  const generation = useGeneration();
  const [lines, setLines] = useState<BotLogLine[]>([]);
  const [status, setStatus] = useState<BotLogs['status']>('loading');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [following, setFollowing] = useState(false);
  const [followError, setFollowError] = useState<ErrorInfo | null>(null);
  const query = useMemo<LogQuery>(
    () => ({ id: botId, ...(level ? { level } : {}), ...(search ? { search } : {}) }),
    [botId, level, search],
  );

  useEffect(() => {
    if (generation === 0) return;
    let live = true;
    let reads = 0;
    let failed = false;
    const load = () => {
      const read = ++reads;
      setLines([]);
      setStatus('loading');
      void readTail(client, query).then((r) => {
        if (!live || read !== reads) return;
        failed = !r.ok;
        if (!r.ok) {
          setError(r.error);
          setStatus('error');
          return;
        }
        // Lines a follow pushed while the tail was read come after it.
        setLines((pushed) => appendLines(r.value.lines, pushed));
        setCursor(r.value.cursor);
        setError(null);
        setStatus('ready');
      });
    };
    // A bot not deployed yet has no log: read it again once its lifecycle moves.
    const off = client.on('bot.runtime.changed', (r) => {
      if (failed && r.botId === botId) load();
    });
    load();
    return () => {
      live = false;
      off();
    };
  }, [client, generation, botId, query]);

  useEffect(() => {
    if (!following || generation === 0) return;
    let live = true;
    let followId: string | null = null;
    const early: Appended[] = [];
    const take = (e: Appended) => setLines((s) => appendLines(s, e.lines));
    const off = client.on('bot.logs.appended', (e) => {
      if (e.botId !== botId) return;
      if (followId === null) early.push(e);
      else if (e.followId === followId) take(e);
    });
    setFollowError(null);
    void client.invoke('bot.logs.follow', query).then((r) => {
      if (!r.ok) {
        if (!live) return;
        setFollowError(r.error);
        setFollowing(false);
        return;
      }
      if (!live) {
        void client.invoke('bot.logs.unfollow', { followId: r.value.followId });
        return;
      }
      followId = r.value.followId;
      for (const e of early.splice(0)) if (e.followId === followId) take(e);
    });
    return () => {
      live = false;
      off();
      if (followId !== null) void client.invoke('bot.logs.unfollow', { followId });
    };
  }, [client, generation, botId, following, query]);

  const readOn = async () => {
    if (cursor === null) return;
    const r = await readTail(client, query, cursor);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setLines((s) => appendLines(s, r.value.lines));
    setCursor(r.value.cursor);
  };

  return { lines, status, error, cursor, readOn, following, setFollowing, followError };
}
