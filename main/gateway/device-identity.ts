import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
} from 'node:crypto';
import { AppError } from '../../shared/contract/errors.ts';
import { registerSecretValue } from '../log/redact.ts';
import type { SecretStore } from '../secrets/secret-store.ts';

/** Where this installation's device key lives in the SecretStore (the OS keychain). */
export const DEVICE_KEY_REF = 'gateway/device-key';

/**
 * This Clawster installation as an OpenClaw device: one Ed25519 key pair, created once.
 * The private key never leaves the SecretStore and this object; only signatures go on the wire.
 */
export interface DeviceIdentity {
  /** sha256 hex of the raw 32-byte public key. */
  deviceId: string;
  /** base64url of the raw 32-byte public key. */
  publicKey: string;
  /** base64url Ed25519 signature over the UTF-8 payload. */
  sign(payload: string): string;
}

export interface SignatureFields {
  deviceId: string;
  clientId: string;
  clientMode: string;
  role: string;
  scopes: readonly string[];
  signedAtMs: number;
  /** The credential sent in `auth` (shared token or device token); empty when none. */
  token: string;
  nonce: string;
  platform: string;
  deviceFamily: string;
}

/** The v3 device-proof payload: `v3|deviceId|clientId|clientMode|role|scopes|signedAtMs|token|nonce|platform|deviceFamily`. */
export function signaturePayloadV3(f: SignatureFields): string {
  return [
    'v3',
    f.deviceId,
    f.clientId,
    f.clientMode,
    f.role,
    f.scopes.join(','),
    String(f.signedAtMs),
    f.token,
    f.nonce,
    f.platform.toLowerCase(),
    f.deviceFamily.toLowerCase(),
  ].join('|');
}

function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string')
    throw new AppError('INTERNAL', 'The stored gateway device key is not an Ed25519 key.');
  return Buffer.from(jwk.x, 'base64url');
}

/** The identity behind a PKCS#8 PEM private key. */
export function identityFromPrivateKeyPem(pem: string): DeviceIdentity {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new AppError(
      'INTERNAL',
      'The gateway device key in the keychain cannot be read. Remove the keychain entry ' +
        `"${DEVICE_KEY_REF}" to create a new device (bots will need to approve it again).`,
    );
  }
  const raw = rawPublicKey(createPublicKey(privateKey));
  return {
    deviceId: createHash('sha256').update(raw).digest('hex'),
    publicKey: raw.toString('base64url'),
    sign: (payload) => sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64url'),
  };
}

export function generateDeviceKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

const loading = new WeakMap<SecretStore, Promise<DeviceIdentity>>();

/**
 * This installation's identity: read from the SecretStore, or created and stored on first use.
 * Concurrent callers on one store share one load, so only one key is ever created.
 */
export function loadOrCreateDeviceIdentity(secrets: SecretStore): Promise<DeviceIdentity> {
  const existing = loading.get(secrets);
  if (existing) return existing;
  const load = (async () => {
    let pem = await secrets.get(DEVICE_KEY_REF);
    if (pem === null) {
      pem = generateDeviceKeyPem();
      await secrets.put(DEVICE_KEY_REF, pem);
    }
    registerSecretValue(pem);
    return identityFromPrivateKeyPem(pem);
  })();
  loading.set(secrets, load);
  load.catch(() => loading.delete(secrets));
  return load;
}
