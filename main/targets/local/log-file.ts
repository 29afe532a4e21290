import { type FSWatcher, watch } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { AppError } from '../../../shared/contract/errors.ts';
import type { FollowOptions, LogPage, LogQuery } from '../target.ts';
import { type LocalLogLine, parseLogLine, splitLines } from './log-lines.ts';

const defaultLimit = 200;
const maxLimit = 10_000;
const chunkBytes = 64 * 1024;

function parseCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  if (/^\d{1,15}$/.test(cursor)) return Number(cursor);
  throw new AppError(
    'VALIDATION',
    'That log cursor is not one this bot returned; start from the first page.',
    [{ path: 'cursor', message: 'not a local log cursor' }],
  );
}

function sinceIso(since: string | undefined): string | undefined {
  if (since === undefined) return undefined;
  const ms = Date.parse(since);
  if (Number.isNaN(ms))
    throw new AppError('VALIDATION', `"${since}" is not a time; use an ISO time like 2026-01-31T12:00:00Z.`, [
      { path: 'since', message: 'not an ISO time' },
    ]);
  return new Date(ms).toISOString();
}

async function size(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/**
 * Reads complete lines from byte `from` until `limit` lines were kept or the end of the file.
 * Returns where the next read starts (a partial last line is left for later).
 */
async function readLines(
  file: string,
  from: number,
  limit: number,
  keep: (l: LocalLogLine) => boolean,
  source: string,
  now: () => Date,
): Promise<{ lines: LocalLogLine[]; next: number; eof: boolean }> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(file, 'r');
  } catch {
    return { lines: [], next: from, eof: true };
  }
  try {
    const total = (await fh.stat()).size;
    const lines: LocalLogLine[] = [];
    let pos = Math.min(from, total);
    let buf = Buffer.alloc(chunkBytes);
    // Only a partial last line left (still being written) counts as the end too.
    let partialTail = false;
    while (pos < total && lines.length < limit) {
      const want = Math.min(buf.length, total - pos);
      const { bytesRead } = await fh.read(buf, 0, want, pos);
      if (bytesRead === 0) break;
      const split = splitLines(buf.subarray(0, bytesRead), pos);
      if (split.consumed === 0) {
        // One line longer than the buffer: grow it, unless the file simply ends without a newline.
        if (pos + bytesRead >= total) {
          partialTail = true;
          break;
        }
        buf = Buffer.alloc(buf.length * 2);
        continue;
      }
      const at = now().toISOString();
      let consumedTo = pos + split.consumed;
      for (const l of split.lines) {
        const line = parseLogLine(l.text, l.offset, source, at);
        if (!keep(line)) continue;
        lines.push(line);
        if (lines.length >= limit) {
          consumedTo = l.end;
          break;
        }
      }
      pos = consumedTo;
    }
    return { lines, next: pos, eof: pos >= total || partialTail };
  } finally {
    await fh.close();
  }
}

export interface LogFileSource {
  file: string;
  /** Shown as each line's `source`. */
  source: string;
  now?: () => Date;
}

/** One page of the log file, oldest first; the cursor is the byte offset of the next line. */
export async function readLogPage(src: LogFileSource, query: LogQuery = {}): Promise<LogPage> {
  const limit = Math.min(Math.max(query.limit ?? defaultLimit, 1), maxLimit);
  const since = sinceIso(query.since);
  const now = src.now ?? (() => new Date());
  const page = await readLines(
    src.file,
    parseCursor(query.cursor),
    limit,
    (l) => since === undefined || l.at >= since,
    src.source,
    now,
  );
  return { lines: page.lines, cursor: page.eof ? null : String(page.next) };
}

/** The last `count` lines of a text file (for error messages), or '' when there is none. */
export async function tailText(file: string, count = 20, maxBytes = 32 * 1024): Promise<string> {
  const total = await size(file);
  if (total === 0) return '';
  const fh = await open(file, 'r');
  try {
    const from = Math.max(0, total - maxBytes);
    const buf = Buffer.alloc(total - from);
    await fh.read(buf, 0, buf.length, from);
    const lines = buf.toString('utf8').split('\n');
    if (from > 0) lines.shift();
    return lines
      .filter((l) => l.trim() !== '')
      .slice(-count)
      .join('\n');
  } finally {
    await fh.close();
  }
}

/**
 * Follows the log file: waits for file-system events on its folder (the file may not exist yet),
 * reads from the last offset, and hands complete new lines to `onLines`. A file that shrank was
 * replaced, and is read again from its start. Resolves when `signal` aborts.
 */
export async function followLogFile(src: LogFileSource, options: FollowOptions): Promise<void> {
  const { signal } = options;
  if (signal.aborted) return;
  const since = sinceIso(options.since);
  const now = src.now ?? (() => new Date());
  let offset = since === undefined ? await size(src.file) : 0;
  let reading = false;
  let again = false;
  let failed: unknown = null;
  let watcher: FSWatcher | undefined;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const drain = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        if ((await size(src.file)) < offset) offset = 0;
        for (;;) {
          const page = await readLines(
            src.file,
            offset,
            maxLimit,
            (l) => since === undefined || l.at >= since,
            src.source,
            now,
          );
          offset = page.next;
          if (page.lines.length > 0 && !signal.aborted) options.onLines(page.lines);
          if (page.eof || signal.aborted) break;
        }
      } while (again && !signal.aborted);
    } catch (e) {
      failed = e;
      finish();
    } finally {
      reading = false;
    }
  };

  const name = basename(src.file);
  try {
    watcher = watch(dirname(src.file), { persistent: false }, (_event, changed) => {
      if (changed === null || changed === name) void drain();
    });
  } catch (e) {
    throw new AppError('UNAVAILABLE', `Cannot watch the bot's log folder ${dirname(src.file)}: ${String(e)}`);
  }
  watcher.on('error', (e) => {
    failed = e;
    finish();
  });
  const onAbort = () => finish();
  signal.addEventListener('abort', onAbort, { once: true });
  // Lines written between the size check and the watch starting are read now.
  void drain();
  await done;
  signal.removeEventListener('abort', onAbort);
  watcher.close();
  if (failed !== null && !signal.aborted) throw failed;
}
