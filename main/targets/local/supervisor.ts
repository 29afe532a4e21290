import { AppError, type ErrorCode } from '../../../shared/contract/errors.ts';
import { createKeyedQueue } from '../../keyed-queue.ts';
import type { Logger } from '../../log/logger.ts';
import { registerSecretValue } from '../../log/redact.ts';
import type { SecretStore } from '../../secrets/secret-store.ts';
import { type BotRecord, type LocalPhase, readBotRecord, withEvent, writeBotRecord } from './bot-record.ts';
import { gatewayEnv } from './gateway-config.ts';
import { tailText } from './log-file.ts';
import { botPaths, gatewayTokenRef } from './paths.ts';
import {
  checkIdentity,
  type PidRecord,
  processStartTime,
  readPidFile,
  removePidFile,
  writePidFile,
} from './pidfile.ts';
import { assertPortFree } from './ports.ts';
import { describeExit, type ExitInfo, spawnGateway, stopGroup, waitReady } from './process.ts';
import type { OpenclawRuntime } from './runtime.ts';

/** A phase change of a local bot, as the reconciler and the bot page hear it. */
export interface LocalTransition {
  botId: string;
  phase: LocalPhase;
  at: string;
  message: string;
}

export interface SupervisorOptions {
  dataDir: string;
  secrets: SecretStore;
  log: Logger;
  now: () => Date;
  readyTimeoutMs: number;
  stopGraceMs: number;
  /** Added to every gateway's environment (e.g. OPENCLAW_OFFLINE=1 where there is no network). */
  extraEnv: Readonly<Record<string, string>>;
  /** How often adopted gateways (not our children, so no exit event) are checked for life. */
  watchIntervalMs: number;
}

interface LiveGateway {
  pid: number;
  port: number;
  startedAt: string;
  /** Our child's exit; absent for an adopted gateway. */
  exited?: Promise<ExitInfo>;
  /** Set while the target itself stops it, so its exit is not a crash. */
  expectExit: boolean;
}

const tailLines = 15;

/**
 * Runs local gateways: starts one for a bot record (secrets resolved at start only), waits until
 * it is ready, stops its process group, and notices when it dies on its own (the exit event of a
 * child, a liveness check of an adopted one). Every change of phase is written to the bot's
 * record with its cause and told to the listeners. Operations on one bot run one at a time.
 */
