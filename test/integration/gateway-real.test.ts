/**
 * The gateway client against a real OpenClaw gateway (openclaw@2026.9.6 under Node 24, installed
 * into ~/.cache/clawster by the harness, one gateway for this file, loopback only). It also
 * captures the real frames' key structure that the simulated gateway must match.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGatewayConnection,
  type GatewayConnection,
  type GatewayConnectionOptions,
} from '../../main/gateway/connection.ts';
import { loadOrCreateDeviceIdentity } from '../../main/gateway/device-identity.ts';
import { deviceTokenRef } from '../../main/gateway/device-tokens.ts';
import { type GatewayError, isGatewayError } from '../../main/gateway/errors.ts';
import { createGatewayApi } from '../../main/gateway/gateway-api.ts';
import { type RealGateway, startRealGateway } from '../support/openclaw/real-gateway.ts';
import { captureFrames, FRAME_DEPTH, type FrameKey } from '../support/sim-gateway/frame-capture.ts';
import { type Shape, shapeMismatches, shapeOf } from '../support/sim-gateway/frame-shape.ts';
import {
  createInMemorySecretStoreTestDouble,
  type InMemorySecretStoreTestDouble,
} from '../support/sim-gateway/in-memory-secret-store.ts';
import { waitForStatus } from '../support/sim-gateway/wait.ts';

const fixtureFile = fileURLToPath(
  new URL('../support/sim-gateway/fixtures/real-frames.shape.json', import.meta.url),
);

let gw: RealGateway;
const open: GatewayConnection[] = [];
const captured = new Map<FrameKey, unknown>();
/**
 * A gateway that has just become ready can answer hello-ok before its start-up sidecars have
 * filled these snapshot members in (seen on a loaded machine: `health` was `{}` and
 * `updateSchedule` absent). The simulated gateway always sends them; the real one may not yet.
 */
const FILLED_AFTER_START = ['$.payload.snapshot.health.', '$.payload.snapshot.updateSchedule:'];
// The installation's keychain, as the in-memory SecretStore test double (the keychain module
// is tested on its own).
const secrets: InMemorySecretStoreTestDouble = createInMemorySecretStoreTestDouble();

beforeAll(async () => {
  gw = await startRealGateway({ config: { gateway: { trustedProxies: ['127.0.0.1'] } } });
}, 600_000);

afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await gw?.stop();
});

