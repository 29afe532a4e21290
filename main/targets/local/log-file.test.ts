import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors.ts';
import { followLogFile, readLogPage, tailText } from './log-file.ts';
import { type LocalLogLine, parseLogLine } from './log-lines.ts';

let dir: string;
let file: string;
const now = () => new Date('2026-11-24T00:00:00.000Z');
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clawster-logs-'));
  file = join(dir, 'openclaw.log');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A record as OpenClaw 2026.9.6 writes it (tslog JSONL). */
function record(i: number, level = 'INFO'): string {
  return JSON.stringify({
    0: '{"subsystem":"gateway"}',
    1: `message ${i}`,
    _meta: {
      logLevelName: level,
      name: '{"subsystem":"gateway"}',
      date: `2026-11-24T02:30:${String(i).padStart(2, '0')}.000Z`,
    },
    time: `2026-11-24T02:30:${String(i).padStart(2, '0')}.000+00:00`,
    message: `message ${i}`,
  });
}

describe('OpenClaw log lines', () => {
  it('parse to time, level and subsystem-prefixed message; other text is kept as it is', () => {
    expect(parseLogLine(record(7, 'WARN'), 40, 'openclaw.log', now().toISOString())).toEqual({
      at: '2026-11-24T02:30:07.000Z',
      message: '[gateway] message 7',
      level: 'warn',
      source: 'openclaw.log',
      id: 'openclaw.log:40',
    });
    expect(parseLogLine('plain text {', 0, 's', '2026-01-01T00:00:00.000Z')).toEqual({
      at: '2026-01-01T00:00:00.000Z',
      message: 'plain text {',
      source: 's',
      id: 's:0',
    });
  });

  it('page oldest first with a byte cursor, null at the end, and a partial last line waits', async () => {
    await writeFile(file, `${[1, 2, 3, 4, 5].map((i) => record(i)).join('\n')}\n${record(6).slice(0, 20)}`);
    const src = { file, source: 'openclaw.log', now };
    const first = await readLogPage(src, { limit: 2 });
    expect(first.lines.map((l) => l.message)).toEqual(['[gateway] message 1', '[gateway] message 2']);
    const second = await readLogPage(src, { limit: 10, cursor: first.cursor ?? undefined });
    expect(second.lines.map((l) => l.message)).toEqual([
      '[gateway] message 3',
      '[gateway] message 4',
      '[gateway] message 5',
    ]);
    expect(second.cursor).toBeNull();
    const since = await readLogPage(src, { since: '2026-11-24T02:30:04Z' });
    expect(since.lines.map((l) => (l as LocalLogLine).message)).toEqual([
      '[gateway] message 4',
      '[gateway] message 5',
    ]);
    expect(await readLogPage({ ...src, file: join(dir, 'none.log') })).toEqual({ lines: [], cursor: null });
    await expect(readLogPage(src, { cursor: '../x' })).rejects.toBeInstanceOf(AppError);
  });

  it('tail the last lines of a file for error messages', async () => {
    await writeFile(file, 'a\nb\n\nc\nd\n');
    expect(await tailText(file, 2)).toBe('c\nd');
    expect(await tailText(join(dir, 'none'), 2)).toBe('');
  });

  it('follow: a file created after following began, a partial line delivered once complete, resolves on abort', async () => {
    const ac = new AbortController();
    const got: string[] = [];
    let wake: () => void = () => {};
    let want = 2;
    const following = followLogFile(
      { file, source: 'openclaw.log', now },
      {
        signal: ac.signal,
        onLines: (lines) => {
          got.push(...lines.map((l) => l.message));
          if (got.length >= want) wake();
        },
      },
    );
    const until = (n: number) =>
      new Promise<void>((resolve) => {
        want = n;
        wake = resolve;
        if (got.length >= n) resolve();
      });
    const two = until(2);
    await writeFile(file, `${record(1)}\n${record(2)}\n${record(3).slice(0, 30)}`);
    await two;
    const three = until(3);
    await appendFile(file, `${record(3).slice(30)}\n`);
    await three;
    ac.abort();
    await following;
    expect(got).toEqual(['[gateway] message 1', '[gateway] message 2', '[gateway] message 3']);
  });

  it('follow with since: older lines of the file are skipped', async () => {
    await writeFile(file, `${record(1)}\n${record(2)}\n${record(3)}\n`);
    const ac = new AbortController();
    const got: string[] = [];
    let wake: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const following = followLogFile(
      { file, source: 'openclaw.log', now },
      {
        signal: ac.signal,
        since: '2026-11-24T02:30:02Z',
        onLines: (lines) => {
          got.push(...lines.map((l) => l.message));
          if (got.length >= 2) wake();
        },
      },
    );
    await done;
    ac.abort();
    await following;
    expect(got).toEqual(['[gateway] message 2', '[gateway] message 3']);
  });
});
