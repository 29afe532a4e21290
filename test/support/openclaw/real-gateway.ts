import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { acquireAny, type HeldLock } from './file-lock.ts';
import { cacheDir, ensureOpenclaw, type OpenclawInstall } from './install.ts';

const runFile = promisify(execFile);

/** At most this many real gateways run at once across the whole test suite (each is ~1 GB RSS). */
export const MAX_GATEWAYS = 3;

export interface RealGatewayOptions {
  /** The shared token; a random one by default. */
  token?: string;
  /** Extra config merged (shallowly per top-level key) over the base config. */
  config?: Record<string, unknown>;
  /** How long to wait for /readyz (cold start is about 25 s on 2 vCPUs). */
  readyDeadlineMs?: number;
}

export interface RealGateway {
  url: string;
  port: number;
  token: string;
  pid: number;
  home: string;
  configPath: string;
  logFile: string;
  /** Runs the openclaw CLI against this gateway's home (e.g. `devices approve <id>`). */
  cli(args: string[], timeoutMs?: number): Promise<{ stdout: string; stderr: string }>;
  /** The last lines of the gateway's stdout/stderr, for failure messages. */
  outputTail(lines?: number): string;
  /** SIGTERM, SIGKILL to its process group after a deadline, then its files are removed. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The gateway's whole environment: the switches that keep it offline, quiet and inside its temp
 * home, and nothing of the test runner's (openclaw changes behaviour under VITEST and
 * NODE_ENV=test, e.g. it ignores logging.file; NODE_OPTIONS could load the runner's hooks).
 */
function gatewayEnv(home: string): NodeJS.ProcessEnv {
  const keep = ['PATH', 'LANG', 'LC_ALL', 'TZ'] as const;
  const inherited = Object.fromEntries(keep.flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])));
  return {
    ...inherited,
    HOME: home,
    OPENCLAW_HOME: home,
    OPENCLAW_STATE_DIR: join(home, '.openclaw'),
    OPENCLAW_CONFIG_PATH: join(home, '.openclaw', 'openclaw.json'),
    TMPDIR: join(home, 'tmp'),
    OPENCLAW_DISABLE_BONJOUR: '1',
    OPENCLAW_NO_RESPAWN: '1',
    OPENCLAW_SKIP_CHANNELS: '1',
    OPENCLAW_EXEC_SHELL_SNAPSHOT: '0',
    OPENCLAW_NO_AUTO_UPDATE: '1',
    OPENCLAW_OFFLINE: '1',
  };
}

