/**
 * The simulated gateway (a TEST DOUBLE) must speak the real gateway's frames: every frame kind
 * captured from a real OpenClaw 2026.9.6 gateway (gateway-real.test.ts writes their key structure
 * to fixtures/real-frames.shape.json) is produced here by the simulator and compared.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createGatewayConnection, type GatewayConnectionOptions } from '../../main/gateway/connection.ts';
import { loadOrCreateDeviceIdentity } from '../../main/gateway/device-identity.ts';
import { createGatewayApi } from '../../main/gateway/gateway-api.ts';
import { captureFrames, type FrameKey } from '../support/sim-gateway/frame-capture.ts';
import { type Shape, shapeMismatches } from '../support/sim-gateway/frame-shape.ts';
import { createInMemorySecretStoreTestDouble } from '../support/sim-gateway/in-memory-secret-store.ts';
import { type SimGatewayOptions, startSimGateway } from '../support/sim-gateway/sim-gateway.ts';
import { nextValue, waitForStatus } from '../support/sim-gateway/wait.ts';

const fixture = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../support/sim-gateway/fixtures/real-frames.shape.json', import.meta.url)),
    'utf8',
  ),
) as Record<string, Shape>;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function simWithClient(
  sim: SimGatewayOptions,
  into: Map<FrameKey, unknown>,
  o: Partial<GatewayConnectionOptions> = {},
) {
  const s = await startSimGateway(sim);
  cleanups.push(() => s.close());
  const secrets = createInMemorySecretStoreTestDouble();
  const conn = createGatewayConnection({
    url: s.url,
    token: s.token,
    identity: await loadOrCreateDeviceIdentity(secrets),
    secrets,
    gatewayKey: 'sim',
    clientVersion: '0.1.0',
    onFrame: captureFrames(into),
    ...o,
  });
  cleanups.push(() => conn.close());
  conn.start();
  return { sim: s, conn, api: createGatewayApi(conn) };
}

describe('the simulated gateway (test double) against frames captured from a real gateway', () => {
  it('produces every captured frame kind with the real key structure', async () => {
    const frames = new Map<FrameKey, unknown>();
    const { sim, conn, api } = await simWithClient({ tickIntervalMs: 30, healthIntervalMs: 30 }, frames);
    await conn.ready();
    await api.health();
    await api.status();
    await api.logsTail({ limit: 3 });
    const { hash } = await api.configGet();
    const changed = nextValue(api.onConfigChanged);
    await api.configPatch({ patch: { ui: { seamColor: '#123456' } }, baseHash: hash });
    await changed;
    await api.configPatch({ patch: { ui: {} }, baseHash: hash }).catch(() => undefined);
    await nextValue<unknown>((fn) => conn.on('tick', fn));
    await nextValue<unknown>((fn) => conn.on('health', fn));
    const restarted = waitForStatus(conn, (s) => s.restarting, 'the restart');
    sim.restart(50);
    await restarted;

    const wrong = await simWithClient({}, frames, { token: 'wrong-token-0123456789' });
    await wrong.conn.ready().catch(() => undefined);
    const pairing = await simWithClient({ pairing: 'required' }, frames);
    await pairing.conn.ready().catch(() => undefined);

    expect(Object.keys(fixture).length).toBeGreaterThanOrEqual(14);
    for (const [key, shape] of Object.entries(fixture)) {
      expect(frames.has(key as FrameKey), `the simulator produced ${key}`).toBe(true);
      expect(shapeMismatches(shape, frames.get(key as FrameKey)), key).toEqual([]);
    }
  });
});
