import type { Change } from '../../shared/config/diff.ts';
import { configDrift } from '../../shared/config/drift.ts';
import { isPlainObject, type JsonObject } from '../../shared/config/json.ts';
import type { ErrorInfo } from '../../shared/contract/errors.ts';
import type { Clock } from '../clock.ts';
import type { GatewayApi } from '../gateway/gateway-api.ts';
import type { SweepOptions, SweepResult } from '../gateway/pool.ts';
import type { Logger } from '../log/logger.ts';
import type { HealGuard } from './heal-guard.ts';

/**
 * One reconcile pass: for every bot in scope (all of them, never a page), read the live config
 * from its gateway, compare it with the desired one, and per the fleet's choice report the drift
 * or heal it with a merge patch carrying the `baseHash` just read. A heal never bypasses the
 * policy gate, backs off after repeated failures (heal-guard.ts), and is recorded (audited) by
 * the caller through `record`.
 */
export type DriftMode = 'notify' | 'heal';

export interface ReconcileBot {
  id: string;
  fleetId: string;
  name: string;
  mode: DriftMode;
}

export type ReconcileOutcome =
  /** Nothing to compare: the bot has no desired config. */
  | { status: 'unmanaged' }
  | { status: 'in-sync' }
  | {
      status: 'drifted';
      changes: Change[];
      /** Why it was not healed. */
      reason: 'notify' | 'backoff' | 'policy' | 'recurring';
      detail: string;
    }
  | { status: 'healed'; changes: Change[]; hash: string }
  | { status: 'error'; changes?: Change[]; error: ErrorInfo };

export type BotReconcile = ReconcileOutcome & { botId: string; ms: number };
export type ReconcileStatus = ReconcileOutcome['status'];

export interface ReconcileReport {
  startedAt: string;
  ms: number;
  results: BotReconcile[];
  counts: Record<ReconcileStatus, number>;
}

/** What gets audited: a heal, or drift found for the first time since the bot was last in sync. */
export interface ReconcileRecord {
  bot: ReconcileBot;
  action: 'reconcile.heal' | 'reconcile.drift';
  changes: Change[];
  outcome: ReconcileOutcome;
}

export interface ReconcilerDeps {
  clock: Clock;
  log: Logger;
  desired(botId: string): JsonObject | null;
  /** The OpenClaw version the bot was deployed to run (null: not known, not compared). */
  desiredVersion?(botId: string): string | null;
  /** Restarts a bot on its deployed OpenClaw (heals version drift); absent: version drift is only reported. */
  restart?(botId: string): Promise<unknown>;
  /** The policy gate every config passes before it reaches a bot. */
  gate(bot: ReconcileBot, config: JsonObject): { allowed: true } | { allowed: false; reason: string };
  sweep<T>(
    botIds: readonly string[],
    fn: (api: GatewayApi, botId: string) => Promise<T>,
    options?: SweepOptions,
  ): Promise<SweepResult<T>[]>;
  guard: HealGuard;
  record(entry: ReconcileRecord): void;
  sweepOptions?: SweepOptions;
}

export interface Reconciler {
  reconcile(bots: readonly ReconcileBot[]): Promise<ReconcileReport>;
}

/** `2026.9.6` out of `2026.9.6`, `v2026.9.6` or `OpenClaw 2026.9.6 (eb377ac)`. */
function versionIn(text: string | undefined): string | null {
  return text?.match(/\d{4}\.\d{1,2}\.\d{1,3}(?:-[0-9A-Za-z.]+)?/)?.[0] ?? null;
}

const emptyCounts = (): Record<ReconcileStatus, number> => ({
  unmanaged: 0,
  'in-sync': 0,
  drifted: 0,
  healed: 0,
  error: 0,
});

