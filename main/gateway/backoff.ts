/** Reconnect delays: exponential, jittered so that a fleet does not reconnect in lockstep. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  multiplier: number;
  /** 0..1: the share of each delay that is random (0.3 = within ±15 % of the base). */
  jitter: number;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 500, maxMs: 30_000, multiplier: 2, jitter: 0.3 };

/** A gateway's `retryAfterMs` hint is honoured up to this, whatever `maxMs` says. */
const HINT_CAP_MS = 5 * 60_000;

/**
 * The delay before reconnect attempt `attempt` (0 = the first retry). A server hint
 * (`retryAfterMs`, or a restart's `restartExpectedMs`) is a floor: the client never comes back
 * earlier than asked, and spreads out above it by the jitter share.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number,
  hintMs?: number,
): number {
  const r = Math.min(Math.max(random(), 0), 1);
  if (hintMs !== undefined && Number.isFinite(hintMs) && hintMs >= 0) {
    const floor = Math.min(hintMs, HINT_CAP_MS);
    return Math.round(floor + floor * policy.jitter * r);
  }
  const base = Math.min(policy.maxMs, policy.initialMs * policy.multiplier ** Math.max(0, attempt));
  const spread = base * policy.jitter;
  return Math.round(Math.min(policy.maxMs, base - spread / 2 + spread * r));
}
