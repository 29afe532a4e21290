import { byCodePoint } from '../../shared/config/json.ts';
import type { RolloutBot, RolloutStrategy } from '../../shared/domain/changeset.ts';
import { waveNumbers } from '../../shared/rollout/waves.ts';
import { deployableBot } from '../deploy/deployable-bot.ts';
import { getRuntime } from '../deploy/runtime-store.ts';
import type { Db } from '../store/database.ts';

/**
 * The bots a started change set updates: those whose desired config hash the apply changed and
 * that are deployed to run, in waves per the strategy (ordered by fleet, then name, so the canary
 * is predictable). Deployed bots stopped on purpose are listed as skipped; bots never deployed
 * take the change at their first deploy and are not listed.
 */
export function rolloutBots(
  db: Db,
  before: ReadonlyMap<string, string | null>,
  after: ReadonlyMap<string, string | null>,
  strategy: RolloutStrategy,
  now: string,
): RolloutBot[] {
  const targets: RolloutBot[] = [];
  const skipped: RolloutBot[] = [];
  for (const [botId, hash] of after) {
    if (before.get(botId) === hash) continue;
    const deployed = getRuntime(db, botId);
    if (!deployed) continue;
    const info = deployableBot(db, botId);
    const row: RolloutBot = {
      botId,
      botName: info.name,
      fleetId: info.fleetId,
      fleetName: info.fleet,
      wave: 1,
      status: 'pending',
      updatedAt: null,
    };
    if (deployed.desiredState === 'running') targets.push(row);
    else
      skipped.push({
        ...row,
        status: 'skipped',
        message: 'stopped: it takes the change at its next deploy',
        updatedAt: now,
      });
  }
  targets.sort((a, b) => byCodePoint(a.fleetName, b.fleetName) || byCodePoint(a.botName, b.botName));
  const waves = waveNumbers(targets.length, strategy);
  return [...targets.map((b, i) => ({ ...b, wave: waves[i] ?? 1 })), ...skipped];
}

/** Why a bot of a rollout is not to be redeployed now, or null: the operator's stop or destroy wins. */
export function skipReason(db: Db, botId: string): string | null {
  const r = getRuntime(db, botId);
  if (!r) return 'destroyed';
  return r.desiredState === 'running' ? null : 'stopped by the operator';
}
