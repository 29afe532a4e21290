import { createHash } from 'node:crypto';
import { readdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * OpenClaw keeps SQLite lock files in `/tmp/openclaw-state-locks-<uid>/` whatever TMPDIR says,
 * named `<kind>.<first 8 hex of sha256(state database path)>.lock.sqlite` (the database is
 * `$OPENCLAW_STATE_DIR/state/openclaw.sqlite`). Destroying a bot removes its own.
 */
export async function removeStateLocks(stateDir: string): Promise<string[]> {
  const dir = join('/tmp', `openclaw-state-locks-${process.getuid?.() ?? 0}`);
  const db = join(stateDir, 'state', 'openclaw.sqlite');
  const tag = `.${createHash('sha256').update(db).digest('hex').slice(0, 8)}.lock.sqlite`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const mine = names.filter((n) => n.endsWith(tag));
  await Promise.all(mine.map((n) => rm(join(dir, n), { force: true })));
  await rmdir(dir).catch(() => undefined);
  return mine.map((n) => join(dir, n));
}