async function waitReady(port: number, child: ChildProcess, deadlineMs: number, tail: () => string) {
  const until = Date.now() + deadlineMs;
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  let last = 'no answer yet';
  while (Date.now() < until) {
    if (exited) throw new Error(`The OpenClaw gateway ${exited} before it was ready.\n${tail()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) });
      const body: unknown = await res.json();
      if (typeof body === 'object' && body !== null && 'ready' in body && body.ready === true) return;
      last = JSON.stringify(body);
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise<void>((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The OpenClaw gateway was not ready after ${deadlineMs} ms (last: ${last}).\n${tail()}`);
}

function slotDirs(): string[] {
  return Array.from({ length: MAX_GATEWAYS }, (_, i) => join(cacheDir(), 'gateway-slots', `slot-${i}`));
}

/**
 * Holds one of the MAX_GATEWAYS slots until released, for tests whose gateways are started by
 * product code (the local target) rather than by startRealGateway.
 */
export async function acquireGatewaySlot(): Promise<HeldLock> {
  await mkdir(join(cacheDir(), 'gateway-slots'), { recursive: true });
  return acquireAny(slotDirs(), 'a free real-gateway slot', 900_000);
}

/**
 * Starts a real OpenClaw gateway in a temp HOME (loopback bind, token auth, offline switches,
 * TMPDIR and the log file inside the temp dir) and waits until /readyz reports ready.
 */
export async function startRealGateway(options: RealGatewayOptions = {}): Promise<RealGateway> {
  const install = await ensureOpenclaw();
  await mkdir(join(cacheDir(), 'gateway-slots'), { recursive: true });
  const slot = await acquireAny(slotDirs(), 'a free real-gateway slot', 900_000);
  try {
    return await launch(install, slot, options);
  } catch (e) {
    await slot.release();
    throw e;
  }
}

async function launch(install: OpenclawInstall, slot: HeldLock, options: RealGatewayOptions) {
  const home = await mkdtemp(join(tmpdir(), 'clawster-openclaw-'));
  const token = options.token ?? `test-${randomBytes(18).toString('hex')}`;
  const port = await freePort();
  const configPath = join(home, '.openclaw', 'openclaw.json');
  const logFile = join(home, 'logs', 'openclaw.log');
  await mkdir(join(home, '.openclaw'), { recursive: true });
  await mkdir(join(home, 'tmp'), { recursive: true });
  await mkdir(join(home, 'logs'), { recursive: true });
  const base: Record<string, unknown> = {
    gateway: { mode: 'local', port, bind: 'loopback', auth: { mode: 'token', token } },
    logging: { file: logFile },
    update: { checkOnStart: false },
    discovery: { mdns: { mode: 'off' } },
  };
  const config = { ...base, ...options.config };
  if (options.config?.gateway && typeof options.config.gateway === 'object')
    config.gateway = { ...(base.gateway as object), ...(options.config.gateway as object) };
  await writeFile(configPath, JSON.stringify(config, null, 2), { mode: 0o600 });

  const env = gatewayEnv(home);
  const outFile = join(home, 'gateway-output.log');
  const out = createWriteStream(outFile);
  const child = spawn(install.node, [install.entry, 'gateway', 'run'], {
    cwd: home,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error('Could not start the OpenClaw gateway process');
  const outputTail = (lines = 40) => {
    try {
      return readFileSync(outFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const killer = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000);
      await exited;
      clearTimeout(killer);
    }
    // The gateway's own helpers live in its process group; none may outlive it.
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // none left
    }
    out.end();
    await removeStateLocks(home);
    await rm(home, { recursive: true, force: true });
    await slot.release();
  };

  try {
    await waitReady(port, child, options.readyDeadlineMs ?? 120_000, outputTail);
  } catch (e) {
    await stop();
    throw e;
  }

  const cli = async (args: string[], timeoutMs = 60_000) => {
    const res = await runFile(install.node, [install.entry, ...args], {
      cwd: home,
      env: { ...env, OPENCLAW_GATEWAY_PORT: String(port) },
      timeout: timeoutMs,
      maxBuffer: 8 * 1024 * 1024,
    });
    return { stdout: res.stdout, stderr: res.stderr };
  };

  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    token,
    pid,
    home,
    configPath,
    logFile,
    cli,
    outputTail,
    stop,
  };
}

/**
 * OpenClaw keeps SQLite lock files in `/tmp/openclaw-state-locks-<uid>/` whatever TMPDIR says,
 * named `<kind>.<first 8 hex of sha256(state database path)>.lock.sqlite`. This gateway's are
 * removed with it.
 */
async function removeStateLocks(home: string): Promise<void> {
  const dir = join('/tmp', `openclaw-state-locks-${process.getuid?.() ?? 0}`);
  const db = join(home, '.openclaw', 'state', 'openclaw.sqlite');
  const tag = `.${createHash('sha256').update(db).digest('hex').slice(0, 8)}.lock.sqlite`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => n.endsWith(tag)).map((n) => rm(join(dir, n), { force: true })));
  // Folders openclaw creates in /tmp whatever TMPDIR says; removed only when empty (rmdir).
  for (const folder of [dir, join('/tmp', 'openclaw')]) await rmdir(folder).catch(() => undefined);
}
