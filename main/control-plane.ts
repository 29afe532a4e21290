import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { isPlainObject } from '../shared/config/json.ts';
import { botHealthSchema } from '../shared/domain/gateway.ts';
import { createAlertSettingsService } from './alerts/alert-settings-service.ts';
import { registerAuditHandlers } from './audit/audit-handlers.ts';
import { createAuditWriter } from './audit/audit-writer.ts';
import { registerAwsHandlers } from './aws/aws-handlers.ts';
import { type AwsOverrides, createAwsService } from './aws/aws-service.ts';
import { registerBotHandlers } from './bots/bot-handlers.ts';
import { createBotService } from './bots/bot-service.ts';
import { type Clock, systemClock } from './clock.ts';
import { createChecksService } from './deploy/checks-service.ts';
import { registerDeployHandlers } from './deploy/deploy-handlers.ts';
import { createDeployService } from './deploy/deploy-service.ts';
import { createEcsLifecycle } from './deploy/ecs-lifecycle.ts';
import { createLogService } from './deploy/log-service.ts';
import { createMover } from './deploy/transitions.ts';
import { createEventBus, type EventListener } from './events/bus.ts';
import { registerFleetHandlers } from './fleets/fleet-handlers.ts';
import { createFleetService, emitFleetUpdated } from './fleets/fleet-service.ts';
import type { BackoffPolicy } from './gateway/backoff.ts';
import { loadOrCreateDeviceIdentity } from './gateway/device-identity.ts';
import { registerGatewayHandlers } from './gateway/gateway-handlers.ts';
import { createGatewayService, type GatewayService } from './gateway/gateway-service.ts';
import { createDispatcher, type Dispatch } from './hosts/dispatcher.ts';
import { createHandlerRegistry } from './hosts/handler-registry.ts';
import { type Logger, silentLogger } from './log/logger.ts';
import { registerManifestHandlers } from './manifests/manifest-handlers.ts';
import { createManifestService } from './manifests/manifest-service.ts';
import { createExceptionService } from './policy/exception-service.ts';
import { registerPolicyHandlers } from './policy/policy-handlers.ts';
import { createReconcileService } from './reconciler/reconcile-service.ts';
import { registerChangeSetHandlers } from './rollout/changeset-handlers.ts';
import { createChangeSetService } from './rollout/changeset-service.ts';
import type { Timers } from './rollout/health-gate.ts';
import { createBotSecretService } from './secrets/bot-secret-service.ts';
import { createKeychainStore } from './secrets/keychain-store.ts';
import type { SecretStore } from './secrets/secret-store.ts';
import { openStore, type Store } from './store/database.ts';
import type { Migration } from './store/migrator.ts';
import { createMutator } from './store/unit-of-work.ts';
import { createLocalTarget, type LocalTargetOptions } from './targets/local/local-target.ts';
import { createReportingInstaller } from './targets/local/reporting-installer.ts';
import { createRuntimeResolver } from './targets/local/runtime.ts';
import { appVersion } from './version.ts';

export interface ControlPlaneOptions {
  dataDir: string;
  clock?: Clock;
  log?: Logger;
  /** Who is making changes; the OS user by default. */
  actor?: string;
  host?: 'electron' | 'web';
  newId?: () => string;
  migrations?: readonly Migration[];
  validateResults?: boolean;
  /** Where secrets go (gateway tokens, the device key); the OS keychain by default. */
  secrets?: SecretStore;
  /** Gateway timing (tests shorten it): how long a connect waits, and the reconnect backoff. */
  gateway?: { connectTimeoutMs?: number; backoff?: BackoffPolicy };
  /** AWS overrides for tests and development (moto's endpoint, a temp ~/.aws); real AWS by default. */
  aws?: AwsOverrides;
  /** The reconciler's node-cron schedule ('* * * * *' in the app), or false for none (tests, the CLI). */
  reconcileSchedule?: string | false;
  /** Local target overrides (tests: the harness's OpenClaw, offline switches, a port range, timeouts). */
  local?: Partial<Omit<LocalTargetOptions, 'dataDir' | 'secrets' | 'log' | 'now'>>;
  /** Run OpenClaw's security audit and doctor after each local deploy (default true). */
  checksAfterDeploy?: boolean;
  /** Rollout overrides (tests: timers they drive, how many bots a wave updates at once). */
  rollout?: { timers?: Timers; concurrency?: number };
}

