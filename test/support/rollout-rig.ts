import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditWriter } from '../../main/audit/audit-writer.ts';
import { fixedClock } from '../../main/clock.ts';
import { getRuntime } from '../../main/deploy/runtime-store.ts';
import { createMover } from '../../main/deploy/transitions.ts';
import { createEventBus } from '../../main/events/bus.ts';
import { createFleetService } from '../../main/fleets/fleet-service.ts';
import { silentLogger } from '../../main/log/logger.ts';
import { createManifestService, type ManifestService } from '../../main/manifests/manifest-service.ts';
import { type ChangeSetService, createChangeSetService } from '../../main/rollout/changeset-service.ts';
import type { Timers } from '../../main/rollout/health-gate.ts';
import { openStore, type Store } from '../../main/store/database.ts';
import { createMutator, type Mutator } from '../../main/store/unit-of-work.ts';
import type { AlertInput } from '../../shared/alerts/alerts.ts';
import { isPlainObject, type JsonObject } from '../../shared/config/json.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { EventName } from '../../shared/contract/events.ts';
import type { ChangeSet, RolloutStrategy } from '../../shared/domain/changeset.ts';
import { counterIds, dumpTables, T0 } from './control-plane.ts';

/**
 * A real store, manifest service and change set service for rollout tests, with one test double:
 * the deploy. A deploy here moves the bot through the same runtime transitions as the real one
 * (provisioning, then running or error) without starting a gateway, and fails for a config whose
 * assistant is named "broken" (a config that passes policy but does not come up), or for the bots
 * a test names in `failing`.
 */
export const V = 'apiVersion: clawster.dev/v1';

export const profile = (level: string, assistant = 'Helper') => `${V}
kind: Profile
metadata:
  name: standard
spec:
  config:
    logging:
      level: ${level}
    ui:
      assistant:
        name: ${assistant}
`;

export const botDoc = (name: string, fleet = 'Prod') => `${V}
kind: Bot
metadata:
  name: ${name}
  fleet: ${fleet}
spec:
  template: minimal
  profile: standard
  openclawVersion: 2026.9.6
`;

export interface Rig {
  store: Store;
  mutate: Mutator;
  manifests: ManifestService;
  service: ChangeSetService;
  bus: ReturnType<typeof createEventBus>;
  alerts: AlertInput[];
  events: { event: EventName; payload: unknown }[];
  /** Bot ids by name. */
  bots: Map<string, string>;
  /** Every deploy the double ran: the bot's name and the assistant name its config had. */
  deploys: { bot: string; assistant: string }[];
  /** The double's deploys wait for this while set (a rollout that hangs). */
  hold: Promise<void> | null;
  /** Bots (by name) whose deploys fail whatever their config. */
  failing: Set<string>;
  move: ReturnType<typeof createMover>;
  apply(text: string): void;
  /** A draft with the tests' defaults: all at once, a 60 s health timeout, no bake time. */
  draft(title: string, text: string, o?: { strategy?: RolloutStrategy; bakeSec?: number }): ChangeSet;
  snapshot(): string;
  /** Waits for the background rollout or rollback to settle, then reads the change set. */
  settled(id: string): Promise<ChangeSet>;
  /** A second service on the same store (Clawster started again). */
  reopenService(): ChangeSetService;
  cleanup(): void;
}

function assistantOf(config: JsonObject): string {
  const ui = config.ui;
  const assistant = isPlainObject(ui) ? ui.assistant : undefined;
  const name = isPlainObject(assistant) ? assistant.name : undefined;
  return typeof name === 'string' ? name : '';
}

