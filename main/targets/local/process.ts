import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { pidAlive } from './pidfile.ts';
import type { OpenclawRuntime } from './runtime.ts';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the program could not be started at all (e.g. ENOENT). */
  error?: string;
}

export interface SpawnedGateway {
  pid: number;
  child: ChildProcess;
  /** Resolves once when the process has exited (never rejects). */
  exited: Promise<ExitInfo>;
}

/** "exited with code 78", "was killed by SIGKILL", "could not start: …". */
export function describeExit(e: ExitInfo): string {
  if (e.error) return `could not start: ${e.error}`;
  if (e.signal) return `was killed by ${e.signal}`;
  return `exited with code ${e.code ?? 'unknown'}`;
}

/**
 * Starts `openclaw gateway run` detached in its own process group (so it outlives the app and
 * can be stopped as a group with its worker processes), its output appended to `outputFile`
 * (a pipe to the app would kill it with SIGPIPE once the app is gone).
 */
export function spawnGateway(o: {
  runtime: OpenclawRuntime;
  cwd: string;
  env: NodeJS.ProcessEnv;
  outputFile: string;
}): SpawnedGateway | { error: string } {
  const fd = openSync(o.outputFile, 'a', 0o600);
  let child: ChildProcess;
  try {
    child = spawn(o.runtime.command, [...o.runtime.args, 'gateway', 'run'], {
      cwd: o.cwd,
      env: o.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  } finally {
    closeSync(fd);
  }
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('error', (e) => resolve({ code: null, signal: null, error: e.message }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  if (child.pid === undefined) return { error: `${o.runtime.command} did not start` };
  child.unref();
  return { pid: child.pid, child, exited };
}

export interface Probe {
  ok: boolean;
  /** The body or the error, for messages. */
  detail: string;
}

async function probe(
  port: number,
  path: string,
  timeoutMs: number,
  ok: (body: unknown) => boolean,
): Promise<Probe> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    return { ok: res.ok && ok(body), detail: text.slice(0, 300) };
  } catch (e) {
    return {
      ok: false,
      detail: e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e),
    };
  }
}

const field = (body: unknown, key: string): unknown =>
  typeof body === 'object' && body !== null && key in body
    ? Object.getOwnPropertyDescriptor(body, key)?.value
    : undefined;

/** `/readyz` → `{ready: true, ...}`: the gateway serves requests. */
export function probeReady(port: number, timeoutMs = 2000): Promise<Probe> {
  return probe(port, '/readyz', timeoutMs, (b) => field(b, 'ready') === true);
}

/** `/healthz` → `{ok: true, status: "live"}`: the process answers HTTP. */
export function probeLive(port: number, timeoutMs = 2000): Promise<Probe> {
  return probe(port, '/healthz', timeoutMs, (b) => field(b, 'ok') === true);
}

export type ReadyOutcome =
  | { kind: 'ready'; ms: number }
  | { kind: 'exited'; exit: ExitInfo; ms: number }
  | { kind: 'timeout'; last: string; ms: number };

/** Probes /readyz every `intervalMs` until ready, until the process exits, or until `timeoutMs`. */
export async function waitReady(
  port: number,
  exited: Promise<ExitInfo>,
  o: { timeoutMs: number; intervalMs?: number },
): Promise<ReadyOutcome> {
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  let exit: ExitInfo | null = null;
  void exited.then((e) => {
    exit = e;
  });
  let last = 'no answer yet';
  let wake: () => void = () => {};
  void exited.then(() => wake());
  for (;;) {
    if (exit) return { kind: 'exited', exit, ms: ms() };
    const p = await probeReady(port, Math.min(2000, Math.max(250, o.timeoutMs - ms())));
    if (p.ok) return { kind: 'ready', ms: ms() };
    last = p.detail;
    if (exit) return { kind: 'exited', exit, ms: ms() };
    if (ms() >= o.timeoutMs) return { kind: 'timeout', last, ms: ms() };
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, o.intervalMs ?? 300);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** Resolves when `pid` is gone: its exit event when it is our child, else a liveness check. */
function gone(pid: number, exited: Promise<ExitInfo> | undefined, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (v: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearInterval(poll);
      resolve(v);
    };
    const deadline = setTimeout(() => finish(false), ms);
    // An adopted gateway is not our child, so no exit event arrives: check it is alive.
    const poll = setInterval(() => {
      if (!exited && !pidAlive(pid)) finish(true);
    }, 100);
    void exited?.then(() => finish(true));
    if (!exited && !pidAlive(pid)) finish(true);
  });
}

/**
 * Stops a gateway's process group: SIGTERM (OpenClaw drains and exits in a few seconds), SIGKILL
 * after `graceMs`, then SIGKILL to whatever of the group is left (worker processes).
 */
export async function stopGroup(
  pid: number,
  o: { graceMs: number; exited?: Promise<ExitInfo> },
): Promise<{ forced: boolean; ms: number }> {
  const t0 = performance.now();
  signalGroup(pid, 'SIGTERM');
  let forced = false;
  if (!(await gone(pid, o.exited, o.graceMs))) {
    forced = true;
    signalGroup(pid, 'SIGKILL');
    await gone(pid, o.exited, 10_000);
  }
  signalGroup(pid, 'SIGKILL');
  return { forced, ms: Math.round(performance.now() - t0) };
}
