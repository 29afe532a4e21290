import { AppError } from '../../shared/contract/errors.ts';
import type { Clock } from '../clock.ts';
import type { HealGuard } from './heal-guard.ts';
import type { DriftMode } from './reconciler.ts';

/**
 * Drift of state: a bot that should be running is stopped or failed. Per its fleet's drift mode
 * the reconciler reports it or heals it by starting the bot again (through the same start as the
 * operator's, so the policy gate and the audit apply); repeated failures to start back off, as
 * config heals do.
 */
export interface DownBot {
  id: string;
  mode: DriftMode;
  state: 'stopped' | 'error';
  /** The last error's message, when it failed. */
  lastError: string | null;
}

export interface StateDriftResult {
  botId: string;
  status: 'drifted' | 'healed' | 'error';
  changes: ['state'];
  detail: string;
  ms: number;
}

export function createStateDriftHealer(deps: {
  clock: Clock;
  guard: HealGuard;
  /** Starts a deployed bot (the deploy service's start). */
  start(botId: string): Promise<unknown>;
}) {
  async function one(bot: DownBot): Promise<StateDriftResult> {
    const began = performance.now();
    const is = `Should be running, is ${bot.state}${bot.lastError ? ` (${bot.lastError})` : ''}`;
    const result = (status: StateDriftResult['status'], detail: string): StateDriftResult => ({
      botId: bot.id,
      status,
      changes: ['state'],
      detail,
      ms: Math.round(performance.now() - began),
    });
    if (bot.mode === 'notify') return result('drifted', `${is}; the fleet is set to notify only`);
    const now = deps.clock.now().getTime();
    const until = deps.guard.blockedUntil(bot.id, now);
    if (until) return result('drifted', `${is}; starting it again is paused until ${until}`);
    try {
      await deps.start(bot.id);
      deps.guard.settled(bot.id);
      return result('healed', `${is}; started again`);
    } catch (e) {
      const { retryAt } = deps.guard.failed(bot.id, now);
      const why = e instanceof AppError || e instanceof Error ? e.message : String(e);
      return result('error', `${is}; starting it again failed: ${why} Next attempt after ${retryAt}.`);
    }
  }

  /** One bot at a time: starting gateways is heavy, and a fleet down at once should not stampede. */
  return async (bots: readonly DownBot[]): Promise<StateDriftResult[]> => {
    const out: StateDriftResult[] = [];
    for (const bot of bots) out.push(await one(bot));
    return out;
  };
}