export interface ControlPlane {
  dispatch: Dispatch;
  onEvent(listener: EventListener): () => void;
  store: Store;
  dataDir: string;
  gateways: GatewayService;
  /** Adopts local bots still running from the last session and restarts those that died (the app calls it once). */
  resume(): Promise<{ adopted: string[]; restarted: string[]; failed: string[] }>;
  /** Closes the database at once; the promise settles when every gateway connection is closed. */
  close(): Promise<void>;
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** Builds the whole control plane. It imports nothing from Electron: both hosts serve it. */
export function createControlPlane(options: ControlPlaneOptions): ControlPlane {
  const log = options.log ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const actor = options.actor ?? osUser();
  const newId = options.newId ?? randomUUID;
  const store = openStore(join(options.dataDir, 'clawster.db'), options.migrations);
  if (store.migration.applied.length > 0) log.info('database migrated', { ...store.migration });

  const bus = createEventBus((e) => log.error('event listener failed', { error: e }));
  const mutate = createMutator({ store, audit: createAuditWriter(store.sqlite), bus, clock, actor, newId });
  const fleets = createFleetService(mutate);
  const bots = createBotService(mutate, emitFleetUpdated);

  const reg = createHandlerRegistry();
  reg.register('app.info', () => ({
    version: appVersion,
    actor,
    dataDir: options.dataDir,
    host: options.host ?? 'web',
  }));
  registerFleetHandlers(reg, store.db, fleets);
  registerBotHandlers(reg, store.db, bots);
  registerAuditHandlers(reg, store);
  // Manifest changes a running rollout is making are refused (the change set service, made below).
  let guardManifests: (keys: readonly string[]) => void = () => undefined;
  const manifests = createManifestService({
    db: store.db,
    mutate,
    clock,
    actor,
    guard: (keys) => guardManifests(keys),
  });
  registerManifestHandlers(reg, manifests);
  registerPolicyHandlers(reg, createExceptionService({ db: store.db, mutate, clock, actor }));
  const secrets = options.secrets ?? createKeychainStore();
  const aws = createAwsService({
    db: store.db,
    mutate,
    secrets,
    log: log.child('aws'),
    deviceId: async () => (await loadOrCreateDeviceIdentity(secrets)).deviceId,
    ...options.aws,
  });
  registerAwsHandlers(reg, aws);
  const gateways = createGatewayService({
    db: store.db,
    mutate,
    bots,
    bus,
    secrets,
    clock,
    log,
    newId,
    clientVersion: appVersion,
    ...options.gateway,
  });
  registerGatewayHandlers(reg, gateways);
  const local = createLocalTarget({
    dataDir: options.dataDir,
    secrets,
    log,
    now: () => clock.now(),
    runtimes:
      options.local?.runtimes ??
      createRuntimeResolver({
        dataDir: options.dataDir,
        installer: createReportingInstaller({
          dataDir: options.dataDir,
          report: (p) => bus.emit('runtime.install.progress', p),
        }),
      }),
    ...options.local,
  });
  const checks = createChecksService({ db: store.db, mutate, log: log.child('checks'), target: local });
  const alertSettings = createAlertSettingsService({ db: store.db, mutate });
  reg.register('alerts.settings.get', () => alertSettings.get());
  reg.register('alerts.settings.update', (p) => alertSettings.update(p));
  reg.register('bot.checks.get', (p) => checks.get(p));
  reg.register('bot.checks.run', (p) => checks.run(p));
  const ecs = createEcsLifecycle({
    db: store.db,
    mutate,
    move: createMover({ mutate, actor }),
    ecs: () => aws.ecs(),
    keychain: secrets,
  });
  const deploy = createDeployService({
    ecs,
    afterDeploy: options.checksAfterDeploy === false ? undefined : (id) => checks.afterDeploy(id),
    alert: (a) => bus.emit('alert.raised', a),
    dataDir: options.dataDir,
    gateways,
    db: store.db,
    mutate,
    clock,
    log: log.child('deploy'),
    actor,
    manifests,
    target: local,
  });
  registerDeployHandlers(reg, store.db, deploy);
  const botSecrets = createBotSecretService({
    db: store.db,
    mutate,
    keychain: secrets,
    manifests,
    ecs: () => aws.ecs(),
    localReaders: (ref) => local.botsReading(ref),
    restart: (id) => deploy.restart({ id }),
  });
  reg.register('secrets.list', () => botSecrets.list());
  reg.register('secrets.put', (p) => botSecrets.put(p));
  reg.register('secrets.delete', (p) => botSecrets.delete(p));
  const logs = createLogService({
    db: store.db,
    log: log.child('logs'),
    target: local,
    ecsLogs: async () => (await aws.ecs()).target,
    emit: (event, payload) => bus.emit(event, payload),
  });
  reg.register('bot.logs.page', (p) => logs.page(p));
  reg.register('bot.logs.follow', (p) => logs.follow(p));
  reg.register('bot.logs.unfollow', (p) => logs.unfollow(p));
  const offHealth = bus.on((event, payload) => {
    if (event !== 'bot.health.changed') return;
    const h = botHealthSchema.safeParse(payload);
    if (h.success) deploy.observeHealth(h.data);
  });
  const reconcile = createReconcileService({
    db: store.db,
    mutate,
    clock,
    log: log.child('reconcile'),
    pool: gateways.pool,
    schedule: options.reconcileSchedule ?? false,
    start: (id) => deploy.start({ id }),
    restart: (id) => deploy.restart({ id }),
    followEcs: (scope) => ecs.followAll(scope, log.child('ecs')),
  });
  reg.register('reconcile.run', (p) => reconcile.run(p));
  const changesets = createChangeSetService({
    db: store.db,
    mutate,
    clock,
    log: log.child('rollout'),
    actor,
    manifests,
    deploy: (id) => deploy.deploy({ id }),
    refresh: (id) => deploy.targetStatus({ id }),
    onRuntime: (listener) =>
      bus.on((event, payload) => {
        if (event === 'bot.runtime.changed' && isPlainObject(payload) && typeof payload.botId === 'string')
          listener(payload.botId);
      }),
    alert: (a) => bus.emit('alert.raised', a),
    ...options.rollout,
  });
  guardManifests = (keys) => changesets.guardManifests(keys);
  changesets.recover();
  registerChangeSetHandlers(reg, changesets);

  gateways.start();
  const dispatch = createDispatcher(reg.seal(), {
    log: log.child('dispatch'),
    validateResults: options.validateResults ?? false,
  });
  return {
    dispatch,
    onEvent: (listener) => bus.on(listener),
    store,
    dataDir: options.dataDir,
    gateways,
    resume: () => deploy.resume(),
    close: () => {
      offHealth();
      changesets.close();
      logs.close();
      void reconcile.close();
      deploy.close();
      local.close();
      aws.close();
      const closed = Promise.all([gateways.close(), checks.close()]).then(() => undefined);
      store.close();
      return closed;
    },
  };
}
