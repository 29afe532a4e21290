import { registerSecretValue } from '../log/redact.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { isRecord } from './frames.ts';

/** Where the device token a gateway issued to this installation lives in the SecretStore. */
export function deviceTokenRef(gatewayKey: string): string {
  return `gateway/device-token/${gatewayKey}`;
}

export interface DeviceTokenRecord {
  token: string;
  /** The device it was issued to; a token of another (older) device key is ignored. */
  deviceId: string;
  role: string;
  scopes: string[];
}

export interface DeviceTokenStore {
  get(): Promise<DeviceTokenRecord | null>;
  put(record: DeviceTokenRecord): Promise<void>;
  clear(): Promise<void>;
}

function parse(text: string, deviceId: string): DeviceTokenRecord | null {
  try {
    const v: unknown = JSON.parse(text);
    if (!isRecord(v) || typeof v.token !== 'string' || v.deviceId !== deviceId) return null;
    return {
      token: v.token,
      deviceId,
      role: typeof v.role === 'string' ? v.role : 'operator',
      scopes: Array.isArray(v.scopes) ? v.scopes.filter((s): s is string => typeof s === 'string') : [],
    };
  } catch {
    return null;
  }
}

/** The device token of one gateway (keyed by `gatewayKey`, the bot id) for one device. */
export function deviceTokenStore(
  secrets: SecretStore,
  gatewayKey: string,
  deviceId: string,
): DeviceTokenStore {
  const ref = deviceTokenRef(gatewayKey);
  return {
    async get() {
      const text = await secrets.get(ref);
      const record = text === null ? null : parse(text, deviceId);
      if (record) registerSecretValue(record.token);
      return record;
    },
    async put(record) {
      registerSecretValue(record.token);
      await secrets.put(ref, JSON.stringify(record));
    },
    async clear() {
      await secrets.delete(ref);
    },
  };
}
