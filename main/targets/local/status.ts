import type { BotRuntimeStatus, RuntimeHealth, RuntimeState } from '../target.ts';
import type { BotRecord } from './bot-record.ts';
import { probeReady } from './process.ts';

/** The bot page's status of a local bot: the contract's fields plus what only a local bot has. */
export interface LocalBotStatus extends BotRuntimeStatus {
  port?: number;
  pid?: number;
  /** Since the current process started, while it runs. */
  uptimeMs?: number;
  restartCount: number;
  lastError: { at: string; message: string } | null;
  runtimeVersion?: string;
}

export function absentStatus(): LocalBotStatus {
  return {
    state: 'absent',
    health: 'unknown',
    desired: 0,
    running: 0,
    detail: 'Not deployed on this machine.',
    instances: [],
    events: [],
    restartCount: 0,
    lastError: null,
  };
}

const stateOf: Record<BotRecord['phase'], RuntimeState> = {
  starting: 'starting',
  running: 'running',
  stopping: 'stopping',
  stopped: 'stopped',
  failed: 'failed',
};

/** Folds a record, the process (if alive) and a /readyz probe into the status. */
export async function localStatus(
  rec: BotRecord,
  proc: { pid: number; port: number; startedAt: string } | null,
  now: Date,
): Promise<LocalBotStatus> {
  const state = stateOf[rec.phase];
  let health: RuntimeHealth = 'unknown';
  let probe = '';
  if (proc && (state === 'running' || state === 'starting')) {
    const p = await probeReady(proc.port);
    health = p.ok ? 'healthy' : 'unhealthy';
    probe = p.ok ? 'ready' : `not ready (${p.detail.slice(0, 120)})`;
  }
  const uptimeMs = proc ? Math.max(0, now.getTime() - Date.parse(proc.startedAt)) : undefined;
  const detail =
    state === 'running'
      ? `Gateway running on 127.0.0.1:${rec.port} (pid ${proc?.pid}), ${probe}.`
      : state === 'failed'
        ? `Failed: ${(rec.lastError?.message ?? 'unknown reason').split('\n')[0]}`
        : state === 'stopped'
          ? `Stopped; starts on port ${rec.port}.`
          : `${state === 'starting' ? 'Starting' : 'Stopping'} the gateway on port ${rec.port}.`;
  return {
    state,
    health,
    desired: rec.desired === 'running' ? 1 : 0,
    running: proc ? 1 : 0,
    configVersion: rec.configVersion,
    detail,
    instances: proc
      ? [{ id: `pid-${proc.pid}`, state: state.toUpperCase(), health, startedAt: proc.startedAt }]
      : [],
    events: rec.events,
    port: rec.port,
    ...(proc ? { pid: proc.pid, uptimeMs } : {}),
    restartCount: rec.restartCount,
    lastError: rec.lastError,
    runtimeVersion: rec.runtimeVersion,
  };
}
