/**
 * The real-gateway harness's cross-process locks: one openclaw install at a time, at most three
 * gateways at once, and a lock left by a dead process is taken over.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireAny, tryLock } from '../support/openclaw/file-lock.ts';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('real-gateway harness locks', () => {
  it('hands out each slot once and frees it on release', async () => {
    dir = await mkdtemp(join(tmpdir(), 'clawster-lock-'));
    const slots = [0, 1, 2].map((i) => join(dir, `slot-${i}`));
    const held = [
      await acquireAny(slots, 'a slot', 1000),
      await acquireAny(slots, 'a slot', 1000),
      await acquireAny(slots, 'a slot', 1000),
    ];
    expect(new Set(held.map((h) => h.dir)).size).toBe(3);
    await expect(acquireAny(slots, 'a fourth slot', 300)).rejects.toThrow(
      /Timed out after 300 ms waiting for a fourth slot/,
    );
    await held[1]?.release();
    expect((await acquireAny(slots, 'a slot', 1000)).dir).toBe(held[1]?.dir);
    expect(await readFile(join(slots[0] ?? '', 'owner'), 'utf8')).toBe(String(process.pid));
  });

  it('takes over a lock whose owner process is gone, never one whose owner lives', async () => {
    dir = await mkdtemp(join(tmpdir(), 'clawster-lock-'));
    const lock = join(dir, 'install-lock');
    const gone = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    await mkdir(lock);
    await writeFile(join(lock, 'owner'), gone);
    const taken = await tryLock(lock);
    expect(taken).not.toBeNull();
    expect(await tryLock(lock)).toBeNull();
    await taken?.release();
  });
});
