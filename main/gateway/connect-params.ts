import type { DeviceIdentity } from './device-identity.ts';
import { signaturePayloadV3 } from './device-identity.ts';
import { type Challenge, PROTOCOL_VERSION } from './frames.ts';

/**
 * How Clawster introduces itself. `gateway-client` is the protocol's id for clients built on the
 * published wire contract; mode `ui` because Clawster is an operator UI. (`backend` would skip
 * pairing on loopback but then never receives a device token, and is reserved for OpenClaw's
 * own internal helpers.)
 */
export const CLIENT_ID = 'gateway-client';
export const CLIENT_MODE = 'ui';
export const ROLE = 'operator';

/**
 * read: health, status, logs, usage, channels, agents and the event streams; admin: every
 * config.* and update.* method and restarts; write: agent runs (later issues), requested now so
 * that adding them does not force every bot to approve a scope upgrade.
 */
export const DEFAULT_SCOPES: readonly string[] = ['operator.read', 'operator.write', 'operator.admin'];

export type AuthKind = 'token' | 'device-token';

export interface ChosenAuth {
  kind: AuthKind;
  secret: string;
}

export interface ConnectParamsInput {
  identity: DeviceIdentity;
  challenge: Challenge;
  auth: ChosenAuth;
  scopes: readonly string[];
  clientVersion: string;
  platform: string;
  deviceFamily?: string;
  locale?: string;
}

/** The `connect` params, with the device proof signed over the challenge (v3 payload). */
export function connectParams(i: ConnectParamsInput): Record<string, unknown> {
  const signature = i.identity.sign(
    signaturePayloadV3({
      deviceId: i.identity.deviceId,
      clientId: CLIENT_ID,
      clientMode: CLIENT_MODE,
      role: ROLE,
      scopes: i.scopes,
      signedAtMs: i.challenge.ts,
      token: i.auth.secret,
      nonce: i.challenge.nonce,
      platform: i.platform,
      deviceFamily: i.deviceFamily ?? '',
    }),
  );
  return {
    minProtocol: PROTOCOL_VERSION,
    maxProtocol: PROTOCOL_VERSION,
    client: {
      id: CLIENT_ID,
      version: i.clientVersion,
      platform: i.platform,
      mode: CLIENT_MODE,
      displayName: 'Clawster',
      ...(i.deviceFamily ? { deviceFamily: i.deviceFamily } : {}),
    },
    role: ROLE,
    scopes: [...i.scopes],
    caps: [],
    auth: i.auth.kind === 'token' ? { token: i.auth.secret } : { deviceToken: i.auth.secret },
    locale: i.locale ?? 'en-US',
    userAgent: `clawster/${i.clientVersion}`,
    device: {
      id: i.identity.deviceId,
      publicKey: i.identity.publicKey,
      signature,
      signedAt: i.challenge.ts,
      nonce: i.challenge.nonce,
    },
  };
}
