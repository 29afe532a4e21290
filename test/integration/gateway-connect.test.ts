/**
 * "Connect existing bot" through the control plane's dispatch, against simulated OpenClaw
 * gateways (a TEST DOUBLE of the gateway) and the in-memory SecretStore test double: connect,
 * wrong token, refused URL, unreachable, pairing required then approved, live health events,
 * token replacement, and the cleanup of a deleted bot and fleet. Finally a secret scan: no
 * token in the SQLite file, its WAL, the log file or any response.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceTokenRef } from '../../main/gateway/device-tokens.ts';
import { gatewayTokenRef } from '../../main/gateway/gateway-service.ts';
import { fileSink } from '../../main/log/file-sink.ts';
import { createLogger } from '../../main/log/logger.ts';
import type { BotHealth } from '../../shared/domain/gateway.ts';
import { startControlPlane, type TestControlPlane } from '../support/control-plane.ts';
import {
  createInMemorySecretStoreTestDouble,
  type InMemorySecretStoreTestDouble,
} from '../support/sim-gateway/in-memory-secret-store.ts';
import {
  type SimGateway,
  type SimGatewayOptions,
  startSimGateway,
} from '../support/sim-gateway/sim-gateway.ts';
import { healthPayload, SIM_VERSION } from '../support/sim-gateway/sim-payloads.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Setup {
  t: TestControlPlane;
  secrets: InMemorySecretStoreTestDouble;
  logFile: string;
  /** Every response of the test, for the secret scan. */
  responses: unknown[];
  fleetId: string;
}

async function setup(backoffInitialMs = 20): Promise<Setup> {
  const secrets = createInMemorySecretStoreTestDouble();
  const dataDir = mkdtempSync(join(tmpdir(), 'clawster-gw-'));
  const logFile = join(dataDir, 'clawster.log');
  const t = startControlPlane({
    dataDir,
    secrets,
    log: createLogger({ level: 'debug', sink: fileSink(logFile) }),
    gateway: {
      connectTimeoutMs: 3000,
      backoff: {
        initialMs: backoffInitialMs,
        maxMs: Math.max(200, backoffInitialMs),
        multiplier: 2,
        jitter: 0.3,
      },
    },
  });
  cleanups.push(async () => {
    await t.cp.close();
    t.cleanup();
  });
  const responses: unknown[] = [];
  const dispatch = t.cp.dispatch;
  t.cp.dispatch = async (method, params) => {
    const r = await dispatch(method, params);
    responses.push(r);
    return r;
  };
  const fleet = await t.call('fleet.create', { name: 'payments', environment: 'prod' });
  return { t, secrets, logFile, responses, fleetId: fleet.id };
}

async function sim(options: SimGatewayOptions = {}): Promise<SimGateway> {
  const s = await startSimGateway(options);
  cleanups.push(() => s.close());
  return s;
}

/**
 * The first bot.health.changed of `botId` that satisfies `ok`, pushed after event number `from`
 * (by default: from now on).
 */
