import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { isPlainObject, type JsonObject } from '../../shared/config/json.ts';
import type { Params, ResultOf } from '../../shared/contract/requests.ts';
import { evaluate } from '../../shared/policy/evaluate.ts';
import type { Clock } from '../clock.ts';
import type { GatewayPool } from '../gateway/pool.ts';
import type { Logger } from '../log/logger.ts';
import { activeExceptions } from '../policy/exception-store.ts';
import type { Db } from '../store/database.ts';
import { botRuntime, bots, fleets } from '../store/schema.ts';
import type { Mutator } from '../store/unit-of-work.ts';
import { createHealGuard } from './heal-guard.ts';
import { createReconciler, type ReconcileBot, type ReconcileRecord } from './reconciler.ts';
import { type ReconcileSchedule, scheduleReconcile } from './schedule.ts';

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
}

interface Managed extends ReconcileBot {
  environment: 'dev' | 'staging' | 'prod';
  fleetName: string;
  desired: JsonObject | null;
}

export function createReconcileService(deps: ReconcileServiceDeps) {
  const guard = createHealGuard();
  let managed = new Map<string, Managed>();

  const reconciler = createReconciler({
    clock: deps.clock,
    log: deps.log,
    guard,
    desired: (botId) => managed.get(botId)?.desired ?? null,
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
      deps.mutate((tx) =>
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
        }),
      ),
  });

  function load(scope: { fleetId?: string; botId?: string }): Managed[] {
    const where: SQL[] = [
      eq(botRuntime.desiredState, 'running'),
      inArray(botRuntime.state, ['running', 'degraded']),
    ];
    if (scope.fleetId) where.push(eq(bots.fleetId, scope.fleetId));
    if (scope.botId) where.push(eq(bots.id, scope.botId));
    return deps.db
      .select({
        id: bots.id,
        name: bots.name,
        fleetId: bots.fleetId,
        fleetName: fleets.name,
        environment: fleets.environment,
        mode: fleets.driftMode,
        desired: botRuntime.deployedConfig,
      })
      .from(botRuntime)
      .innerJoin(bots, eq(bots.id, botRuntime.botId))
      .innerJoin(fleets, eq(fleets.id, bots.fleetId))
      .where(and(...where))
      .all()
      .map((r) => ({ ...r, desired: isPlainObject(r.desired) ? r.desired : null }));
  }

  async function run(p: Params<'reconcile.run'>): Promise<ResultOf<'reconcile.run'>> {
    const list = load(p);
    managed = new Map(list.map((m) => [m.id, m]));
    const report = await reconciler.reconcile(list);
    return {
      startedAt: report.startedAt,
      ms: Math.round(report.ms),
      counts: report.counts,
      results: report.results.map((r) => ({
        botId: r.botId,
        status: r.status,
        changes: 'changes' in r && r.changes ? r.changes.map((c) => c.path) : [],
        ...(r.status === 'drifted' ? { detail: r.detail } : {}),
        ...(r.status === 'error' ? { detail: r.error.message } : {}),
      })),
    };
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
