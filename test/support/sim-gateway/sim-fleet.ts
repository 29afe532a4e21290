/**
 * TEST DOUBLE fleet: simulated gateways (or a bare ws echo server) in a child process, driven
 * over IPC. Running them in their own process keeps the client under test on its own core:
 * otherwise client and servers would share one event loop and every measurement would include
 * the servers' work.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { JsonObject } from '../../../shared/config/json.ts';
import type { FleetCommand, FleetReply } from './sim-fleet-child.ts';

const childEntry = fileURLToPath(new URL('./sim-fleet-child.ts', import.meta.url));

export interface SimFleet {
  gateways: { url: string; token: string }[];
  pid: number;
  /** Replaces the configs of the gateways at these indexes, behind every client's back. */
  setConfigs(configs: Record<number, JsonObject>): Promise<void>;
  getConfigs(indexes: number[]): Promise<Record<number, JsonObject>>;
  close(): Promise<void>;
}

function request(child: ChildProcess, command: FleetCommand): Promise<FleetReply & { ok: true }> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`The simulated gateway process exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (r: FleetReply) => {
      child.off('exit', onExit);
      if (r.ok) resolve(r);
      else reject(new Error(`The simulated gateway process failed: ${r.error}`));
    });
    child.send(command);
  });
}

function spawnChild(): ChildProcess {
  // No inherited execArgv: the child is plain Node 24 running TypeScript by type stripping.
  return fork(childEntry, [], {
    execArgv: process.env.SIM_CHILD_ARGS ? process.env.SIM_CHILD_ARGS.split(' ') : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await request(child, { cmd: 'close' }).catch(() => undefined);
  const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(kill);
}

/** `count` simulated gateways on loopback, each on its own port with its own token. */
export async function startSimFleet(
  count: number,
  options: { tickIntervalMs?: number; healthIntervalMs?: number | null } = {},
): Promise<SimFleet> {
  const child = spawnChild();
  try {
    const r = await request(child, { cmd: 'start-sims', count, ...options });
    return {
      gateways: r.gateways ?? [],
      pid: child.pid ?? 0,
      setConfigs: async (configs) => {
        await request(child, { cmd: 'set-configs', configs });
      },
      getConfigs: async (indexes) => (await request(child, { cmd: 'get-configs', indexes })).configs ?? {},
      close: () => stop(child),
    };
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
}

/** A bare `ws` echo server in a child process: the baseline for round-trip measurements. */
export async function startEchoServer(): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawnChild();
  const r = await request(child, { cmd: 'start-echo' });
  return { url: r.url ?? '', close: () => stop(child) };
}
