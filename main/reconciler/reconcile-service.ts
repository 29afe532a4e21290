import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { type AlertInput, defaultSeverity } from '../../shared/alerts/alerts.ts';
import { isPlainObject, type JsonObject } from '../../shared/config/json.ts';
import type { Params, ResultOf } from '../../shared/contract/requests.ts';
import type { LifecycleState } from '../../shared/domain/lifecycle.ts';
import { evaluate } from '../../shared/policy/evaluate.ts';
import type { Clock } from '../clock.ts';
import { inScope } from '../deploy/runtime-store.ts';
import type { GatewayPool } from '../gateway/pool.ts';
import type { Logger } from '../log/logger.ts';
import { activeExceptions } from '../policy/exception-store.ts';
import type { Db } from '../store/database.ts';
import { botRuntime, bots, fleets } from '../store/schema.ts';
import type { Mutator } from '../store/unit-of-work.ts';
import { createHealGuard } from './heal-guard.ts';
import { createReconciler, type ReconcileBot, type ReconcileRecord } from './reconciler.ts';
import { type ReconcileSchedule, scheduleReconcile } from './schedule.ts';
import { createStateDriftHealer, type DownBot, type StateDriftResult } from './state-drift.ts';

/**
 * The reconciler in the control plane: every deployed bot that should be running is compared
 * with the config Clawster last wrote for it (as written, so the target's own fields count), per
 * its fleet's drift mode reported or healed, heals gated by the policy engine and audited.
 */
export interface ReconcileServiceDeps {
  db: Db;
  mutate: Mutator;
  clock: Clock;
  log: Logger;
  pool: Pick<GatewayPool, 'sweep'>;
  /** A node-cron schedule, or false for none (tests, the CLI). */
  schedule: string | false;
  /** Starts a bot that should be running and is not (state drift, in heal mode). */
  start?: (botId: string) => Promise<unknown>;
  /** Restarts a bot on its deployed OpenClaw (version drift, in heal mode). */
  restart?: (botId: string) => Promise<unknown>;
  /** Brings the state of ECS bots in scope up to what ECS reports. */
  followEcs?: (scope: { fleetId?: string; botId?: string }) => Promise<void>;
}

interface Managed extends ReconcileBot {
  environment: 'dev' | 'staging' | 'prod';
  fleetName: string;
  desired: JsonObject | null;
  openclawVersion: string | null;
}

/**
 * Local bots that should be running, in one of `states`, within the scope of a pass. Bots on ECS
 * are left out: their gateways are not reachable from here unless the operator made them so, and
 * their state follows ECS (followEcs), which restarts failed tasks itself.
 */
function shouldRun(scope: { fleetId?: string; botId?: string }, states: LifecycleState[]): SQL | undefined {
  return and(
    eq(botRuntime.target, 'local'),
    eq(botRuntime.desiredState, 'running'),
    inArray(botRuntime.state, states),
    inScope(scope),
  );
}

