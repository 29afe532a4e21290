import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Cross-process locks for the test harness (vitest runs test files in separate workers).
 * A lock is a directory created atomically with `mkdir`; it names its owner's pid, and a lock
 * whose owner is no longer alive is taken over. Waiting polls with a bounded deadline.
 */
export interface HeldLock {
  dir: string;
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function ownerOf(dir: string): Promise<number | null> {
  try {
    const pid = Number((await readFile(join(dir, 'owner'), 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function olderThan(dir: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(dir)).mtimeMs > ms;
  } catch {
    return true;
  }
}

/** One attempt: the lock, or null when a live process holds it. */
export async function tryLock(dir: string): Promise<HeldLock | null> {
  try {
    await mkdir(dir, { recursive: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const owner = await ownerOf(dir);
    // A lock without an owner file is either being created right now or was left half-made
    // by a crash; it is taken over only once it is clearly old.
    if (owner === null ? !(await olderThan(dir, 60_000)) : alive(owner)) return null;
    await rm(dir, { recursive: true, force: true });
    return tryLock(dir);
  }
  await writeFile(join(dir, 'owner'), String(process.pid));
  return { dir, release: () => rm(dir, { recursive: true, force: true }) };
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Takes the first free lock among `dirs`, waiting (polling) until `deadlineMs` from now. */
export async function acquireAny(
  dirs: readonly string[],
  what: string,
  deadlineMs: number,
): Promise<HeldLock> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    for (const dir of dirs) {
      const held = await tryLock(dir);
      if (held) return held;
    }
    if (Date.now() > until) throw new Error(`Timed out after ${deadlineMs} ms waiting for ${what}`);
    await pause(250);
  }
}
