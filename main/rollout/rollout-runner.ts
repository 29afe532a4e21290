import type { AlertInput } from '../../shared/alerts/alerts.ts';
import type { ChangeSet, RolloutBot } from '../../shared/domain/changeset.ts';
import type { Logger } from '../log/logger.ts';
import type { GateResult } from './health-gate.ts';

/**
 * Runs a started change set: wave after wave, each bot redeployed (it then runs the new desired
 * config) and put through the health gate. A wave with a failed bot stops the rollout: the bots
 * not reached are skipped, the manifests are restored and every bot that had the change is
 * redeployed (the automatic rollback), and a `rollout.failed` alert is raised. The one-click
 * rollback of a finished change set runs the same rollback.
 */
export interface RunnerDeps {
  log: Logger;
  deploy(botId: string): Promise<unknown>;
  gate(botId: string, o: { timeoutMs: number; bakeMs: number; signal: AbortSignal }): Promise<GateResult>;
  /** Restores the manifests from before the change set; throws (an AppError) when refused. */
  restore(cs: ChangeSet): void;
  /** Saves the change set and pushes `changeset.changed`; `action` also audits it. */
  save(cs: ChangeSet, action?: string): void;
  alert(a: AlertInput): void;
  now(): string;
  /** Bots updated at the same time within a wave. */
  concurrency: number;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const label = (b: RolloutBot) => `${b.fleetName}/${b.botName}`;

async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export function createRunner(deps: RunnerDeps) {
  function setBot(cs: ChangeSet, botId: string, patch: Partial<RolloutBot>): void {
    cs.bots = cs.bots.map((b) => {
      if (b.botId !== botId) return b;
      const next: RolloutBot = { ...b, ...patch, updatedAt: deps.now() };
      if (patch.message === undefined && 'message' in patch) delete next.message;
      return next;
    });
    deps.save(cs);
  }

  /** Redeploys one bot and gates it; true when it passed. */
  async function update(
    cs: ChangeSet,
    b: RolloutBot,
    signal: AbortSignal,
    rollback: boolean,
  ): Promise<boolean> {
    setBot(cs, b.botId, { status: 'updating', message: rollback ? 'Rolling back' : 'Redeploying' });
    try {
      await deps.deploy(b.botId);
    } catch (e) {
      if (signal.aborted) return false;
      setBot(cs, b.botId, {
        status: 'failed',
        message: `${rollback ? 'rollback ' : ''}redeploy failed: ${message(e)}`,
      });
      return false;
    }
    if (signal.aborted) return false;
    const bakeMs = rollback ? 0 : cs.bakeSec * 1000;
    setBot(cs, b.botId, {
      message: bakeMs > 0 ? 'Waiting for health, then the bake time' : 'Waiting for health',
    });
    const g = await deps.gate(b.botId, { timeoutMs: cs.healthTimeoutSec * 1000, bakeMs, signal });
    if (signal.aborted || (!g.ok && g.interrupted)) return false;
    if (g.ok) {
      const before = b.status === 'failed' && b.message ? `${b.message}; ` : '';
      setBot(
        cs,
        b.botId,
        rollback
          ? { status: 'rolled-back', message: `${before}rolled back` }
          : { status: 'healthy', message: undefined },
      );
      return true;
    }
    setBot(cs, b.botId, {
      status: 'failed',
      message: `${rollback ? 'after the rollback, ' : ''}${g.message}`,
    });
    return false;
  }

  function fail(cs: ChangeSet, failure: string, bot: RolloutBot | undefined): void {
    cs.failure = failure;
    const fleet = bot ?? cs.bots[0];
    deps.alert({
      kind: 'rollout.failed',
      severity: 'critical',
      fleetId: fleet?.fleetId ?? '',
      fleetName: fleet?.fleetName ?? 'all fleets',
      ...(bot ? { botId: bot.botId, botName: bot.botName } : {}),
      detail: `${cs.title}: ${failure}`,
      changeSetId: cs.id,
    });
  }

  async function rollback(cs: ChangeSet, signal: AbortSignal): Promise<void> {
    try {
      deps.restore(cs);
    } catch (e) {
      cs.status = 'failed';
      cs.finishedAt = deps.now();
      fail(cs, `the rollback was refused: ${message(e)}`, undefined);
      deps.save(cs, 'changeset.fail');
      return;
    }
    const had = cs.bots.filter(
      (b) => b.status === 'healthy' || b.status === 'failed' || b.status === 'updating',
    );
    const before = new Map(had.map((b) => [b.botId, b]));
    await eachLimited(had, deps.concurrency, async (b) => {
      if (!signal.aborted) await update(cs, before.get(b.botId) ?? b, signal, true);
    });
    if (signal.aborted) return;
    const stuck = cs.bots.filter((b) => before.has(b.botId) && b.status !== 'rolled-back');
    cs.finishedAt = deps.now();
    if (stuck.length > 0) {
      cs.status = 'failed';
      const first = stuck[0];
      fail(
        cs,
        `the manifests were restored, but ${stuck.length} bot${stuck.length === 1 ? '' : 's'} did not come back healthy (${first ? `${label(first)}: ${first.message ?? 'failed'}` : ''})`,
        first,
      );
      deps.save(cs, 'changeset.fail');
      return;
    }
    cs.status = 'rolled-back';
    deps.save(cs, 'changeset.rolled-back');
  }

  async function rollout(cs: ChangeSet, signal: AbortSignal): Promise<void> {
    const waves = [...new Set(cs.bots.filter((b) => b.status === 'pending').map((b) => b.wave))].sort(
      (a, b) => a - b,
    );
    for (const wave of waves) {
      const bots = cs.bots.filter((b) => b.wave === wave && b.status === 'pending');
      await eachLimited(bots, deps.concurrency, async (b) => {
        if (!signal.aborted) await update(cs, b, signal, false);
      });
      if (signal.aborted) return;
      const failed = cs.bots.filter((b) => b.wave === wave && b.status === 'failed');
      const first = failed[0];
      if (first) {
        for (const b of cs.bots)
          if (b.status === 'pending')
            setBot(cs, b.botId, { status: 'skipped', message: `not reached: wave ${wave} failed` });
        cs.status = 'rolling-back';
        const more = failed.length > 1 ? ` (and ${failed.length - 1} more)` : '';
        fail(
          cs,
          `${label(first)} failed in wave ${wave}: ${first.message ?? 'failed'}${more}. Rolled back automatically.`,
          first,
        );
        deps.save(cs, 'changeset.fail');
        await rollback(cs, signal);
        return;
      }
    }
    cs.status = 'completed';
    cs.finishedAt = deps.now();
    deps.save(cs, 'changeset.complete');
  }

  return {
    rollout,
    rollback: async (cs: ChangeSet, signal: AbortSignal) => {
      await rollback(cs, signal);
    },
  };
}
