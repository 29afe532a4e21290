/**
 * The connection pool and live health against simulated gateways (a TEST DOUBLE of OpenClaw's
 * gateway): on-demand connections, removal, sweeps that never fail as a whole, bounded
 * concurrency, and health fed by pushed events. 1,000 connections run in gateway-fleet.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../main/clock.ts';
import { deviceTokenRef } from '../../main/gateway/device-tokens.ts';
import type { LiveHealth } from '../../main/gateway/live-health.ts';
import { type BotEndpoint, createGatewayPool, type GatewayPool } from '../../main/gateway/pool.ts';
import {
  createInMemorySecretStoreTestDouble,
  type InMemorySecretStoreTestDouble,
} from '../support/sim-gateway/in-memory-secret-store.ts';
import {
  type SimGateway,
  type SimGatewayOptions,
  startSimGateway,
} from '../support/sim-gateway/sim-gateway.ts';
import { healthPayload } from '../support/sim-gateway/sim-payloads.ts';
import { nextValue, waitForStatus } from '../support/sim-gateway/wait.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sim(options: SimGatewayOptions = {}): Promise<SimGateway> {
  const s = await startSimGateway(options);
  cleanups.push(() => s.close());
  return s;
}

function pool(
  endpoints: Record<string, BotEndpoint>,
  secrets: InMemorySecretStoreTestDouble = createInMemorySecretStoreTestDouble(),
  sweepConcurrency = 8,
): GatewayPool {
  const p = createGatewayPool({
    secrets,
    clientVersion: '0.1.0',
    clock: fixedClock('2026-01-01T00:00:00Z'),
    sweepConcurrency,
    connectTimeoutMs: 2000,
    backoff: { initialMs: 20, maxMs: 200, multiplier: 2, jitter: 0.3 },
    endpoint: async (botId) => {
      const e = endpoints[botId];
      if (!e) throw new Error(`no bot ${botId}`);
      return e;
    },
  });
  cleanups.push(() => p.close());
  return p;
}

/** The first health change of `botId` that satisfies `ok`. */
function healthWhere(p: GatewayPool, botId: string, ok: (h: LiveHealth) => boolean): Promise<LiveHealth> {
  const now = p.liveHealth(botId);
  if (now && ok(now)) return Promise.resolve(now);
  return nextValue<LiveHealth>((fn) => p.onHealthChange((h) => h.botId === botId && ok(h) && fn(h)));
}

describe('gateway pool (simulated gateways, a test double)', () => {
  it('creates one connection per bot on demand and closes it when the bot is removed', async () => {
    const a = await sim();
    const secrets = createInMemorySecretStoreTestDouble();
    const p = pool({ 'bot-a': { url: a.url, token: a.token } }, secrets);
    expect(p.size).toBe(0);
    const c1 = await p.connection('bot-a');
    expect(await p.connection('bot-a')).toBe(c1);
    await c1.ready();
    expect(a.clients).toBe(1);
    await waitForStatus(c1, () => secrets.entries.has(deviceTokenRef('bot-a')), 'device token stored');
    await p.remove('bot-a', { forgetDeviceToken: true });
    expect(p.size).toBe(0);
    expect(c1.status.state).toBe('stopped');
    expect(secrets.entries.has(deviceTokenRef('bot-a'))).toBe(false);
  });

  it("sweeps every bot and reports each failure as that bot's result, in input order", async () => {
    const a = await sim();
    const b = await sim();
    const gone = await startSimGateway();
    const goneUrl = gone.url;
    await gone.close();
    const p = pool({
      'bot-a': { url: a.url, token: a.token },
      'bot-wrong': { url: b.url, token: 'not-the-token-0123' },
      'bot-gone': { url: goneUrl, token: 'x-0123456789' },
      'bot-b': { url: b.url, token: b.token },
    });
    const results = await p.healthSweep(['bot-a', 'bot-wrong', 'bot-gone', 'bot-b'], { timeoutMs: 500 });
    expect(results.map((r) => [r.botId, r.ok])).toEqual([
      ['bot-a', true],
      ['bot-wrong', false],
      ['bot-gone', false],
      ['bot-b', true],
    ]);
    const [, wrong, unreachable] = results;
    expect(wrong?.ok === false && wrong.error).toMatchObject({
      code: 'FORBIDDEN',
      gatewayCode: 'AUTH_TOKEN_MISMATCH',
    });
    expect(unreachable?.ok === false && unreachable.error.gatewayCode).toBe('UNREACHABLE');
    expect(p.liveHealth('bot-wrong')?.status).toBe('auth-failed');
  });

  it('keeps at most `concurrency` requests in flight during a sweep', async () => {
    const s = await sim();
    let inFlight = 0;
    let peak = 0;
    s.setHandler('status', async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
      inFlight -= 1;
      return { runtimeVersion: '2026.9.6' };
    });
    const ids = Array.from({ length: 12 }, (_, i) => `bot-${i}`);
    const p = pool(Object.fromEntries(ids.map((id) => [id, { url: s.url, token: s.token }])));
    const results = await p.sweep(ids, (api) => api.status(), { concurrency: 3 });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('feeds live health from hello-ok and pushed health and tick events', async () => {
    const s = await sim({ tickIntervalMs: 40 });
    const p = pool({ bot: { url: s.url, token: s.token } });
    await (await p.connection('bot')).ready();
    const healthy = await healthWhere(p, 'bot', (h) => h.status === 'healthy');
    expect(healthy).toMatchObject({ version: '2026.9.6', healthOk: true, error: null });
    expect(healthy.startedAt).not.toBeNull();

    const sick = healthWhere(p, 'bot', (h) => h.status === 'unhealthy');
    s.push('health', healthPayload(Date.now(), false));
    expect((await sick).healthOk).toBe(false);

    const conn = await p.connection('bot');
    await nextValue<unknown>((fn) => conn.on('tick', fn));
    expect(p.liveHealth('bot')?.lastTickAt).toBe('2026-01-01T00:00:00.000Z');

    const restarting = healthWhere(p, 'bot', (h) => h.status === 'restarting');
    s.restart(100);
    await restarting;
    await healthWhere(p, 'bot', (h) => h.status === 'healthy');
  });

  it('shows pairing required with the approve command in live health', async () => {
    const s = await sim({ pairing: 'required' });
    const p = pool({ bot: { url: s.url, token: s.token } });
    await p.connection('bot');
    const h = await healthWhere(p, 'bot', (x) => x.status === 'pairing-required');
    expect(h.error?.approveCommand).toBe(`openclaw devices approve ${s.pendingPairings[0]}`);
  });
});
