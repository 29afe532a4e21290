import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);

/**
 * The pid file of a running gateway (`<botDir>/gateway.pid`, JSON). The start time makes a pid
 * unambiguous: after a reboot or a long time, the same pid can belong to another program, and a
 * pid whose start time differs is not our gateway.
 */
export const pidRecordSchema = z.object({
  pid: z.number().int().positive(),
  /** The kernel's start time of the process (see processStartTime); null where unknown. */
  startTime: z.string().nullable(),
  port: z.number().int().min(1).max(65535),
  configVersion: z.string(),
  runtimeVersion: z.string(),
  /** ISO time the target started it. */
  startedAt: z.string(),
});
export type PidRecord = z.infer<typeof pidRecordSchema>;

export async function writePidFile(file: string, rec: PidRecord): Promise<void> {
  await writeFile(file, `${JSON.stringify(rec)}\n`, { mode: 0o600 });
}

/** The pid record, or null when there is none or it is unreadable (a torn write counts as none). */
export async function readPidFile(file: string): Promise<PidRecord | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = pidRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function removePidFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

/**
 * Whether a process with this pid exists and has not exited (EPERM: it exists but is someone
 * else's). An exited child not yet reaped (a zombie, state Z in /proc) counts as gone.
 */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (!(e instanceof Error && 'code' in e && e.code === 'EPERM')) return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // No /proc (macOS): kill(0) is all there is.
    return true;
  }
}

/**
 * Field 22 of /proc/<pid>/stat (start time in clock ticks since boot). The command name in
 * field 2 may hold spaces and parentheses, so fields are counted after its closing parenthesis.
 */
export function startTimeFromStat(stat: string): string | null {
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const fields = stat
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // After ")" come field 3 (state) onwards; field 22 is index 22 - 3.
  const value = fields[19];
  return value && /^\d+$/.test(value) ? value : null;
}

/** A stable start-time label of a live process: /proc on Linux, `ps -o lstart=` elsewhere. */
export async function processStartTime(pid: number): Promise<string | null> {
  try {
    return startTimeFromStat(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    // No /proc (macOS) or the process is gone.
  }
  try {
    const { stdout } = await run('ps', ['-o', 'lstart=', '-p', String(pid)], { timeout: 5000 });
    const text = stdout.trim();
    return text === '' ? null : `ps:${text}`;
  } catch {
    return null;
  }
}

/** The command line of a live process (Linux), or null. OpenClaw retitles itself `openclaw-gateway`. */
export async function processCommandLine(pid: number): Promise<string | null> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ').trim();
  } catch {
    return null;
  }
}

export type Identity = { alive: true } | { alive: false; reason: string };

/** Whether the process in a pid record is alive and is still the process the record was made for. */
export async function checkIdentity(rec: PidRecord): Promise<Identity> {
  if (!pidAlive(rec.pid)) return { alive: false, reason: `process ${rec.pid} is no longer running` };
  const start = await processStartTime(rec.pid);
  if (rec.startTime !== null && start !== null && start !== rec.startTime)
    return { alive: false, reason: `pid ${rec.pid} now belongs to another process (different start time)` };
  const cmd = await processCommandLine(rec.pid);
  if (cmd !== null && !/openclaw/i.test(cmd))
    return { alive: false, reason: `pid ${rec.pid} now belongs to another program (${cmd.slice(0, 60)})` };
  return { alive: true };
}