async function connect(
  o: Partial<GatewayConnectionOptions> & { store?: InMemorySecretStoreTestDouble } = {},
) {
  const store = o.store ?? secrets;
  const conn = createGatewayConnection({
    url: gw.url,
    token: gw.token,
    identity: await loadOrCreateDeviceIdentity(store),
    secrets: store,
    gatewayKey: 'real-bot',
    clientVersion: '0.1.0',
    connectTimeoutMs: 20_000,
    onFrame: captureFrames(captured),
    ...o,
  });
  open.push(conn);
  conn.start();
  return conn;
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

describe('gateway client against a real OpenClaw gateway', () => {
  let main: GatewayConnection;

  it('handshakes over protocol v4 and keeps the device token the gateway issues', async () => {
    main = await connect();
    const hello = await main.ready(60_000);
    expect(hello.protocol).toBe(4);
    expect(hello.server.version).toBe('2026.9.6');
    expect(hello.auth.scopes).toEqual(expect.arrayContaining(['operator.read', 'operator.admin']));
    expect(hello.policy.tickIntervalMs).toBeGreaterThan(0);
    await waitForStatus(
      main,
      () => secrets.entries.has(deviceTokenRef('real-bot')),
      'the device token stored',
    );
  });

  it('reads health and status', async () => {
    const api = createGatewayApi(main);
    const health = await api.health();
    expect(health.ok).toBe(true);
    const status = await api.status();
    expect(status.runtimeVersion).toBe('2026.9.6');
  });

  it('tails the gateway log', async () => {
    // Before any config write: a hot reload may reopen the log file.
    const tail = await createGatewayApi(main).logsTail({ limit: 5 });
    expect(tail.file).toBe(gw.logFile);
    expect(tail.lines.length).toBeGreaterThan(0);
    expect(tail.lines.length).toBeLessThanOrEqual(5);
    expect(tail.cursor).toBeGreaterThan(0);
  });

  it('reads config, patches it with baseHash, and refuses a second patch on the old hash as a conflict', async () => {
    const api = createGatewayApi(main);
    const before = await api.configGet();
    expect(before.hash).toMatch(/^hmac-sha256:/);
    const changed = new Promise((resolve) => api.onConfigChanged(resolve));
    const written = await api.configPatch({
      patch: { ui: { seamColor: '#ff0000' } },
      baseHash: before.hash,
      note: 'clawster test',
    });
    expect(written.hash).not.toBe(before.hash);
    await changed;
    const after = await api.configGet();
    expect(after.parsed).toMatchObject({ ui: { seamColor: '#ff0000' } });
    const e = await failure(
      api.configPatch({ patch: { ui: { seamColor: '#00ff00' } }, baseHash: before.hash }),
    );
    expect(e.gatewayCode).toBe('CONFLICT');
    expect((await api.configGet()).parsed).toMatchObject({ ui: { seamColor: '#ff0000' } });
  });

  it('reads the other wrapped methods', async () => {
    const api = createGatewayApi(main);
    expect((await api.agentsList()).agents.length).toBeGreaterThan(0);
    expect((await api.channelsStatus()).channels).toBeTypeOf('object');
    expect((await api.usageStatus()).providers).toBeInstanceOf(Array);
    expect((await api.sessionsUsage()).sessions).toBeInstanceOf(Array);
    expect((await api.configSchemaLookup('gateway.port')).reloadKind).toBe('restart');
    expect(await api.updateStatus()).toBeTypeOf('object');
  });

  it('refuses a wrong token with a typed "wrong token" error', async () => {
    const conn = await connect({
      token: 'wrong-token-0123456789',
      store: createInMemorySecretStoreTestDouble(),
    });
    const e = await failure(conn.ready(30_000));
    expect(e.gatewayCode).toBe('AUTH_TOKEN_MISMATCH');
    expect(e.message).toMatch(/^Wrong token/);
    expect(conn.status.state).toBe('stopped');
  });

  it('asks a remote device to pair, and connects once `openclaw devices approve <id>` ran on the host', async () => {
    const conn = await connect({
      store: createInMemorySecretStoreTestDouble(),
      gatewayKey: 'remote-bot',
      // Through the trusted proxy from another address: the gateway treats it as remote.
      headers: { 'X-Forwarded-For': '203.0.113.7' },
      backoff: { initialMs: 500, maxMs: 2000, multiplier: 2, jitter: 0.2 },
    });
    const e = await failure(conn.ready(30_000));
    expect(e.gatewayCode).toBe('PAIRING_REQUIRED');
    expect(e.extras.approveCommand).toBe(`openclaw devices approve ${e.extras.requestId}`);
    const [, ...args] = (e.extras.approveCommand ?? '').split(' ');
    await gw.cli(args);
    await waitForStatus(conn, (s) => s.state === 'open', 'connected after approval', 60_000);
    await conn.close();
  });

  it('reuses the paired device identity after the shared token is rotated (device token only)', async () => {
    const api = createGatewayApi(main);
    expect(main.status.auth).toBe('token');
    const { hash } = await api.configGet();
    await api.configPatch({
      patch: { gateway: { auth: { token: 'rotated-token-abcdef0123456789' } } },
      baseHash: hash,
    });
    // The gateway closes shared-token sockets with 4001; the client switches to its device token.
    await waitForStatus(
      main,
      (s) => s.state === 'open' && s.auth === 'device-token',
      'back on the device token',
      30_000,
    );
    const tokenless = await connect({ token: null });
    await tokenless.ready(30_000);
    expect(tokenless.status.auth).toBe('device-token');
    expect((await createGatewayApi(tokenless).health()).ok).toBe(true);
  });

  it('reconnects on its own after gateway.restart.request', async () => {
    const api = createGatewayApi(main);
    const requested = await api.requestRestart({ reason: 'clawster test' });
    expect(requested.status).toBe('scheduled');
    await waitForStatus(main, (s) => s.restarting, 'the restart announced', 30_000);
    const back = await waitForStatus(
      main,
      (s) => s.state === 'open',
      'reconnected after the restart',
      120_000,
    );
    expect(back.auth).toBe('device-token');
    expect((await api.health()).ok).toBe(true);
  });

  it('produces frames with the key structure the simulated gateway copies', async () => {
    // A tick comes every tickIntervalMs (30 s): wait for one on the live connection.
    if (!captured.has('event:tick')) await new Promise((resolve) => main.on('tick', resolve));
    const shapes: Record<string, Shape> = {};
    for (const [key, frame] of captured) shapes[key] = shapeOf(frame, FRAME_DEPTH[key]);
    if (process.env.CLAWSTER_UPDATE_FRAME_FIXTURE === '1') {
      writeFileSync(fixtureFile, `${JSON.stringify(shapes, null, 2)}\n`);
    }
    const fixture = JSON.parse(readFileSync(fixtureFile, 'utf8')) as Record<string, Shape>;
    for (const [key, shape] of Object.entries(fixture)) {
      expect(captured.has(key as FrameKey), `captured ${key}`).toBe(true);
      const mismatches = shapeMismatches(shape, captured.get(key as FrameKey)).filter(
        (m) => !(key === 'res:connect' && FILLED_AFTER_START.some((p) => m.startsWith(p))),
      );
      expect(mismatches, key).toEqual([]);
    }
  });
});
