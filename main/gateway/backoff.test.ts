import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff } from './backoff.ts';

const policy = { initialMs: 500, maxMs: 30_000, multiplier: 2, jitter: 0.3 };

describe('reconnect backoff', () => {
  it('grows exponentially around the base and never passes the cap', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, policy, mid))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(20, policy, mid)).toBe(30_000);
    expect(backoffDelay(20, policy, () => 1)).toBeLessThanOrEqual(30_000);
  });

  it('spreads a fleet out: 1,000 bots dropped at once do not come back in lockstep', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const delays = Array.from({ length: 1000 }, () => backoffDelay(2, defaultBackoff, random));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(2000 * 0.85);
    expect(Math.max(...delays)).toBeLessThanOrEqual(2000 * 1.15);
    expect(new Set(delays).size).toBeGreaterThan(200);
  });

  it("honours the gateway's retryAfterMs: never earlier than asked, even above the cap", () => {
    for (const r of [0, 0.5, 1]) {
      expect(backoffDelay(0, policy, () => r, 500)).toBeGreaterThanOrEqual(500);
      expect(backoffDelay(0, policy, () => r, 45_000)).toBeGreaterThanOrEqual(45_000);
    }
    expect(backoffDelay(5, policy, () => 0, 500)).toBe(500);
  });
});