export function startRig(options: { timers: Timers; bots?: string[]; concurrency?: number }): Rig {
  const dir = mkdtempSync(join(tmpdir(), 'clawster-rollout-'));
  const store = openStore(join(dir, 'clawster.db'));
  const bus = createEventBus(() => undefined);
  const clock = fixedClock(T0);
  const alerts: AlertInput[] = [];
  const events: Rig['events'] = [];
  bus.on((event, payload) => events.push({ event, payload }));
  const mutate = createMutator({
    store,
    audit: createAuditWriter(store.sqlite),
    bus,
    clock,
    actor: 'tester',
    newId: counterIds(),
  });
  createFleetService(mutate).create({
    name: 'Prod',
    environment: 'prod',
    tags: [],
    description: '',
    driftMode: 'notify',
    target: 'local',
  });
  const manifests = createManifestService({
    db: store.db,
    mutate,
    clock,
    actor: 'tester',
    guard: (keys) => current?.guardManifests(keys),
  });
  const move = createMover({ mutate, actor: 'tester' });
  let current: ChangeSetService | null = null;
  const names = options.bots ?? ['a', 'b', 'c'];
  const apply = (text: string) =>
    void manifests.apply({ files: [{ name: 'test.yaml', text }], dryRun: false });
  apply([profile('info'), ...names.map((n) => botDoc(n))].join('---\n'));
  const bots = new Map(manifests.resolveAllBots().map((b) => [b.name, b.botId]));
  const names_ = new Map([...bots].map(([n, id]) => [id, n]));

  const rig: Rig = {
    store,
    mutate,
    manifests,
    bus,
    alerts,
    events,
    bots,
    deploys: [],
    hold: null,
    failing: new Set(),
    move,
    apply,
    draft: (title, text, o = {}) =>
      rig.service.create({
        title,
        description: '',
        files: [{ name: 'change.yaml', text }],
        strategy: o.strategy ?? { kind: 'all' },
        healthTimeoutSec: 60,
        bakeSec: o.bakeSec ?? 0,
      }),
    snapshot: () => dumpTables(store.sqlite),
    get service() {
      current ??= makeService();
      return current;
    },
    set service(next) {
      current = next;
    },
    async settled(id) {
      await rig.service.idle();
      return rig.service.get({ id });
    },
    reopenService: () => makeService(),
    cleanup() {
      rig.service.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };

  async function deploy(botId: string): Promise<void> {
    const x = manifests.resolveBot(botId);
    if (!x?.resolved || !x.hash) throw new AppError('PRECONDITION', 'no config');
    const assistant = assistantOf(x.resolved.config);
    rig.deploys.push({ bot: names_.get(botId) ?? botId, assistant });
    const from = getRuntime(store.db, botId)?.state;
    move(
      botId,
      {
        to: from === 'error' || from === 'stopped' ? 'pending' : 'provisioning',
        cause: 'deploy',
        message: 'deploy',
      },
      { create: { target: 'local', desiredState: 'running' } },
    );
    if (getRuntime(store.db, botId)?.state === 'pending')
      move(botId, { to: 'provisioning', cause: 'deploy', message: 'starting' });
    if (rig.hold) await rig.hold;
    if (assistant === 'broken' || rig.failing.has(names_.get(botId) ?? '')) {
      move(botId, {
        to: 'error',
        cause: 'deploy',
        message: 'gateway exited',
        set: { lastError: { code: 'EXITED', message: 'the gateway exited with code 1' } },
      });
      throw new AppError('INTERNAL', 'the gateway exited with code 1');
    }
    move(botId, { to: 'running', cause: 'deploy', message: 'ready', set: { configHash: x.hash } });
  }

  function makeService(): ChangeSetService {
    return createChangeSetService({
      db: store.db,
      mutate,
      clock,
      log: silentLogger,
      actor: 'tester',
      manifests,
      deploy,
      refresh: async () => undefined,
      onRuntime: (listener) =>
        bus.on((event, payload) => {
          if (event === 'bot.runtime.changed' && isPlainObject(payload) && typeof payload.botId === 'string')
            listener(payload.botId);
        }),
      alert: (a) => alerts.push(a),
      timers: options.timers,
      concurrency: options.concurrency ?? 1,
    });
  }

  return rig;
}

/** Deploys every bot of the rig once (as an operator would have before any change set). */
export async function deployAll(rig: Rig): Promise<void> {
  for (const id of rig.bots.values()) {
    const x = rig.manifests.resolveBot(id);
    rig.move(
      id,
      { to: 'provisioning', cause: 'deploy', message: 'deploy' },
      { create: { target: 'local', desiredState: 'running' } },
    );
    rig.move(id, { to: 'running', cause: 'deploy', message: 'ready', set: { configHash: x?.hash ?? null } });
  }
  rig.deploys.length = 0;
}

/**
 * A test double of the rollout's timers: no time passes unless the test fires a timer, so rollout
 * tests never sleep. `requested(ms)` resolves once a timer of `ms` is pending.
 */
export function manualTimers() {
  const pending: { ms: number; resolve: () => void }[] = [];
  const waiters: { ms: number; resolve: () => void }[] = [];
  const drop = <T>(list: T[], item: T) => {
    const at = list.indexOf(item);
    if (at >= 0) list.splice(at, 1);
  };
  const timers: Timers = {
    after: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        const entry = {
          ms,
          resolve: () => {
            drop(pending, entry);
            resolve();
          },
        };
        pending.push(entry);
        signal.addEventListener(
          'abort',
          () => {
            drop(pending, entry);
            reject(signal.reason);
          },
          { once: true },
        );
        for (const w of waiters.filter((x) => x.ms === ms)) {
          drop(waiters, w);
          w.resolve();
        }
      }),
  };
  return {
    timers,
    requested: (ms: number) =>
      pending.some((p) => p.ms === ms)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ ms, resolve })),
    fire(ms: number) {
      for (const p of pending.filter((x) => x.ms === ms)) p.resolve();
    },
  };
}

/** The AppError `fn` throws (fails the test when it throws nothing, or something else). */
export function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

/** Each bot's rollout status by name. */
export const statuses = (cs: ChangeSet) => Object.fromEntries(cs.bots.map((b) => [b.botName, b.status]));
