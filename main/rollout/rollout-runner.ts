import type { AlertInput } from '../../shared/alerts/alerts.ts';
import type { ChangeSet, RolloutBot } from '../../shared/domain/changeset.ts';
import { forEachLimited } from '../concurrency.ts';
import type { GateResult } from './health-gate.ts';

/**
 * Runs a started change set: wave after wave, each bot redeployed (it then runs the new desired
 * config) and put through the health gate. A wave with a failed bot stops the rollout: the bots
 * not reached are skipped, the manifests are restored and every bot that had the change is
 * redeployed (the automatic rollback); one `rollout.failed` alert then says what failed and how
 * the rollback ended. The one-click rollback of a finished change set runs the same rollback.
 * A bot the operator stopped or destroyed meanwhile is skipped, never started again.
 */
export interface RunnerDeps {
  deploy(botId: string): Promise<unknown>;
  gate(botId: string, o: { timeoutMs: number; bakeMs: number; signal: AbortSignal }): Promise<GateResult>;
  /** Restores the manifests from before the change set; throws (an AppError) when refused. */
  restore(cs: ChangeSet): void;
  /** Why a bot is not to be redeployed now (destroyed, stopped by the operator), or null. */
  skipReason(botId: string): string | null;
  /** Saves the change set and pushes `changeset.changed`; `action` also audits it. */
  save(cs: ChangeSet, action?: string): void;
  alert(a: AlertInput): void;
  now(): string;
  /** Bots updated at the same time within a wave. */
  concurrency: number;
}

type Outcome = 'ok' | 'failed' | 'skipped' | 'interrupted';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const label = (b: RolloutBot) => `${b.fleetName}/${b.botName}`;
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

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

  /** Redeploys one bot and gates it. */
  async function update(
    cs: ChangeSet,
    b: RolloutBot,
    signal: AbortSignal,
    rollback: boolean,
  ): Promise<Outcome> {
    const skip = deps.skipReason(b.botId);
    if (skip !== null) {
      setBot(cs, b.botId, {
        status: 'skipped',
        message: `${skip}: not redeployed${rollback ? ' by the rollback' : ''}`,
      });
      return 'skipped';
    }
    setBot(cs, b.botId, { status: 'updating', message: rollback ? 'Rolling back' : 'Redeploying' });
    try {
      await deps.deploy(b.botId);
    } catch (e) {
      if (signal.aborted) return 'interrupted';
      setBot(cs, b.botId, {
        status: 'failed',
        message: `${rollback ? 'rollback ' : ''}redeploy failed: ${message(e)}`,
      });
      return 'failed';
    }
    if (signal.aborted) return 'interrupted';
    const bakeMs = rollback ? 0 : cs.bakeSec * 1000;
    setBot(cs, b.botId, {
      message: bakeMs > 0 ? 'Waiting for health, then the bake time' : 'Waiting for health',
    });
    const g = await deps.gate(b.botId, { timeoutMs: cs.healthTimeoutSec * 1000, bakeMs, signal });
    if (signal.aborted || (!g.ok && g.interrupted)) return 'interrupted';
    if (g.ok) {
      const before = b.status === 'failed' && b.message ? `${b.message}; ` : '';
      setBot(
        cs,
        b.botId,
        rollback
          ? { status: 'rolled-back', message: `${before}rolled back` }
          : { status: 'healthy', message: undefined },
      );
      return 'ok';
    }
    setBot(cs, b.botId, {
      status: 'failed',
      message: `${rollback ? 'after the rollback, ' : ''}${g.message}`,
    });
    return 'failed';
  }

  function alert(cs: ChangeSet, detail: string, bot: RolloutBot | undefined): void {
    const where = bot ?? cs.bots[0];
    deps.alert({
      kind: 'rollout.failed',
      severity: 'critical',
      fleetId: where?.fleetId ?? '',
      fleetName: where?.fleetName ?? '',
      ...(bot ? { botId: bot.botId, botName: bot.botName } : {}),
      detail: `${cs.title}: ${detail}`,
      changeSetId: cs.id,
    });
  }

  /** Ends a rollback that did not finish: failed, with the cause (if any) and what went wrong. */
  function rollbackFailed(
    cs: ChangeSet,
    cause: string | null,
    problem: string,
    bot: RolloutBot | undefined,
  ): void {
    cs.status = 'failed';
    cs.finishedAt = deps.now();
    cs.failure = cause
      ? `${cause}. The rollback did not finish: ${problem}`
      : `The rollback did not finish: ${problem}`;
    deps.save(cs, 'changeset.fail');
    alert(cs, cs.failure, bot);
  }

  /** `cause`: why an automatic rollback runs (null for the operator's rollback). */
  async function rollback(cs: ChangeSet, signal: AbortSignal, cause: string | null): Promise<void> {
    const failedFirst = cs.bots.find((b) => b.status === 'failed');
    try {
      deps.restore(cs);
    } catch (e) {
      rollbackFailed(cs, cause, `the manifests could not be restored (${message(e)})`, failedFirst);
      return;
    }
    const had = cs.bots.filter(
      (b) => b.status === 'healthy' || b.status === 'failed' || b.status === 'updating',
    );
    const outcomes = new Map<string, Outcome>();
    await forEachLimited(had, deps.concurrency, async (b) => {
      if (!signal.aborted) outcomes.set(b.botId, await update(cs, b, signal, true));
    });
    if (signal.aborted) return;
    const stuck = cs.bots.filter((b) => outcomes.get(b.botId) === 'failed');
    const first = stuck[0];
    if (first) {
      rollbackFailed(
        cs,
        cause,
        `the manifests were restored, but ${plural(stuck.length, 'bot')} did not come back healthy (${label(first)}: ${first.message ?? 'failed'})`,
        first,
      );
      return;
    }
    cs.status = 'rolled-back';
    cs.finishedAt = deps.now();
    cs.failure = cause ? `${cause}. Rolled back automatically.` : null;
    deps.save(cs, 'changeset.rolled-back');
    if (cause) alert(cs, cs.failure ?? cause, failedFirst);
  }

  async function rollout(cs: ChangeSet, signal: AbortSignal): Promise<void> {
    const waves = [...new Set(cs.bots.filter((b) => b.status === 'pending').map((b) => b.wave))].sort(
      (a, b) => a - b,
    );
    for (const wave of waves) {
      const bots = cs.bots.filter((b) => b.wave === wave && b.status === 'pending');
      await forEachLimited(bots, deps.concurrency, async (b) => {
        if (!signal.aborted) await update(cs, b, signal, false);
      });
      if (signal.aborted) return;
      const failed = cs.bots.filter((b) => b.wave === wave && b.status === 'failed');
      const first = failed[0];
      if (first) {
        for (const b of cs.bots)
          if (b.status === 'pending')
            setBot(cs, b.botId, { status: 'skipped', message: `not reached: wave ${wave} failed` });
        const more = failed.length > 1 ? ` (and ${failed.length - 1} more)` : '';
        const cause = `${label(first)} failed in wave ${wave}: ${first.message ?? 'failed'}${more}`;
        cs.status = 'rolling-back';
        cs.failure = cause;
        deps.save(cs, 'changeset.fail');
        await rollback(cs, signal, cause);
        return;
      }
    }
    cs.status = 'completed';
    cs.finishedAt = deps.now();
    deps.save(cs, 'changeset.complete');
  }

  return {
    rollout,
    rollback: (cs: ChangeSet, signal: AbortSignal) => rollback(cs, signal, null),
  };
}
