import { chmod, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { configHash } from '../../../shared/config/hash.ts';
import { AppError } from '../../../shared/contract/errors.ts';
import { type Logger, silentLogger } from '../../log/logger.ts';
import { ensureGeneratedSecret } from '../../secrets/generated-secret.ts';
import type { SecretStore } from '../../secrets/secret-store.ts';
import type {
  DeploymentTarget,
  DeployResult,
  DestroyResult,
  ResolvedBotConfig,
  SecretBinding,
  TargetBot,
} from '../target.ts';
import { type AdoptReport, adoptRunning } from './adopt.ts';
import { type BotRecord, listBotRecords, readBotRecord, writeBotRecord } from './bot-record.ts';
import { type CommandRunner, runCommand } from './command.ts';
import { checkSecretBindings, localGatewayConfig } from './gateway-config.ts';
import { followLogFile, readLogPage } from './log-file.ts';
import { type OpenclawChecksOutcome, runOpenclawChecks } from './openclaw-checks.ts';
import { assertLocalBotId, botPaths, gatewayTokenRef } from './paths.ts';
import { isPortFree, type PortRange, pickPort } from './ports.ts';
import type { RuntimeResolver } from './runtime.ts';
import { removeStateLocks } from './state-locks.ts';
import { absentStatus, type LocalBotStatus, localStatus } from './status.ts';
import { createSupervisor, type LocalTransition } from './supervisor.ts';

/** The OpenClaw release a bot runs unless it pins another. */
export const DEFAULT_OPENCLAW_VERSION = '2026.9.6';

export interface LocalTargetOptions {
  dataDir: string;
  /** The keychain: gateway tokens are kept here, bots' secret bindings are read from here. */
  secrets: SecretStore;
  runtimes: RuntimeResolver;
  /** The OpenClaw version of a bot that pins none (default DEFAULT_OPENCLAW_VERSION). */
  runtimeVersion?: (bot: TargetBot, config: ResolvedBotConfig) => string;
  log?: Logger;
  now?: () => Date;
  /** How long a gateway may take to report ready (default 90 s). */
  readyTimeoutMs?: number;
  /** SIGTERM → SIGKILL grace when stopping (default 15 s). */
  stopGraceMs?: number;
  portRange?: PortRange;
  portGap?: number;
  /** Added to every gateway's environment (tests: OPENCLAW_OFFLINE, OPENCLAW_SKIP_CHANNELS). */
  extraEnv?: Readonly<Record<string, string>>;
  /** Liveness check interval of adopted gateways (default 5 s). */
  watchIntervalMs?: number;
  /** How long OpenClaw's security audit and doctor may each take (default 120 s). */
  checksTimeoutMs?: number;
  /** Runs those checks' commands (default: execFile). */
  run?: CommandRunner;
}

export interface LocalTarget extends DeploymentTarget {
  readonly kind: 'local';
  status(botId: string): Promise<LocalBotStatus>;
  /** Finds gateways that kept running while the app was closed; reports the ones that died. */
  adopt(): Promise<AdoptReport>;
  /** Where to reach a local bot's gateway; the token itself stays in the keychain under tokenRef. */
  connection(botId: string): Promise<{ url: string; port: number; tokenRef: string }>;
  /** The deployed local bots that read the keychain secret `ref` (restarted when it is rotated). */
  botsReading(ref: string): Promise<string[]>;
  /** OpenClaw's own security audit and doctor of a deployed bot, run with its environment. */
  openclawChecks(botId: string, signal?: AbortSignal): Promise<OpenclawChecksOutcome & { version: string }>;
  onTransition(listener: (t: LocalTransition) => void): () => void;
  /** Stops watching; running gateways keep running (they are adopted at the next start). */
  close(): void;
}

/**
 * The local target: each bot is an `openclaw gateway run` process on this machine, in its own
 * folder `<dataDir>/bots/<botId>/`, bound to loopback on its own port, with a token from the
 * keychain. See README.md in this folder.
 */
export function createLocalTarget(o: LocalTargetOptions): LocalTarget {
  const now = o.now ?? (() => new Date());
  const log = (o.log ?? silentLogger).child('targets.local');
  const sup = createSupervisor({
    dataDir: o.dataDir,
    secrets: o.secrets,
    log,
    now,
    readyTimeoutMs: o.readyTimeoutMs ?? 90_000,
    stopGraceMs: o.stopGraceMs ?? 15_000,
    extraEnv: o.extraEnv ?? {},
    watchIntervalMs: o.watchIntervalMs ?? 5000,
  });
  let portTurn: Promise<unknown> = Promise.resolve();

  async function requireRecord(botId: string): Promise<BotRecord> {
    const rec = await readBotRecord(o.dataDir, assertLocalBotId(botId));
    if (!rec)
      throw new AppError('NOT_FOUND', `Bot ${botId} is not deployed on this machine. Deploy it first.`);
    return rec;
  }

  /** Keeps the bot's port when it is still free and apart from the others, else picks one. */
  function portFor(botId: string, current: number | undefined): Promise<number> {
    const turn = portTurn.then(async () => {
      const taken = (await listBotRecords(o.dataDir)).filter((r) => r.botId !== botId).map((r) => r.port);
      const gap = o.portGap ?? 20;
      if (current !== undefined && taken.every((t) => Math.abs(t - current) >= gap)) {
        if (sup.live.has(botId) || (await isPortFree(current))) return current;
      }
      return pickPort({ taken, range: o.portRange, gap });
    });
    portTurn = turn.catch(() => undefined);
    return turn;
  }

  async function roll(
    bot: TargetBot,
    config: ResolvedBotConfig,
    secrets: readonly SecretBinding[],
    mode: 'deploy' | 'update',
  ): Promise<DeployResult> {
    assertLocalBotId(bot.id);
    checkSecretBindings(secrets);
    const version =
      config.openclawVersion ?? (o.runtimeVersion ?? (() => DEFAULT_OPENCLAW_VERSION))(bot, config);
    const spec = configHash({ config: config.json, secrets, runtimeVersion: version });
    return sup.exclusive(bot.id, async () => {
      const prev = await readBotRecord(o.dataDir, bot.id);
      if (mode === 'update' && !prev)
        throw new AppError('NOT_FOUND', `Bot ${bot.id} is not deployed on this machine. Deploy it first.`);
      const wantRunning = mode === 'deploy' || prev?.desired === 'running';
      const result = { revision: `local:${spec}`, configVersion: config.version };
      if (prev && prev.spec === spec && (!wantRunning || (await sup.running(bot.id))))
        return { ...result, changed: false };
      // Nothing is written before the runtime is known: a missing OpenClaw changes nothing.
      const runtime = await o.runtimes.resolve(version);
      const p = botPaths(o.dataDir, bot.id);
      const port = await portFor(bot.id, prev?.port);
      // Validated before the old gateway stops: a config that cannot be written keeps it running.
      const file = localGatewayConfig(config.json, { port, paths: p });
      let rec: BotRecord = prev ?? {
        botId: bot.id,
        name: bot.name,
        port,
        desired: 'running',
        phase: 'stopped',
        configVersion: config.version,
        spec,
        runtimeVersion: version,
        secrets: [],
        restartCount: 0,
        starts: 0,
        lastError: null,
        events: [],
        createdAt: now().toISOString(),
      };
      if (prev && (await sup.running(bot.id)))
        rec = await sup.stopProcess(prev, `${mode} of config ${config.version}`, 'running');
      for (const d of [p.dir, p.home, p.stateDir, p.tmp, p.logDir])
        await mkdir(d, { recursive: true, mode: 0o700 });
      await writeFile(p.config, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
      await chmod(p.config, 0o600);
      await ensureGeneratedSecret(o.secrets, gatewayTokenRef(bot.id));
      rec = {
        ...rec,
        name: bot.name,
        port,
        configVersion: config.version,
        spec,
        runtimeVersion: version,
        secrets: secrets.map((s) => ({ env: s.env, ref: s.ref })),
      };
      await writeBotRecord(o.dataDir, rec);
      if (wantRunning) await sup.startProcess(rec, runtime, `${mode} of config ${config.version}`);
      else
        await sup.transition(rec, 'stopped', `updated to config ${config.version} (stays stopped)`, {
          desired: 'stopped',
        });
      return { ...result, changed: true };
    });
  }

  return {
    kind: 'local',

    deploy: (bot, config, secrets) => roll(bot, config, secrets, 'deploy'),
    update: (bot, config, secrets) => roll(bot, config, secrets, 'update'),

    async stop(botId) {
      await sup.exclusive(botId, async () => {
        await sup.stopProcess(await requireRecord(botId), 'stopped by the operator', 'stopped');
      });
    },

    async start(botId) {
      await sup.exclusive(botId, async () => {
        const rec = await requireRecord(botId);
        if (await sup.running(botId)) {
          if (rec.desired !== 'running') await writeBotRecord(o.dataDir, { ...rec, desired: 'running' });
          return;
        }
        const runtime = await o.runtimes.resolve(rec.runtimeVersion);
        await sup.startProcess(rec, runtime, 'started by the operator');
      });
    },

    async destroy(botId): Promise<DestroyResult> {
      assertLocalBotId(botId);
      return sup.exclusive(botId, async () => {
        const removed: string[] = [];
        const p = botPaths(o.dataDir, botId);
        const rec = await readBotRecord(o.dataDir, botId);
        const proc = await sup.running(botId);
        if (rec && proc) {
          await sup.stopProcess(rec, 'destroyed by the operator', 'stopped');
          removed.push(`gateway process ${proc.pid} stopped`);
        }
        if (await o.secrets.delete(gatewayTokenRef(botId)))
          removed.push(`gateway token ${gatewayTokenRef(botId)} removed from the keychain`);
        const locks = await removeStateLocks(p.stateDir);
        if (locks.length > 0) removed.push(`${locks.length} OpenClaw lock files removed`);
        if (rec || (await isDir(p.dir))) {
          await rm(p.dir, { recursive: true, force: true });
          removed.push(`state folder ${p.dir} removed`);
        }
        if (removed.length > 0) log.info('local bot destroyed', { botId, removed });
        return { removed };
      });
    },

    async status(botId) {
      const rec = await readBotRecord(o.dataDir, assertLocalBotId(botId));
      if (!rec) return absentStatus();
      if (sup.live.has(botId)) await sup.checkAdopted();
      const proc = await sup.running(botId);
      if (!proc && (rec.phase === 'running' || rec.phase === 'starting') && !sup.live.has(botId)) {
        // Died while nobody watched (e.g. before adopt() ran): record it, then report.
        await sup.exclusive(botId, async () => {
          const again = await readBotRecord(o.dataDir, botId);
          if (again && again.phase === 'running' && !(await sup.running(botId)))
            await sup.fail(
              again,
              'UNAVAILABLE',
              'The gateway is no longer running (found by a liveness check).',
            );
        });
        const after = await readBotRecord(o.dataDir, botId);
        return localStatus(after ?? rec, null, now());
      }
      return localStatus(rec, proc, now());
    },

    async logs(botId, query) {
      const p = botPaths(o.dataDir, assertLocalBotId(botId));
      return readLogPage({ file: p.logFile, source: 'openclaw.log', now }, query);
    },

    async followLogs(botId, options) {
      const p = botPaths(o.dataDir, assertLocalBotId(botId));
      return followLogFile({ file: p.logFile, source: 'openclaw.log', now }, options);
    },

    adopt: () => adoptRunning(sup, o.dataDir, { probeTimeoutMs: 30_000 }),

    async connection(botId) {
      const rec = await requireRecord(botId);
      return { url: `ws://127.0.0.1:${rec.port}`, port: rec.port, tokenRef: gatewayTokenRef(botId) };
    },

    async botsReading(ref) {
      return (await listBotRecords(o.dataDir))
        .filter((r) => r.secrets.some((s) => s.ref === ref))
        .map((r) => r.botId);
    },

    // One at a time with the bot's deploy, start, stop and destroy: the checks read its folder,
    // config and state, which those rewrite or remove.
    openclawChecks: (botId, signal) =>
      sup.exclusive(botId, async () => {
        const rec = await requireRecord(botId);
        const runtime = await o.runtimes.resolve(rec.runtimeVersion);
        const outcome = await runOpenclawChecks({
          runtime,
          env: await sup.botEnv(rec, runtime),
          cwd: botPaths(o.dataDir, botId).dir,
          run: o.run ?? runCommand,
          timeoutMs: o.checksTimeoutMs ?? 120_000,
          ...(signal ? { signal } : {}),
        });
        return { ...outcome, version: runtime.version };
      }),

    onTransition: (listener) => sup.onTransition(listener),
    close: () => sup.close(),
  };
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
