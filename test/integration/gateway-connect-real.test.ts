/**
 * "Connect existing bot" through the control plane against a real OpenClaw gateway
 * (openclaw@2026.9.6 under Node 24 from the harness, one gateway for this file, loopback only),
 * with the real OS keychain SecretStore (gnome-keyring under scripts/with-keyring.sh), filed
 * under a service name of its own that is emptied afterwards.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_KEY_REF } from '../../main/gateway/device-identity.ts';
import { deviceTokenRef } from '../../main/gateway/device-tokens.ts';
import { gatewayTokenRef } from '../../main/gateway/gateway-service.ts';
import { fileSink } from '../../main/log/file-sink.ts';
import { createLogger } from '../../main/log/logger.ts';
import { createKeychainStore } from '../../main/secrets/keychain-store.ts';
import { startControlPlane, type TestControlPlane } from '../support/control-plane.ts';
import { type RealGateway, startRealGateway } from '../support/openclaw/real-gateway.ts';

const secrets = createKeychainStore({ service: `Clawster-test-${randomUUID()}` });
let gw: RealGateway;
let t: TestControlPlane;
let logFile = '';
let fleetId = '';
const responses: unknown[] = [];
const botIds: string[] = [];

beforeAll(async () => {
  gw = await startRealGateway();
  const dataDir = mkdtempSync(join(tmpdir(), 'clawster-gw-real-'));
  logFile = join(dataDir, 'clawster.log');
  t = startControlPlane({
    dataDir,
    secrets,
    log: createLogger({ level: 'debug', sink: fileSink(logFile) }),
    gateway: { connectTimeoutMs: 60_000 },
  });
  const dispatch = t.cp.dispatch;
  t.cp.dispatch = async (method, params) => {
    const r = await dispatch(method, params);
    responses.push(r);
    return r;
  };
  fleetId = (await t.call('fleet.create', { name: 'real', environment: 'dev' })).id;
}, 600_000);

afterAll(async () => {
  if (t) {
    await t.cp.close();
    t.cleanup();
  }
  for (const id of botIds) {
    await secrets.delete(gatewayTokenRef(id)).catch(() => false);
    await secrets.delete(deviceTokenRef(id)).catch(() => false);
  }
  await secrets.delete(DEVICE_KEY_REF).catch(() => false);
  await gw?.stop();
});

describe('connect existing bot against a real OpenClaw gateway (real keychain)', () => {
  it('refuses a wrong token and writes nothing', async () => {
    const before = t.snapshot();
    const e = await t.fail('bot.connect', {
      fleetId,
      name: 'wrong',
      url: gw.url,
      token: 'definitely-not-the-token',
      tags: [],
    });
    expect(e).toMatchObject({ code: 'FORBIDDEN', details: { gatewayCode: 'AUTH_TOKEN_MISMATCH' } });
    expect(t.snapshot()).toBe(before);
  });

  it('connects a healthy bot and shows its OpenClaw version via bot.gateway.info', async () => {
    const r = await t.call('bot.connect', {
      fleetId,
      name: 'real-bot',
      url: gw.url,
      token: gw.token,
      tags: [],
    });
    botIds.push(r.botId);
    // A gateway that has just started on a busy machine may report its event loop degraded.
    expect(['healthy', 'degraded']).toContain(r.health.state);
    expect(r.health).toMatchObject({ version: '2026.9.6', lastError: null });
    expect(await secrets.get(gatewayTokenRef(r.botId))).toBe(gw.token);
    const info = await t.call('bot.gateway.info', { id: r.botId });
    expect(info).toMatchObject({ url: gw.url, version: '2026.9.6', health: { ok: true } });
    expect(info.uptimeMs).toBeGreaterThan(0);
    expect(info.agents.map((a) => a.id)).toContain('main');
    const listed = await t.call('bot.health.list', { fleetId });
    expect(listed).toEqual([
      expect.objectContaining({ botId: r.botId, version: '2026.9.6', lastError: null }),
    ]);
  });

  it('keeps the tokens out of the database file, its WAL, the log and the responses', () => {
    const texts = [
      readFileSync(join(t.dir, 'clawster.db')).toString('latin1'),
      readFileSync(join(t.dir, 'clawster.db-wal')).toString('latin1'),
      readFileSync(logFile, 'utf8'),
      JSON.stringify(responses),
      JSON.stringify(t.events),
    ];
    for (const text of texts) {
      expect(text.includes(gw.token)).toBe(false);
      expect(text.includes('definitely-not-the-token')).toBe(false);
    }
  });
});