export function createReconciler(deps: ReconcilerDeps): Reconciler {
  /** Bots whose drift was already recorded (recorded again only after they were in sync). */
  const knownDrift = new Set<string>();

  /** The gateway runs another OpenClaw than the one it was deployed with. */
  async function versionDrift(bot: ReconcileBot, want: string, live: string): Promise<ReconcileOutcome> {
    const changes: Change[] = [{ path: 'openclawVersion', kind: 'changed', before: want, after: live }];
    const is = `The gateway runs OpenClaw ${live}, deployed to run ${want}`;
    if (bot.mode === 'notify' || !deps.restart)
      return { status: 'drifted', changes, reason: 'notify', detail: `${is}; restart or redeploy it` };
    const now = deps.clock.now().getTime();
    const until = deps.guard.blockedUntil(bot.id, now);
    if (until)
      return {
        status: 'drifted',
        changes,
        reason: 'backoff',
        detail: `${is}; restarting paused until ${until}`,
      };
    // The same mismatch after a restart: restarting again will not fix it (the runtime itself differs).
    const marker = { openclawVersion: live };
    if (deps.guard.isRecurring(bot.id, marker)) {
      const { retryAt } = deps.guard.failed(bot.id, now);
      return {
        status: 'drifted',
        changes,
        reason: 'recurring',
        detail: `${is} again after a restart; restarting paused until ${retryAt}. Redeploy it, or check which OpenClaw its host runs.`,
      };
    }
    try {
      await deps.restart(bot.id);
      deps.guard.healed(bot.id, marker);
      return { status: 'healed', changes, hash: '' };
    } catch (e) {
      deps.guard.failed(bot.id, now);
      throw e;
    }
  }

  async function reconcileOne(
    api: GatewayApi,
    bot: ReconcileBot,
    want: JsonObject,
  ): Promise<ReconcileOutcome> {
    const wantVersion = deps.desiredVersion?.(bot.id) ?? null;
    const liveVersion = versionIn(api.connection.status.hello?.server.version);
    if (wantVersion && liveVersion && liveVersion !== versionIn(wantVersion))
      return versionDrift(bot, wantVersion, liveVersion);
    const snapshot = await api.configGet();
    const live = isPlainObject(snapshot.parsed) ? snapshot.parsed : {};
    const { changes, patch } = configDrift(want, live);
    if (!patch) {
      deps.guard.settled(bot.id);
      knownDrift.delete(bot.id);
      return { status: 'in-sync' };
    }
    if (bot.mode === 'notify')
      return { status: 'drifted', changes, reason: 'notify', detail: 'The fleet is set to notify only' };
    const now = deps.clock.now().getTime();
    const until = deps.guard.blockedUntil(bot.id, now);
    if (until)
      return { status: 'drifted', changes, reason: 'backoff', detail: `Healing paused until ${until}` };
    const gate = deps.gate(bot, want);
    if (!gate.allowed) return { status: 'drifted', changes, reason: 'policy', detail: gate.reason };
    if (deps.guard.isRecurring(bot.id, patch)) {
      const { failures, retryAt } = deps.guard.failed(bot.id, now);
      return {
        status: 'drifted',
        changes,
        reason: 'recurring',
        detail:
          `The same drift came back after Clawster healed it (${failures} time${failures === 1 ? '' : 's'}); ` +
          `something on the bot keeps changing it back. Healing paused until ${retryAt}.`,
      };
    }
    try {
      const written = await api.configPatch({
        patch,
        baseHash: snapshot.hash,
        note: 'clawster reconcile: heal drift',
      });
      deps.guard.healed(bot.id, patch);
      return { status: 'healed', changes, hash: written.hash };
    } catch (e) {
      deps.guard.failed(bot.id, now);
      throw e;
    }
  }

  return {
    async reconcile(bots) {
      const started = performance.now();
      const startedAt = deps.clock.now().toISOString();
      const byId = new Map(bots.map((b) => [b.id, b]));
      const managed: string[] = [];
      const results: BotReconcile[] = [];
      const wanted = new Map<string, JsonObject>();
      for (const bot of bots) {
        const want = deps.desired(bot.id);
        if (want) {
          wanted.set(bot.id, want);
          managed.push(bot.id);
        } else results.push({ botId: bot.id, status: 'unmanaged', ms: 0 });
      }
      const swept = await deps.sweep(
        managed,
        (api, botId) => {
          const bot = byId.get(botId);
          const want = wanted.get(botId);
          if (!bot || !want) return Promise.resolve<ReconcileOutcome>({ status: 'unmanaged' });
          return reconcileOne(api, bot, want);
        },
        deps.sweepOptions,
      );
      for (const r of swept) {
        const outcome: ReconcileOutcome = r.ok ? r.value : { status: 'error', error: r.error };
        results.push({ ...outcome, botId: r.botId, ms: r.ms });
        const bot = byId.get(r.botId);
        if (bot) record(bot, outcome);
      }
      const counts = emptyCounts();
      for (const r of results) counts[r.status] += 1;
      const ms = performance.now() - started;
      deps.log.info('reconcile pass', { bots: bots.length, ms: Math.round(ms), ...counts });
      return { startedAt, ms, results, counts };
    },
  };

  function record(bot: ReconcileBot, outcome: ReconcileOutcome): void {
    if (outcome.status === 'healed') {
      knownDrift.delete(bot.id);
      deps.record({ bot, action: 'reconcile.heal', changes: outcome.changes, outcome });
    } else if (outcome.status === 'drifted' && !knownDrift.has(bot.id)) {
      knownDrift.add(bot.id);
      deps.record({ bot, action: 'reconcile.drift', changes: outcome.changes, outcome });
    }
  }
}
