/**
 * The gateway client against the simulated gateway (a TEST DOUBLE of OpenClaw's gateway, whose
 * frames are checked against a real one in gateway-sim-frames.test.ts): what a real gateway
 * cannot be made to do here — dropped ticks, slow and out-of-order answers, pairing, revoked
 * device tokens — and every typed error an operator sees.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createGatewayConnection, type GatewayConnectionOptions } from '../../main/gateway/connection.ts';
import { type DeviceIdentity, loadOrCreateDeviceIdentity } from '../../main/gateway/device-identity.ts';
import { deviceTokenRef } from '../../main/gateway/device-tokens.ts';
import { type GatewayError, isGatewayError } from '../../main/gateway/errors.ts';
import { createGatewayApi } from '../../main/gateway/gateway-api.ts';
import { createLogger } from '../../main/log/logger.ts';
import {
  createInMemorySecretStoreTestDouble,
  type InMemorySecretStoreTestDouble,
} from '../support/sim-gateway/in-memory-secret-store.ts';
import {
  type SimGateway,
  type SimGatewayOptions,
  startSimGateway,
} from '../support/sim-gateway/sim-gateway.ts';
import { nextValue, waitForStatus } from '../support/sim-gateway/wait.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const logLines: string[] = [];
const fastBackoff = { initialMs: 20, maxMs: 200, multiplier: 2, jitter: 0.3 };

interface Setup {
  sim: SimGateway;
  secrets: InMemorySecretStoreTestDouble;
  identity: DeviceIdentity;
  connect(o?: Partial<GatewayConnectionOptions>): ReturnType<typeof createGatewayConnection>;
}

async function setup(simOptions: SimGatewayOptions = {}): Promise<Setup> {
  const sim = await startSimGateway({ tickIntervalMs: 1000, ...simOptions });
  cleanups.push(() => sim.close());
  const secrets = createInMemorySecretStoreTestDouble();
  const identity = await loadOrCreateDeviceIdentity(secrets);
  const connect = (o: Partial<GatewayConnectionOptions> = {}) => {
    const conn = createGatewayConnection({
      url: sim.url,
      token: sim.token,
      identity,
      secrets,
      gatewayKey: 'bot-1',
      clientVersion: '0.1.0',
      backoff: fastBackoff,
      connectTimeoutMs: 3000,
      log: createLogger({ sink: (l) => logLines.push(l), level: 'debug' }),
      ...o,
    });
    cleanups.push(() => conn.close());
    conn.start();
    return conn;
  };
  return { sim, secrets, identity, connect };
}

async function failure(p: Promise<unknown>): Promise<GatewayError> {
  try {
    await p;
  } catch (e) {
    if (isGatewayError(e)) return e;
    throw e;
  }
  throw new Error('expected a GatewayError');
}

describe('gateway client against the simulated gateway (test double)', () => {
  it('completes the challenge handshake with a signed device proof and keeps the issued device token', async () => {
    const { connect, secrets, sim } = await setup();
    const conn = connect();
    const hello = await conn.ready();
    expect(hello.protocol).toBe(4);
    expect(hello.auth.scopes).toEqual(['operator.read', 'operator.write', 'operator.admin']);
    expect(conn.status.auth).toBe('token');
    await waitForStatus(conn, () => secrets.entries.has(deviceTokenRef('bot-1')), 'the device token stored');
    // The next connection of this installation uses the device token, not the shared token.
    sim.setToken('rotated-token-0123456789');
    const second = connect();
    await second.ready();
    expect(second.status.auth).toBe('device-token');
  });

  it('matches out-of-order answers to their requests', async () => {
    const { connect, sim } = await setup();
    const releases: (() => void)[] = [];
    let allHeld = () => {};
    const held = new Promise<void>((resolve) => (allHeld = resolve));
    sim.setHandler('status', (params) => {
      const n = (params as { n: number }).n;
      return new Promise((resolve) => {
        releases.push(() => resolve({ runtimeVersion: `answer-${n}` }));
        if (releases.length === 5) allHeld();
      });
    });
    const conn = connect();
    await conn.ready();
    const asked = [1, 2, 3, 4, 5].map((n) => conn.request('status', { n }));
    await held;
    for (const release of releases.reverse()) release();
    expect(await Promise.all(asked)).toEqual([1, 2, 3, 4, 5].map((n) => ({ runtimeVersion: `answer-${n}` })));
  });

  it('times a slow answer out with a typed error; the connection keeps working', async () => {
    const { connect, sim } = await setup();
    let release = () => {};
    sim.setHandler(
      'logs.tail',
      () => new Promise((r) => (release = () => r({ file: 'f', cursor: 0, size: 0, lines: [] }))),
    );
    const conn = connect();
    const api = createGatewayApi(conn);
    await conn.ready();
    const e = await failure(api.logsTail({}, { timeoutMs: 100 }));
    expect(e.gatewayCode).toBe('TIMEOUT');
    expect(e.message).toMatch(/logs\.tail within 100 ms/);
    release();
    expect((await api.health()).ok).toBe(true);
    expect(conn.status.state).toBe('open');
  });

  it('declares a silent gateway dead after two missed tick intervals, then reconnects', async () => {
    const { connect, sim } = await setup({ tickIntervalMs: 60 });
    const conn = connect();
    await conn.ready();
    const states: string[] = [];
    conn.onStatus((s) => states.push(s.state));
    // Five intervals of ticks: alive all along.
    await nextValue<number>((fn) => {
      let n = 0;
      return conn.on('tick', () => {
        n += 1;
        if (n === 5) fn(n);
      });
    });
    expect(states).toEqual([]);
    sim.silence(true);
    const dead = await waitForStatus(conn, (s) => s.state === 'waiting', 'the silence detected');
    expect(dead.error?.gatewayCode).toBe('DISCONNECTED');
    const silentMs = Number(/for (\d+) ms/.exec(dead.error?.message ?? '')?.[1]);
    expect(silentMs).toBeGreaterThan(120);
    sim.silence(false);
    await conn.ready(5000);
    expect(conn.status.state).toBe('open');
  });

  it('reconnects quietly after shutdown + close 1012 (restart), and fails the request in flight', async () => {
    const { connect, sim } = await setup();
    sim.setHandler('status', () => new Promise(() => {}));
    const conn = connect();
    await conn.ready();
    const inFlight = failure(conn.request('status'));
    const restarting = waitForStatus(conn, (s) => s.restarting, 'restarting');
    sim.restart(150);
    expect((await restarting).error?.message).toMatch(/restarting/);
    expect((await inFlight).gatewayCode).toBe('DISCONNECTED');
    await waitForStatus(conn, (s) => s.state === 'open', 'reconnected after the restart');
    expect(conn.status.restarting).toBe(false);
  });

  it('stops on a wrong token with "Wrong token" and does not retry', async () => {
    const { connect } = await setup();
    const conn = connect({ token: 'wrong-token-0123456789' });
    const e = await failure(conn.ready());
    expect(e.gatewayCode).toBe('AUTH_TOKEN_MISMATCH');
    expect(e.message).toMatch(/^Wrong token/);
    expect(conn.status).toMatchObject({ state: 'stopped', attempt: 0 });
  });

  it('stops on a protocol mismatch', async () => {
    const { connect } = await setup({ protocol: 5 });
    const e = await failure(connect().ready());
    expect(e.gatewayCode).toBe('PROTOCOL_MISMATCH');
    expect(e.message).toMatch(/protocol v4/);
  });

  it('reports pairing required with the approve command, then connects once approved', async () => {
    const { connect, sim } = await setup({ pairing: 'required' });
    const conn = connect();
    const e = await failure(conn.ready());
    const [requestId] = sim.pendingPairings;
    expect(e.gatewayCode).toBe('PAIRING_REQUIRED');
    expect(e.extras.requestId).toBe(requestId);
    expect(e.extras.approveCommand).toBe(`openclaw devices approve ${requestId}`);
    expect(conn.status.state).not.toBe('stopped');
    sim.approve(requestId ?? '');
    await waitForStatus(conn, (s) => s.state === 'open', 'connected after approval');
  });

  it('retries "gateway starting" (UNAVAILABLE) until the gateway is ready', async () => {
    const { connect } = await setup({ unavailableConnects: 3 });
    const conn = connect();
    const seen: string[] = [];
    conn.onStatus((s) => s.error && seen.push(s.error.gatewayCode));
    await conn.ready(5000);
    expect(seen.filter((c) => c === 'UNAVAILABLE').length).toBeGreaterThanOrEqual(3);
  });

  it('reports an unreachable gateway with the socket error after the ready deadline', async () => {
    const { connect, sim } = await setup();
    const url = sim.url;
    await sim.close();
    const e = await failure(connect({ url }).ready(300));
    expect(e.gatewayCode).toBe('UNREACHABLE');
    expect(e.message).toMatch(/ECONNREFUSED/);
  });

  it('falls back to the shared token when the device token was revoked on the host', async () => {
    const { connect, sim } = await setup();
    const first = connect();
    await first.ready();
    await first.close();
    sim.revokeDeviceTokens();
    const conn = connect();
    await waitForStatus(conn, (s) => s.state === 'open', 're-paired with the shared token');
    expect(conn.status.auth).toBe('token');
  });

  it('close 4001 on a shared-token socket switches to the stored device token', async () => {
    const { connect, sim } = await setup();
    const conn = connect();
    await conn.ready();
    expect(conn.status.auth).toBe('token');
    sim.setToken('rotated-token-0123456789');
    await waitForStatus(
      conn,
      (s) => s.state === 'open' && s.auth === 'device-token',
      'back on the device token',
    );
  });

  it('close 4001 with no device token to switch to stops with AUTH_CHANGED', async () => {
    const { sim, identity } = await setup();
    const failingKeychain = {
      get: async () => null,
      put: async () => {
        throw new Error('keychain locked');
      },
      delete: async () => false,
    };
    const conn = createGatewayConnection({
      url: sim.url,
      token: sim.token,
      identity,
      secrets: failingKeychain,
      gatewayKey: 'bot-9',
      clientVersion: '0.1.0',
    });
    cleanups.push(() => conn.close());
    conn.start();
    await conn.ready();
    sim.setToken('rotated-token-0123456789');
    const stopped = await waitForStatus(conn, (s) => s.state === 'stopped', 'stopped');
    expect(stopped.error?.gatewayCode).toBe('AUTH_CHANGED');
  });

  it('writes config only with the current baseHash; a stale one is a CONFLICT, and config.changed arrives', async () => {
    const { connect } = await setup();
    const api = createGatewayApi(connect());
    const before = await api.configGet();
    const changed = nextValue(api.onConfigChanged);
    const written = await api.configPatch({ patch: { ui: { seamColor: '#ff0000' } }, baseHash: before.hash });
    expect((await changed).hash).toBe(written.hash);
    const e = await failure(
      api.configPatch({ patch: { ui: { seamColor: '#00ff00' } }, baseHash: before.hash }),
    );
    expect(e.gatewayCode).toBe('CONFLICT');
    expect(e.code).toBe('CONFLICT');
    const applied = await api.configApply({ config: { gateway: { mode: 'local' } }, baseHash: written.hash });
    expect(applied.hash).not.toBe(written.hash);
  });

  it('delivers agent and chat events to their subscribers (kept for traces)', async () => {
    const { connect, sim } = await setup();
    const api = createGatewayApi(connect());
    await api.connection.ready();
    const agent = nextValue<unknown>((fn) => api.onAgent(fn));
    const chat = nextValue<unknown>((fn) => api.onChat(fn));
    sim.push('agent', { stream: 'lifecycle', data: { phase: 'start' } });
    sim.push('agent', {
      runId: 'run-1',
      stream: 'lifecycle',
      data: { phase: 'start' },
      seq: 1,
      ts: 1,
      sessionKey: 'agent:main:main',
    });
    sim.push('chat', { runId: 'run-1', sessionKey: 'agent:main:main', state: 'final' });
    expect(await agent).toMatchObject({ runId: 'run-1', stream: 'lifecycle', data: { phase: 'start' } });
    expect(await chat).toMatchObject({ runId: 'run-1', state: 'final' });
  });

  it('reads every wrapped method', async () => {
    const { connect } = await setup();
    const api = createGatewayApi(connect());
    expect((await api.status()).runtimeVersion).toBe('2026.9.6');
    expect((await api.configSchemaLookup('gateway.port')).reloadKind).toBe('hot');
    expect((await api.logsTail({ limit: 2 })).lines).toHaveLength(2);
    expect((await api.usageCost({ days: 7 })).totals.totalCost).toBe(0);
    expect((await api.usageStatus()).providers).toEqual([]);
    expect((await api.sessionsUsage()).sessions).toEqual([]);
    expect((await api.channelsStatus()).channels).toEqual({});
    expect((await api.agentsList()).agents[0]?.id).toBe('main');
    expect((await api.updateStatus()).sentinel).toBeNull();
  });

  it('never writes the shared token, the device token or the device key to the log', async () => {
    const { connect, sim, secrets } = await setup();
    logLines.length = 0;
    const original = sim.token;
    const conn = connect();
    await conn.ready();
    sim.setToken('rotated-token-0123456789');
    await waitForStatus(conn, (s) => s.state === 'open' && s.auth === 'device-token', 'device token in use');
    const stored = JSON.parse(secrets.entries.get(deviceTokenRef('bot-1')) ?? '{}') as { token: string };
    const log = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(0);
    for (const secret of [original, stored.token, 'PRIVATE KEY']) expect(log).not.toContain(secret);
  });
});
