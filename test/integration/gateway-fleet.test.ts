/**
 * 1,000 connections: the pool against 1,000 simulated gateways (a TEST DOUBLE of OpenClaw's
 * gateway, each on its own loopback port, all in one child process so that the servers do not
 * share the client's event loop).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../main/clock.ts';
import { createGatewayPool, type GatewayPool } from '../../main/gateway/pool.ts';
import { createInMemorySecretStoreTestDouble } from '../support/sim-gateway/in-memory-secret-store.ts';
import { type SimFleet, startSimFleet } from '../support/sim-gateway/sim-fleet.ts';

const COUNT = 1000;
let fleet: SimFleet;
let pool: GatewayPool;
const ids = Array.from({ length: COUNT }, (_, i) => `bot-${i}`);

beforeAll(async () => {
  fleet = await startSimFleet(COUNT);
  pool = createGatewayPool({
    secrets: createInMemorySecretStoreTestDouble(),
    clientVersion: '0.1.0',
    clock: fixedClock('2026-01-01T00:00:00Z'),
    connectTimeoutMs: 30_000,
    endpoint: async (botId) => {
      const g = fleet.gateways[Number(botId.slice(4))];
      if (!g) throw new Error(`no simulated gateway for ${botId}`);
      return { url: g.url, token: g.token };
    },
  });
}, 120_000);

afterAll(async () => {
  await pool?.close();
  await fleet?.close();
});

describe('a fleet of 1,000 simulated gateways (test double)', () => {
  it('connects to all of them on demand and sweeps their health, every bot answering', async () => {
    const results = await pool.healthSweep(ids, { timeoutMs: 60_000 });
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(pool.size).toBe(COUNT);
    expect(ids.every((id) => pool.liveHealth(id)?.status === 'healthy')).toBe(true);
  });

  it('sweeps again over the open connections', async () => {
    const results = await pool.sweep(ids, (api) => api.status(), { concurrency: 128 });
    expect(results.every((r) => r.ok && r.value.runtimeVersion === '2026.9.6')).toBe(true);
  });

  it('closes every connection when the bots are removed', async () => {
    await Promise.all(ids.slice(0, 500).map((id) => pool.remove(id)));
    expect(pool.size).toBe(COUNT - 500);
    expect(pool.liveHealth('bot-0')).toBeUndefined();
  });
});