export function createReconcileService(deps: ReconcileServiceDeps) {
  const guard = createHealGuard();
  let managed = new Map<string, Managed>();

  const reconciler = createReconciler({
    clock: deps.clock,
    log: deps.log,
    guard,
    desired: (botId) => managed.get(botId)?.desired ?? null,
    desiredVersion: (botId) => managed.get(botId)?.openclawVersion ?? null,
    ...(deps.restart ? { restart: deps.restart } : {}),
    sweep: deps.pool.sweep,
    gate(bot, config) {
      const m = managed.get(bot.id);
      if (!m) return { allowed: false, reason: 'The bot is no longer deployed' };
      const e = evaluate(
        { config },
        {
          environment: m.environment,
          botName: m.name,
          botId: m.id,
          fleetId: m.fleetId,
          fleetName: m.fleetName,
        },
        { exceptions: activeExceptions(deps.db), now: deps.clock.now().toISOString() },
      );
      const block = e.findings.find((f) => f.severity === 'critical' && !f.exception);
      return block
        ? {
            allowed: false,
            reason: `${block.ruleId} (critical) at ${block.path}: the policy gate refuses this config`,
          }
        : { allowed: true };
    },
    record: (r: ReconcileRecord) =>
      deps.mutate((tx) => {
        if (r.action === 'reconcile.drift')
          tx.emit('alert.raised', driftAlert(r.bot.id, r.changes.map((c) => c.path).join(', ')));
        tx.audit({
          action: r.action,
          resourceType: 'bot',
          resourceId: r.bot.id,
          before: { drift: r.changes.map((c) => ({ path: c.path, kind: c.kind })) },
          after:
            r.outcome.status === 'healed'
              ? { healed: true, gatewayHash: r.outcome.hash }
              : {
                  healed: false,
                  ...(r.outcome.status === 'drifted'
                    ? { reason: r.outcome.reason, detail: r.outcome.detail }
                    : {}),
                },
        });
      }),
  });

  const names = (botId: string) =>
    deps.db
      .select({ name: bots.name, fleetId: bots.fleetId, fleetName: fleets.name })
      .from(bots)
      .innerJoin(fleets, eq(fleets.id, bots.fleetId))
      .where(eq(bots.id, botId))
      .get();
  const driftAlert = (botId: string, what: string): AlertInput => {
    const n = names(botId);
    return {
      kind: 'drift.found',
      severity: defaultSeverity['drift.found'],
      fleetId: n?.fleetId ?? '',
      fleetName: n?.fleetName ?? '',
      botId,
      ...(n ? { botName: n.name } : {}),
      detail: what,
    };
  };

  const stateGuard = createHealGuard();
  const healState = deps.start
    ? createStateDriftHealer({ clock: deps.clock, guard: stateGuard, start: deps.start })
    : null;
  /** Bots whose state drift was recorded (recorded again only after they ran again). */
  const knownDown = new Set<string>();

  function loadDown(scope: { fleetId?: string; botId?: string }): DownBot[] {
    return deps.db
      .select({
        id: bots.id,
        mode: fleets.driftMode,
        state: botRuntime.state,
        lastError: botRuntime.lastError,
      })
      .from(botRuntime)
      .innerJoin(bots, eq(bots.id, botRuntime.botId))
      .innerJoin(fleets, eq(fleets.id, bots.fleetId))
      .where(shouldRun(scope, ['stopped', 'error']))
      .all()
      .flatMap((r) =>
        r.state === 'stopped' || r.state === 'error'
          ? [{ id: r.id, mode: r.mode, state: r.state, lastError: errorMessage(r.lastError) }]
          : [],
      );
  }

  function recordState(r: StateDriftResult): void {
    if (r.status === 'healed') knownDown.delete(r.botId);
    if (r.status !== 'healed' && knownDown.has(r.botId)) return;
    if (r.status !== 'healed') knownDown.add(r.botId);
    deps.mutate((tx) => {
      if (r.status !== 'healed') tx.emit('alert.raised', driftAlert(r.botId, r.detail));
      tx.audit({
        action: r.status === 'healed' ? 'reconcile.heal' : 'reconcile.drift',
        resourceType: 'bot',
        resourceId: r.botId,
        before: { drift: [{ path: 'state', kind: 'changed' }] },
        after: { healed: r.status === 'healed', detail: r.detail },
      });
    });
  }

  function load(scope: { fleetId?: string; botId?: string }): Managed[] {
    return deps.db
      .select({
        id: bots.id,
        name: bots.name,
        fleetId: bots.fleetId,
        fleetName: fleets.name,
        environment: fleets.environment,
        mode: fleets.driftMode,
        desired: botRuntime.deployedConfig,
        openclawVersion: botRuntime.openclawVersion,
      })
      .from(botRuntime)
      .innerJoin(bots, eq(bots.id, botRuntime.botId))
      .innerJoin(fleets, eq(fleets.id, bots.fleetId))
      .where(shouldRun(scope, ['running', 'degraded']))
      .all()
      .map((r) => ({ ...r, desired: isPlainObject(r.desired) ? r.desired : null }));
  }

  async function run(p: Params<'reconcile.run'>): Promise<ResultOf<'reconcile.run'>> {
    const started = performance.now();
    await deps.followEcs?.(p);
    const list = load(p);
    managed = new Map(list.map((m) => [m.id, m]));
    for (const m of list) knownDown.delete(m.id);
    const report = await reconciler.reconcile(list);
    const results: ResultOf<'reconcile.run'>['results'] = report.results.map((r) => ({
      botId: r.botId,
      status: r.status,
      changes: 'changes' in r && r.changes ? r.changes.map((c) => c.path) : [],
      ...(r.status === 'drifted' ? { detail: r.detail } : {}),
      ...(r.status === 'error' ? { detail: r.error.message } : {}),
    }));
    const counts = { ...report.counts };
    if (healState) {
      for (const r of await healState(loadDown(p))) {
        recordState(r);
        results.push({ botId: r.botId, status: r.status, changes: r.changes, detail: r.detail });
        counts[r.status] += 1;
      }
    }
    return { startedAt: report.startedAt, ms: Math.round(performance.now() - started), counts, results };
  }

  const schedule: ReconcileSchedule | null =
    deps.schedule === false
      ? null
      : scheduleReconcile({ expression: deps.schedule, run: () => run({}), log: deps.log });

  return {
    run,
    close: async () => {
      await schedule?.stop();
    },
  };
}
export type ReconcileService = ReturnType<typeof createReconcileService>;

function errorMessage(stored: unknown): string | null {
  return typeof stored === 'object' &&
    stored !== null &&
    'message' in stored &&
    typeof stored.message === 'string'
    ? firstLine(stored.message)
    : null;
}

/** The first line of a message, at most 200 characters (log tails stay on the bot page). */
function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
