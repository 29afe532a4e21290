import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AwsAccess } from '../../../main/aws/clients.ts';

/**
 * moto, a real AWS emulator (https://github.com/getmoto/moto), run as a server on loopback for the
 * AWS integration tests. Each test file starts its own server on a port the OS picks, resets it
 * between tests and stops it by pid at the end. scripts/ensure-moto.sh installs moto on first use
 * (it holds a lock, so test files starting at once install it once).
 */
export interface MotoServer {
  readonly endpoint: string;
  readonly pid: number;
  /** Region, dummy keys and endpoint for createAwsClients (moto accepts any keys while auth is off). */
  access(region?: string): AwsAccess;
  /** Forgets every resource (POST /moto-api/reset) and turns IAM authentication off again. */
  reset(): Promise<void>;
  /** IAM authentication and authorization of every request (moto's reset-auth), off by default. */
  setAuth(enabled: boolean): Promise<void>;
  /**
   * How fast a moto model moves through its states (moto's state manager), e.g. keep ECS tasks
   * RUNNING until stopped: `setTransition('ecs::task', { progression: 'manual', times: 1000 })`.
   * `reset` puts the default back.
   */
  setTransition(model: string, transition: MotoTransition): Promise<void>;
  stop(): Promise<void>;
}

export type MotoTransition =
  | { progression: 'manual'; times: number }
  | { progression: 'time'; seconds: number }
  | { progression: 'immediate' };

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let pythonPath: Promise<string> | undefined;

/** Runs scripts/ensure-moto.sh once per process; its last stdout line is the PYTHONPATH. */
export function ensureMoto(): Promise<string> {
  pythonPath ??= promisify(execFile)('bash', ['scripts/ensure-moto.sh'], {
    cwd: repoRoot,
    maxBuffer: 1 << 20,
  }).then(({ stdout }) => {
    const line = stdout.trim().split('\n').pop()?.trim();
    if (!line) throw new Error('scripts/ensure-moto.sh printed no PYTHONPATH');
    return line;
  });
  return pythonPath;
}

function waitForPort(child: ChildProcess, deadlineMs: number, tail: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`moto did not start within ${deadlineMs} ms:\n${tail.join('\n')}`));
    }, deadlineMs);
    const onData = (chunk: Buffer) => {
      const m = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(chunk.toString());
      if (m?.[1]) {
        cleanup();
        resolve(Number(m[1]));
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`moto exited with code ${code} before it listened:\n${tail.join('\n')}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

async function waitUntilAnswering(endpoint: string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return;
      last = new Error(`HTTP ${res.status}`);
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`moto at ${endpoint} did not answer /moto-api/ within ${deadlineMs} ms: ${String(last)}`);
}

async function post(url: string, body?: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} failed: HTTP ${res.status} ${text}`);
}

export async function startMoto(options: { deadlineMs?: number } = {}): Promise<MotoServer> {
  const deadlineMs = options.deadlineMs ?? 60_000;
  const path = await ensureMoto();
  const child = spawn('/usr/bin/python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', '0'], {
    env: { ...process.env, PYTHONPATH: path, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start /usr/bin/python3 -m moto.server');
  const tail: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 40));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(pid, 'SIGTERM');
    const timer = setTimeout(() => child.exitCode === null && process.kill(pid, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const port = await waitForPort(child, deadlineMs, tail);
    const endpoint = `http://127.0.0.1:${port}`;
    await waitUntilAnswering(endpoint, deadlineMs);
    const transitions = new Set<string>();
    return {
      endpoint,
      pid,
      access: (region = 'eu-west-1') => ({
        region,
        endpoint,
        keys: { accessKeyId: 'AKIAMOTOTESTKEY00001', secretAccessKey: 'moto-test-secret-key-not-real' },
        maxAttempts: 2,
      }),
      reset: async () => {
        await post(`${endpoint}/moto-api/reset-auth`, 'inf');
        for (const model of transitions)
          await post(
            `${endpoint}/moto-api/state-manager/unset-transition`,
            JSON.stringify({ model_name: model }),
          );
        transitions.clear();
        await post(`${endpoint}/moto-api/reset`);
      },
      setAuth: (enabled) => post(`${endpoint}/moto-api/reset-auth`, enabled ? '0' : 'inf'),
      setTransition: async (model, transition) => {
        transitions.add(model);
        await post(
          `${endpoint}/moto-api/state-manager/set-transition`,
          JSON.stringify({ model_name: model, transition }),
        );
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