export function createSupervisor(o: SupervisorOptions) {
  const live = new Map<string, LiveGateway>();
  const listeners = new Set<(t: LocalTransition) => void>();
  let watchTimer: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const iso = () => o.now().toISOString();

  const exclusive = createKeyedQueue();

  async function transition(
    rec: BotRecord,
    phase: LocalPhase,
    message: string,
    extra: Partial<BotRecord> = {},
  ) {
    const at = iso();
    const next = withEvent({ ...rec, ...extra, phase }, at, message);
    await writeBotRecord(o.dataDir, next);
    o.log.info('local bot transition', { botId: rec.botId, phase, message: message.split('\n')[0] });
    for (const l of listeners) {
      try {
        l({ botId: rec.botId, phase, at, message });
      } catch {
        // A listener's failure is its own.
      }
    }
    return next;
  }

  async function logTail(botId: string): Promise<string> {
    const p = botPaths(o.dataDir, botId);
    const out = await tailText(p.outputFile, tailLines);
    return out !== '' ? out : tailText(p.logFile, tailLines);
  }

  /** Marks the bot failed with the reason and the log tail; returns the AppError to throw. */
  async function fail(rec: BotRecord, code: ErrorCode, reason: string): Promise<AppError> {
    const tail = await logTail(rec.botId);
    const message = tail ? `${reason}\nLast log lines:\n${tail}` : reason;
    await transition(rec, 'failed', message, { lastError: { at: iso(), message } });
    return new AppError(code, message, undefined, { botId: rec.botId, reason, logTail: tail });
  }

  async function gatewayToken(botId: string): Promise<string> {
    const token = await o.secrets.get(gatewayTokenRef(botId));
    if (!token)
      throw new AppError(
        'PRECONDITION',
        `The gateway token of bot ${botId} is missing from the keychain (${gatewayTokenRef(botId)}). Deploy the bot again to make a new one.`,
      );
    registerSecretValue(token);
    return token;
  }

  async function secretValues(rec: BotRecord): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const s of rec.secrets) {
      const value = await o.secrets.get(s.ref);
      if (value === null)
        throw new AppError(
          'PRECONDITION',
          `Secret ${s.ref} (for ${s.env}) is not in the keychain. Store it under Secrets, then start the bot again.`,
          [{ path: `secrets.${s.env}`, message: 'not in the keychain' }],
        );
      registerSecretValue(value);
      out[s.env] = value;
    }
    return out;
  }

  /** The environment a bot's OpenClaw runs in (its gateway, and its doctor and audit). */
  async function botEnv(rec: BotRecord, runtime: OpenclawRuntime): Promise<NodeJS.ProcessEnv> {
    return {
      ...gatewayEnv({
        paths: botPaths(o.dataDir, rec.botId),
        token: await gatewayToken(rec.botId),
        secrets: await secretValues(rec),
        pathPrefix: runtime.pathPrefix,
      }),
      ...o.extraEnv,
    };
  }

  function classify(tail: string): ErrorCode {
    if (/Invalid config|config (is )?invalid/i.test(tail)) return 'VALIDATION';
    if (/EADDRINUSE|address already in use/i.test(tail)) return 'PRECONDITION';
    return 'UNAVAILABLE';
  }

  async function onExit(botId: string, g: LiveGateway, how: string): Promise<void> {
    if (closed || g.expectExit || live.get(botId) !== g) return;
    live.delete(botId);
    await exclusive(botId, async () => {
      const rec = await readBotRecord(o.dataDir, botId);
      // Remaining worker processes of the group go with it; nothing half-alive stays behind.
      try {
        process.kill(-g.pid, 'SIGKILL');
      } catch {
        // none left
      }
      await removePidFile(botPaths(o.dataDir, botId).pidFile);
      if (rec && rec.phase !== 'failed')
        await fail(rec, 'UNAVAILABLE', `The gateway (pid ${g.pid}) ${how} while it was running.`);
    });
  }

  /** Starts the gateway of a record, waits until ready; on any failure leaves nothing running. */
  async function startProcess(rec: BotRecord, runtime: OpenclawRuntime, cause: string): Promise<BotRecord> {
    const p = botPaths(o.dataDir, rec.botId);
    let current = await transition(rec, 'starting', `starting: ${cause}`, { desired: 'running' });
    let env: NodeJS.ProcessEnv;
    try {
      await assertPortFree(rec.port, rec.botId);
      env = await botEnv(rec, runtime);
    } catch (e) {
      if (e instanceof AppError) throw await fail(current, e.code, e.message);
      throw e;
    }
    const spawned = spawnGateway({ runtime, cwd: p.dir, env, outputFile: p.outputFile });
    if ('error' in spawned)
      throw await fail(
        current,
        'PRECONDITION',
        `OpenClaw ${runtime.version} (${runtime.location}) could not be started: ${spawned.error}`,
      );
    const startedAt = iso();
    const g: LiveGateway = {
      pid: spawned.pid,
      port: rec.port,
      startedAt,
      exited: spawned.exited,
      expectExit: false,
    };
    live.set(rec.botId, g);
    const pidRec: PidRecord = {
      pid: spawned.pid,
      startTime: await processStartTime(spawned.pid),
      port: rec.port,
      configVersion: rec.configVersion,
      runtimeVersion: runtime.version,
      startedAt,
    };
    await writePidFile(p.pidFile, pidRec);
    const outcome = await waitReady(rec.port, spawned.exited, { timeoutMs: o.readyTimeoutMs });
    if (outcome.kind !== 'ready') {
      g.expectExit = true;
      live.delete(rec.botId);
      await stopGroup(spawned.pid, { graceMs: 5000, exited: spawned.exited });
      await removePidFile(p.pidFile);
      const tail = await logTail(rec.botId);
      const reason =
        outcome.kind === 'exited'
          ? `The gateway ${describeExit(outcome.exit)} ${Math.round(outcome.ms / 100) / 10} s after it was started, before it was ready.`
          : `The gateway was not ready after ${Math.round(o.readyTimeoutMs / 1000)} s (last /readyz answer: ${outcome.last.slice(0, 200)}); it was stopped.`;
      throw await fail(current, outcome.kind === 'exited' ? classify(tail) : 'UNAVAILABLE', reason);
    }
    void spawned.exited.then((exit) => onExit(rec.botId, g, describeExit(exit)));
    const starts = current.starts + 1;
    current = await transition(
      current,
      'running',
      `running: ready on port ${rec.port} after ${(outcome.ms / 1000).toFixed(1)} s (pid ${spawned.pid}, OpenClaw ${runtime.version})`,
      { starts, restartCount: starts > 1 ? current.restartCount + 1 : current.restartCount, lastError: null },
    );
    o.log.info('local bot ready', {
      botId: rec.botId,
      pid: spawned.pid,
      port: rec.port,
      readyMs: outcome.ms,
    });
    return current;
  }

  /** The gateway of a bot if one runs and is ours (live map, else the pid file checked for identity). */
  async function running(botId: string): Promise<{ pid: number; port: number; startedAt: string } | null> {
    const g = live.get(botId);
    if (g) return g;
    const pidRec = await readPidFile(botPaths(o.dataDir, botId).pidFile);
    if (!pidRec) return null;
    return (await checkIdentity(pidRec)).alive ? pidRec : null;
  }

  async function stopProcess(
    rec: BotRecord,
    cause: string,
    desired: 'running' | 'stopped',
  ): Promise<BotRecord> {
    const p = botPaths(o.dataDir, rec.botId);
    const g = live.get(rec.botId);
    const proc = await running(rec.botId);
    if (!proc) {
      await removePidFile(p.pidFile);
      if (rec.phase === 'stopped' && rec.desired === desired) return rec;
      return transition(
        rec,
        rec.phase === 'failed' ? 'failed' : 'stopped',
        `stopped: ${cause} (it was not running)`,
        {
          desired,
        },
      );
    }
    if (g) g.expectExit = true;
    const current = await transition(rec, 'stopping', `stopping: ${cause}`, { desired });
    const r = await stopGroup(proc.pid, { graceMs: o.stopGraceMs, exited: g?.exited });
    live.delete(rec.botId);
    await removePidFile(p.pidFile);
    o.log.info('local bot stopped', { botId: rec.botId, pid: proc.pid, stopMs: r.ms, forced: r.forced });
    return transition(
      current,
      'stopped',
      `stopped: ${cause} (${r.forced ? 'killed after the grace period' : 'exited cleanly'} in ${(r.ms / 1000).toFixed(1)} s)`,
    );
  }

  /** Takes over a gateway this process did not start (found by adopt()). */
  function adopt(botId: string, pidRec: PidRecord): void {
    live.set(botId, { pid: pidRec.pid, port: pidRec.port, startedAt: pidRec.startedAt, expectExit: false });
    if (!watchTimer) {
      watchTimer = setInterval(() => void checkAdopted(), o.watchIntervalMs);
      watchTimer.unref();
    }
  }

  /** Adopted gateways are not our children: a liveness check finds the ones that died. */
  async function checkAdopted(): Promise<void> {
    for (const [botId, g] of live) {
      if (g.exited || g.expectExit) continue;
      const pidRec = await readPidFile(botPaths(o.dataDir, botId).pidFile);
      const alive = pidRec ? (await checkIdentity(pidRec)).alive : false;
      if (!alive) await onExit(botId, g, 'stopped (found gone by the liveness check)');
    }
  }

  return {
    live,
    exclusive,
    transition,
    fail,
    startProcess,
    stopProcess,
    botEnv,
    running,
    adopt,
    checkAdopted,
    onTransition(listener: (t: LocalTransition) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close(): void {
      closed = true;
      if (watchTimer) clearInterval(watchTimer);
      watchTimer = undefined;
    },
  };
}

export type Supervisor = ReturnType<typeof createSupervisor>;
