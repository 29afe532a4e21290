import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createInMemorySecretStoreTestDouble } from '../../test/support/sim-gateway/in-memory-secret-store.ts';
import { createLogger } from '../log/logger.ts';
import { DEVICE_KEY_REF, loadOrCreateDeviceIdentity, signaturePayloadV3 } from './device-identity.ts';
import { deviceTokenRef, deviceTokenStore } from './device-tokens.ts';

describe('device identity (with an in-memory SecretStore test double)', () => {
  it('is created once, kept in the SecretStore, and the same after a restart', async () => {
    const store = createInMemorySecretStoreTestDouble();
    const [a, b] = await Promise.all([loadOrCreateDeviceIdentity(store), loadOrCreateDeviceIdentity(store)]);
    expect(a.deviceId).toBe(b.deviceId);
    expect([...store.entries.keys()]).toEqual([DEVICE_KEY_REF]);
    // A restart: a new store object over the same keychain contents.
    const again = await loadOrCreateDeviceIdentity({
      get: (ref) => store.get(ref),
      put: (ref, v) => store.put(ref, v),
      delete: (ref) => store.delete(ref),
    });
    expect(again.deviceId).toBe(a.deviceId);
    expect(again.publicKey).toBe(a.publicKey);
  });

  it('derives device.id as sha256 hex of the raw public key and signs verifiable proofs', async () => {
    const id = await loadOrCreateDeviceIdentity(createInMemorySecretStoreTestDouble());
    const raw = Buffer.from(id.publicKey, 'base64url');
    expect(raw).toHaveLength(32);
    expect(id.deviceId).toBe(createHash('sha256').update(raw).digest('hex'));
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: id.publicKey }, format: 'jwk' });
    const payload = 'v3|x|y';
    expect(verify(null, Buffer.from(payload), key, Buffer.from(id.sign(payload), 'base64url'))).toBe(true);
  });

  it('builds the v3 payload in the documented field order, platform lower-cased', () => {
    expect(
      signaturePayloadV3({
        deviceId: 'dev',
        clientId: 'gateway-client',
        clientMode: 'ui',
        role: 'operator',
        scopes: ['operator.read', 'operator.admin'],
        signedAtMs: 1737264000000,
        token: 'tok',
        nonce: 'n-1',
        platform: 'Linux',
        deviceFamily: '',
      }),
    ).toBe('v3|dev|gateway-client|ui|operator|operator.read,operator.admin|1737264000000|tok|n-1|linux|');
  });

  it('never lets the private key or a device token reach a log line', async () => {
    const store = createInMemorySecretStoreTestDouble();
    const id = await loadOrCreateDeviceIdentity(store);
    const tokens = deviceTokenStore(store, 'bot-1', id.deviceId);
    await tokens.put({
      token: 'devtok-0123456789abcdef',
      deviceId: id.deviceId,
      role: 'operator',
      scopes: [],
    });
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l) });
    const pem = (await store.get(DEVICE_KEY_REF)) ?? '';
    log.info('oops', { dump: `key ${pem} token devtok-0123456789abcdef` });
    expect(lines.join('\n')).not.toContain('devtok-0123456789abcdef');
    expect(lines.join('\n')).not.toContain(pem.split('\n')[1]);
  });

  it('keeps device tokens per gateway and ignores one issued to another device key', async () => {
    const store = createInMemorySecretStoreTestDouble();
    await deviceTokenStore(store, 'bot-1', 'device-A').put({
      token: 't1-abcdef',
      deviceId: 'device-A',
      role: 'operator',
      scopes: ['operator.read'],
    });
    expect(await deviceTokenStore(store, 'bot-1', 'device-A').get()).toMatchObject({ token: 't1-abcdef' });
    expect(await deviceTokenStore(store, 'bot-2', 'device-A').get()).toBeNull();
    expect(await deviceTokenStore(store, 'bot-1', 'device-B').get()).toBeNull();
    await deviceTokenStore(store, 'bot-1', 'device-A').clear();
    expect(store.entries.has(deviceTokenRef('bot-1'))).toBe(false);
  });
});
