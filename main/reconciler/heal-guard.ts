import { canonicalJson } from '../../shared/config/canonical.ts';
import type { JsonObject } from '../../shared/config/json.ts';
import { type BackoffPolicy, backoffDelay } from '../gateway/backoff.ts';

/**
 * When the reconciler may heal a bot again. A heal that fails, or a heal that the next pass finds
 * undone the same way (OpenClaw repaired its config back, or something else keeps writing it),
 * counts as a failure; after each failure the bot waits longer before the next attempt, so that
 * Clawster never fights OpenClaw's own config repair in a loop. Drift is still reported meanwhile.
 */
export const defaultHealBackoff: BackoffPolicy = {
  initialMs: 60_000,
  maxMs: 60 * 60_000,
  multiplier: 2,
  jitter: 0.2,
};

interface BotState {
  failures: number;
  /** Epoch ms before which no heal is attempted. */
  notBefore: number;
  /** The canonical form of the last patch that was applied (to recognise the same drift coming back). */
  lastPatch: string | null;
}

export interface HealGuard {
  /** Null when the bot may be healed at `now`, else the ISO time it may be again. */
  blockedUntil(botId: string, now: number): string | null;
  /** Whether `patch` is the one healed last time (the drift came back). */
  isRecurring(botId: string, patch: JsonObject): boolean;
  healed(botId: string, patch: JsonObject): void;
  failed(botId: string, now: number): { failures: number; retryAt: string };
  /** The config is in sync: forget the failures. */
  settled(botId: string): void;
  failures(botId: string): number;
}

export function createHealGuard(
  policy: BackoffPolicy = defaultHealBackoff,
  random: () => number = Math.random,
): HealGuard {
  const states = new Map<string, BotState>();
  const stateOf = (botId: string): BotState => {
    let s = states.get(botId);
    if (!s) {
      s = { failures: 0, notBefore: 0, lastPatch: null };
      states.set(botId, s);
    }
    return s;
  };
  return {
    blockedUntil(botId, now) {
      const s = states.get(botId);
      return s && s.notBefore > now ? new Date(s.notBefore).toISOString() : null;
    },
    isRecurring: (botId, patch) => states.get(botId)?.lastPatch === canonicalJson(patch),
    healed(botId, patch) {
      stateOf(botId).lastPatch = canonicalJson(patch);
    },
    failed(botId, now) {
      const s = stateOf(botId);
      s.failures += 1;
      s.notBefore = now + backoffDelay(s.failures - 1, policy, random);
      return { failures: s.failures, retryAt: new Date(s.notBefore).toISOString() };
    },
    settled(botId) {
      states.delete(botId);
    },
    failures: (botId) => states.get(botId)?.failures ?? 0,
  };
}