function healthEvent(
  t: TestControlPlane,
  botId: string,
  ok: (h: BotHealth) => boolean,
  from = t.events.length,
): Promise<BotHealth> {
  const match = (event: string, payload: unknown): payload is BotHealth =>
    event === 'bot.health.changed' && (payload as BotHealth).botId === botId && ok(payload as BotHealth);
  const seen = t.events.slice(from).find((e) => match(e.event, e.payload));
  if (seen) return Promise.resolve(seen.payload as BotHealth);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no bot.health.changed for ${botId} as expected`));
    }, 10_000);
    const off = t.cp.onEvent((event, payload) => {
      if (!match(event, payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 1));
    });
  });
}

describe('connect existing bot (simulated gateway, a test double)', () => {
  it('tests a gateway without writing anything, then connects a healthy bot with its version', async () => {
    const { t, secrets, fleetId } = await setup();
    const gw = await sim();
    const before = t.snapshot();
    const summary = await t.call('bot.gateway.test', { url: gw.url, token: gw.token });
    expect(summary).toMatchObject({
      url: gw.url,
      version: SIM_VERSION,
      health: { ok: true, degraded: false },
      agents: [{ id: 'main', model: 'mock/echo', isDefault: true }],
      channels: [],
    });
    expect(summary.uptimeMs).toBeGreaterThanOrEqual(0);
    expect(t.snapshot()).toBe(before);
    expect([...secrets.entries.keys()]).toEqual(['gateway/device-key']);

    const r = await t.call('bot.connect', {
      fleetId,
      name: 'alpha',
      url: gw.url,
      token: gw.token,
      tags: ['team:pay'],
    });
    expect(r.health).toMatchObject({
      botId: r.botId,
      state: 'healthy',
      version: SIM_VERSION,
      lastError: null,
    });
    expect(r.summary?.version).toBe(SIM_VERSION);
    expect(secrets.entries.get(gatewayTokenRef(r.botId))).toBe(gw.token);
    const bot = await t.call('bot.get', { id: r.botId });
    expect(bot).toMatchObject({ name: 'alpha', tags: ['team:pay'], gatewayUrl: gw.url });
    const audit = await t.call('audit.list', {});
    const created = audit.events.find((e) => e.resourceId === r.botId);
    expect(created?.action).toBe('bot.create');
    expect(created?.diff.after).toEqual({
      name: 'alpha',
      fleetId,
      tags: ['team:pay'],
      gatewayUrl: gw.url,
      gatewayTokenRef: gatewayTokenRef(r.botId),
    });
    expect(await t.call('bot.gateway.info', { id: r.botId })).toMatchObject({ version: SIM_VERSION });
    expect(await t.call('bot.health.list', { fleetId })).toEqual([
      expect.objectContaining({ botId: r.botId, state: 'healthy' }),
    ]);
    // One session: the test's connection was handed to the pool, not made twice.
    expect(gw.clients).toBe(1);
  });

  it('refuses a wrong token, a protocol mismatch, an unreachable gateway and a plain ws:// URL, writing nothing', async () => {
    const { t, secrets, fleetId } = await setup();
    const gw = await sim();
    const old = await sim({ protocol: 3 });
    const before = t.snapshot();
    const eventsBefore = t.events.length;
    const base = { fleetId, name: 'beta', tags: [] };

    const wrong = await t.fail('bot.connect', { ...base, url: gw.url, token: 'not-the-token-123' });
    expect(wrong).toMatchObject({ code: 'FORBIDDEN', details: { gatewayCode: 'AUTH_TOKEN_MISMATCH' } });
    expect(wrong.message).toMatch(/Wrong token/);

    const mismatch = await t.fail('bot.connect', { ...base, url: old.url, token: old.token });
    expect(mismatch.details?.gatewayCode).toBe('PROTOCOL_MISMATCH');

    const port = await closedPort();
    const down = await t.fail('bot.connect', {
      ...base,
      url: `ws://127.0.0.1:${port}`,
      token: 'tok-unreachable',
    });
    expect(down).toMatchObject({ code: 'UNAVAILABLE', details: { gatewayCode: 'UNREACHABLE' } });

    const insecure = await t.fail('bot.connect', {
      ...base,
      url: 'ws://bot.example.com:18789',
      token: 'tok-x123',
    });
    expect(insecure).toMatchObject({ code: 'VALIDATION', details: { gatewayCode: 'INSECURE_URL' } });
    expect(insecure.message).toMatch(/wss:\/\/.*SSH tunnel/);

    expect(t.snapshot()).toBe(before);
    expect([...secrets.entries.keys()].filter((k) => k !== 'gateway/device-key')).toEqual([]);
    expect(t.events.slice(eventsBefore)).toEqual([]);
  });

  it('waits for a gateway that is still starting (it answers UNAVAILABLE first) and connects', async () => {
    const { t, fleetId } = await setup();
    const gw = await sim({ unavailableConnects: 2 });
    const r = await t.call('bot.connect', { fleetId, name: 'late', url: gw.url, token: gw.token, tags: [] });
    expect(r.health.state).toBe('healthy');
  });

  it('creates the bot on pairing required, returns the approve command, and goes healthy once approved', async () => {
    const { t, fleetId } = await setup();
    const gw = await sim({ pairing: 'required' });
    const r = await t.call('bot.connect', { fleetId, name: 'gamma', url: gw.url, token: gw.token, tags: [] });
    expect(r.summary).toBeNull();
    expect(r.health.state).toBe('pairing-required');
    const requestId = gw.pendingPairings[0] ?? '';
    expect(requestId).not.toBe('');
    expect(r.health.lastError).toMatchObject({
      code: 'PAIRING_REQUIRED',
      details: { requestId, approveCommand: `openclaw devices approve ${requestId}`, retrying: true },
    });
    expect(await t.call('bot.get', { id: r.botId })).toMatchObject({ name: 'gamma' });

    const healthy = healthEvent(t, r.botId, (h) => h.state === 'healthy');
    expect(gw.approve(requestId)).toBe(true);
    expect(await healthy).toMatchObject({ state: 'healthy', version: SIM_VERSION, lastError: null });
  });

  it('pushes bot.health.changed from the gateway health events, and retries on request', async () => {
    const { t, fleetId } = await setup();
    const gw = await sim();
    const r = await t.call('bot.connect', { fleetId, name: 'delta', url: gw.url, token: gw.token, tags: [] });
    const degraded = healthEvent(t, r.botId, (h) => h.state === 'degraded');
    gw.push('health', healthPayload(Date.now(), false));
    expect(await degraded).toMatchObject({ botId: r.botId, state: 'degraded' });
    const back = healthEvent(t, r.botId, (h) => h.state === 'healthy');
    gw.push('health', healthPayload(Date.now(), true));
    await back;
    expect((await t.call('bot.gateway.retry', { id: r.botId })).state).toBe('healthy');
  });

  it('tries a gateway Clawster just started again at once, instead of at the end of its backoff', async () => {
    const { t, fleetId } = await setup(120_000);
    const gw = await sim();
    const r = await t.call('bot.connect', { fleetId, name: 'echo', url: gw.url, token: gw.token, tags: [] });
    const down = healthEvent(t, r.botId, (h) => h.state === 'down' || h.state === 'connecting');
    await gw.close();
    await down;
    // The gateway comes back on its port (as a deploy or start brings it up); the connection
    // waits out a two-minute backoff unless told the gateway was just started.
    await sim({ port: gw.port, token: gw.token });
    const healthy = healthEvent(t, r.botId, (h) => h.state === 'healthy');
    t.cp.gateways.attach(r.botId);
    expect(await healthy).toMatchObject({ botId: r.botId, state: 'healthy' });
  });

  it('replaces a rotated token: auth-failed, then healthy with the new token (audited as a reference)', async () => {
    const { t, secrets, fleetId } = await setup();
    const gw = await sim();
    const r = await t.call('bot.connect', { fleetId, name: 'eps', url: gw.url, token: gw.token, tags: [] });
    // Drop the device token so that only the shared token can get Clawster in.
    await secrets.delete(deviceTokenRef(r.botId));
    gw.revokeDeviceTokens();
    gw.setToken('rotated-token-456');
    await healthEvent(t, r.botId, (h) => h.state === 'auth-failed');
    const h = await t.call('bot.gateway.setToken', { id: r.botId, token: 'rotated-token-456' });
    expect(h.state).toBe('healthy');
    expect(secrets.entries.get(gatewayTokenRef(r.botId))).toBe('rotated-token-456');
    const audit = await t.call('audit.list', {});
    const set = audit.events.find((e) => e.action === 'bot.gateway.setToken');
    expect(set?.diff.after).toMatchObject({ gatewayTokenRef: gatewayTokenRef(r.botId) });
  });

  it("removes the connection, the device token and the token of a deleted bot and of a force-deleted fleet's bots", async () => {
    const { t, secrets, fleetId } = await setup();
    const gw = await sim();
    const a = await t.call('bot.connect', { fleetId, name: 'one', url: gw.url, token: gw.token, tags: [] });
    const b = await t.call('bot.connect', { fleetId, name: 'two', url: gw.url, token: gw.token, tags: [] });
    expect(gw.clients).toBe(2);
    expect(secrets.entries.has(deviceTokenRef(a.botId))).toBe(true);

    await t.call('bot.delete', { id: a.botId });
    await t.cp.gateways.settled();
    expect(secrets.entries.has(gatewayTokenRef(a.botId))).toBe(false);
    expect(secrets.entries.has(deviceTokenRef(a.botId))).toBe(false);
    expect(t.cp.gateways.pool.liveHealth(a.botId)).toBeUndefined();

    await t.call('fleet.delete', { id: fleetId, force: true });
    await t.cp.gateways.settled();
    expect([...secrets.entries.keys()]).toEqual(['gateway/device-key']);
    expect(t.cp.gateways.pool.size).toBe(0);
    expect(b.botId).not.toBe(a.botId);
  });

  it('reconnects every bot with a gateway when the control plane starts again', async () => {
    const { t, fleetId } = await setup();
    const gw = await sim();
    const r = await t.call('bot.connect', { fleetId, name: 'zeta', url: gw.url, token: gw.token, tags: [] });
    await t.cp.close();
    const from = t.events.length;
    t.reopen();
    await healthEvent(t, r.botId, (h) => h.state === 'healthy', from);
    expect((await t.call('bot.health.list', { fleetId }))[0]?.state).toBe('healthy');
  });

  it('keeps every token out of the database file, its WAL, the log file and the responses', async () => {
    const { t, fleetId, logFile, responses } = await setup();
    const gw = await sim();
    const pairing = await sim({ pairing: 'required' });
    await t.call('bot.gateway.test', { url: gw.url, token: gw.token });
    await t.fail('bot.connect', { fleetId, name: 'x', url: gw.url, token: 'wrong-token-789', tags: [] });
    const r = await t.call('bot.connect', { fleetId, name: 'y', url: gw.url, token: gw.token, tags: [] });
    await t.call('bot.connect', { fleetId, name: 'z', url: pairing.url, token: pairing.token, tags: [] });
    await t.call('bot.gateway.setToken', { id: r.botId, token: gw.token });
    await t.call('bot.gateway.info', { id: r.botId });
    const files = ['clawster.db', 'clawster.db-wal'].map((f) =>
      readFileSync(join(t.dir, f)).toString('latin1'),
    );
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('gateway connected');
    const texts = [...files, log, JSON.stringify(responses), JSON.stringify(t.events)];
    for (const secret of [gw.token, pairing.token, 'wrong-token-789'])
      for (const text of texts) expect(text.includes(secret)).toBe(false);
  });
});
