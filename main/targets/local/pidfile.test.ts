import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkIdentity,
  pidAlive,
  processStartTime,
  readPidFile,
  removePidFile,
  startTimeFromStat,
  writePidFile,
} from './pidfile.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clawster-pid-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rec = {
  pid: process.pid,
  startTime: null,
  port: 18789,
  configVersion: 'v1',
  runtimeVersion: '2026.9.6',
  startedAt: '2026-01-01T00:00:00.000Z',
};

describe('pid file', () => {
  it('round-trips and is removed; a torn or foreign file reads as none', async () => {
    const file = join(dir, 'gateway.pid');
    expect(await readPidFile(file)).toBeNull();
    await writePidFile(file, rec);
    expect(await readPidFile(file)).toEqual(rec);
    await writeFile(file, '{"pid": 12');
    expect(await readPidFile(file)).toBeNull();
    await writeFile(file, '{"pid": -1, "port": 1}');
    expect(await readPidFile(file)).toBeNull();
    await removePidFile(file);
    await removePidFile(file);
  });

  it('reads the start time after a command name with spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[0] = 'S';
    expect(startTimeFromStat(`123 (we ird) name) ${fields.join(' ')}`)).toBe('22');
    expect(startTimeFromStat('garbage')).toBeNull();
  });

  it('tells a live process from a dead one and from a reused pid', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const startTime = await processStartTime(pid);
    expect(startTime).not.toBeNull();
    const mine = { ...rec, pid, startTime };
    // Not an openclaw process: its command line gives it away.
    expect(await checkIdentity(mine)).toMatchObject({
      alive: false,
      reason: expect.stringContaining('another program'),
    });
    expect(await checkIdentity({ ...mine, startTime: '1' })).toMatchObject({
      alive: false,
      reason: expect.stringContaining('different start time'),
    });
    child.kill('SIGKILL');
    await exited;
    expect(pidAlive(pid)).toBe(false);
    expect(await checkIdentity(mine)).toMatchObject({
      alive: false,
      reason: `process ${pid} is no longer running`,
    });
  });
});
