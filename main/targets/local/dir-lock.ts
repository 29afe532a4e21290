import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A lock between processes (two Clawster windows, the CLI and the app) that is a directory made
 * atomically with `mkdir`, naming its owner's pid. A lock whose owner has died is taken over; one
 * without an owner file is taken over once it is clearly old (a crash between mkdir and write).
 */
export interface DirLock {
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e instanceof Error && 'code' in e && e.code === 'EPERM';
  }
}

async function owner(dir: string): Promise<number | null> {
  try {
    const pid = Number((await readFile(join(dir, 'owner'), 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function ageMs(dir: string): Promise<number> {
  try {
    return Date.now() - (await stat(dir)).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** One attempt: the lock, or null while a live process holds it. */
export async function tryDirLock(dir: string): Promise<DirLock | null> {
  try {
    await mkdir(dir);
  } catch (e) {
    if (!(e instanceof Error && 'code' in e && e.code === 'EEXIST')) throw e;
    const pid = await owner(dir);
    if (pid === null ? (await ageMs(dir)) < 60_000 : alive(pid)) return null;
    await rm(dir, { recursive: true, force: true });
    return tryDirLock(dir);
  }
  await writeFile(join(dir, 'owner'), String(process.pid));
  return { release: () => rm(dir, { recursive: true, force: true }) };
}

/** Waits for the lock (checking every `pollMs`), or null once `waitMs` have passed. */
export async function acquireDirLock(dir: string, waitMs: number, pollMs = 500): Promise<DirLock | null> {
  const until = Date.now() + waitMs;
  for (;;) {
    const lock = await tryDirLock(dir);
    if (lock || Date.now() >= until) return lock;
    await new Promise<void>((resolve) => setTimeout(resolve, pollMs));
  }
}
