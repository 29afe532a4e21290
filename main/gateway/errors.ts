import { AppError, type ErrorCode } from '../../shared/contract/errors.ts';
import { type ErrorShape, isRecord } from './frames.ts';

/**
 * What went wrong with a gateway, finer than the contract's error codes. Every value maps to a
 * contract code (see `contractCode`) so a GatewayError crosses the boundary as a plain AppError.
 */
export type GatewayErrorCode =
  /** The shared token was refused ("wrong token"). Terminal until the operator enters another. */
  | 'AUTH_TOKEN_MISMATCH'
  /** The stored device token was refused (revoked or the device was removed on the host). */
  | 'AUTH_DEVICE_TOKEN_MISMATCH'
  /** Any other refusal of the credentials or the device proof. */
  | 'AUTH_FAILED'
  /** The gateway's auth settings changed under a live connection (close 4001). */
  | 'AUTH_CHANGED'
  | 'PROTOCOL_MISMATCH'
  /** This installation's device awaits approval on the host; details carry the request id. */
  | 'PAIRING_REQUIRED'
  /** The gateway is starting (or restarting); retried automatically. */
  | 'UNAVAILABLE'
  /** Nothing answered at the URL, or the socket failed before the handshake finished. */
  | 'UNREACHABLE'
  | 'TIMEOUT'
  /** The connection dropped (or went silent) while a request was in flight. */
  | 'DISCONNECTED'
  /** A config write was based on a hash that is no longer current. */
  | 'CONFLICT'
  /** The connection lacks a scope the method needs. */
  | 'FORBIDDEN'
  /** The gateway refused the request for another reason (its code is in `remoteCode`). */
  | 'REJECTED'
  /** The gateway answered with something the client cannot read. */
  | 'BAD_RESPONSE'
  /** The connection was closed by Clawster (the bot was removed or the app is quitting). */
  | 'CLOSED'
  /** Not a gateway URL, or plain ws:// to a host outside private networks. */
  | 'INSECURE_URL';

const contractCodes: Record<GatewayErrorCode, ErrorCode> = {
  AUTH_TOKEN_MISMATCH: 'FORBIDDEN',
  AUTH_DEVICE_TOKEN_MISMATCH: 'FORBIDDEN',
  AUTH_FAILED: 'FORBIDDEN',
  AUTH_CHANGED: 'FORBIDDEN',
  FORBIDDEN: 'FORBIDDEN',
  PROTOCOL_MISMATCH: 'PRECONDITION',
  PAIRING_REQUIRED: 'PRECONDITION',
  UNAVAILABLE: 'UNAVAILABLE',
  UNREACHABLE: 'UNAVAILABLE',
  TIMEOUT: 'UNAVAILABLE',
  DISCONNECTED: 'UNAVAILABLE',
  CLOSED: 'UNAVAILABLE',
  CONFLICT: 'CONFLICT',
  REJECTED: 'VALIDATION',
  BAD_RESPONSE: 'INTERNAL',
  INSECURE_URL: 'VALIDATION',
};

export interface GatewayErrorExtras {
  /** The gateway's own error code (e.g. INVALID_REQUEST, NOT_PAIRED). */
  remoteCode?: string;
  /** The gateway's `details.code` (e.g. AUTH_TOKEN_MISMATCH, PAIRING_REQUIRED). */
  detailCode?: string;
  method?: string;
  /** For PAIRING_REQUIRED: the pending request to approve on the host. */
  requestId?: string;
  /** For PAIRING_REQUIRED: the exact command to run on the gateway's host. */
  approveCommand?: string;
  retryAfterMs?: number;
  /** Whether the client keeps trying on its own. */
  retrying?: boolean;
}

/** What crosses to the renderer: the finer code and the facts an operator acts on (no secrets). */
function errorDetails(gatewayCode: GatewayErrorCode, x: GatewayErrorExtras): Record<string, unknown> {
  return {
    gatewayCode,
    ...(x.requestId !== undefined ? { requestId: x.requestId } : {}),
    ...(x.approveCommand !== undefined ? { approveCommand: x.approveCommand } : {}),
    ...(x.retrying !== undefined ? { retrying: x.retrying } : {}),
    ...(x.retryAfterMs !== undefined ? { retryAfterMs: x.retryAfterMs } : {}),
    ...(x.method !== undefined ? { method: x.method } : {}),
  };
}

export class GatewayError extends AppError {
  readonly gatewayCode: GatewayErrorCode;
  readonly extras: GatewayErrorExtras;
  constructor(gatewayCode: GatewayErrorCode, message: string, extras: GatewayErrorExtras = {}) {
    super(contractCodes[gatewayCode], message, undefined, errorDetails(gatewayCode, extras));
    this.name = 'GatewayError';
    this.gatewayCode = gatewayCode;
    this.extras = extras;
  }
}

export function isGatewayError(e: unknown): e is GatewayError {
  return e instanceof GatewayError;
}

function detailCode(shape: ErrorShape): string | undefined {
  return isRecord(shape.details) && typeof shape.details.code === 'string' ? shape.details.code : undefined;
}

function detailString(shape: ErrorShape, key: string): string | undefined {
  const d = shape.details;
  return isRecord(d) && typeof d[key] === 'string' ? d[key] : undefined;
}

export function approveCommand(requestId: string): string {
  return `openclaw devices approve ${requestId}`;
}

/** Why a `connect` was refused, as an operator-actionable error. */
export function connectError(shape: ErrorShape, url: string, usedDeviceToken: boolean): GatewayError {
  const dc = detailCode(shape);
  const base = { remoteCode: shape.code, ...(dc ? { detailCode: dc } : {}) };
  if (dc === 'PAIRING_REQUIRED' || shape.code === 'NOT_PAIRED') {
    const requestId = detailString(shape, 'requestId');
    if (!requestId) {
      return new GatewayError(
        'PAIRING_REQUIRED',
        `The gateway at ${url} wants this Clawster installation approved as a device, but gave no request id. ` +
          'On the bot\'s host run "openclaw devices list" and approve the pending Clawster request.',
        { ...base, retrying: true },
      );
    }
    const command = approveCommand(requestId);
    return new GatewayError(
      'PAIRING_REQUIRED',
      `Pairing required: the gateway at ${url} has not approved this Clawster installation yet. ` +
        `On the bot's host run: ${command} — Clawster keeps retrying and connects once it is approved.`,
      { ...base, requestId, approveCommand: command, retrying: true },
    );
  }
  if (dc === 'PROTOCOL_MISMATCH' || shape.code === 'PROTOCOL_MISMATCH') {
    return new GatewayError(
      'PROTOCOL_MISMATCH',
      `The gateway at ${url} does not speak gateway protocol v4, which this Clawster needs. ` +
        "Update OpenClaw on the bot's host (or Clawster) so that both speak the same protocol version.",
      base,
    );
  }
  if (dc === 'AUTH_TOKEN_MISMATCH' && !usedDeviceToken) {
    return new GatewayError(
      'AUTH_TOKEN_MISMATCH',
      `Wrong token: the gateway at ${url} refused the token. Enter the token from the bot's config ` +
        '(gateway.auth.token on its host) and connect again.',
      base,
    );
  }
  if (dc === 'AUTH_DEVICE_TOKEN_MISMATCH' || (dc === 'AUTH_TOKEN_MISMATCH' && usedDeviceToken)) {
    return new GatewayError(
      'AUTH_DEVICE_TOKEN_MISMATCH',
      `The gateway at ${url} no longer accepts this Clawster installation's device token (it was revoked or ` +
        'the device was removed). Enter the gateway token (gateway.auth.token on its host) to pair again.',
      base,
    );
  }
  if (shape.code === 'UNAVAILABLE' || shape.retryable === true) {
    return new GatewayError(
      'UNAVAILABLE',
      `The gateway at ${url} is still starting (${shape.message}). Clawster retries on its own.`,
      {
        ...base,
        retrying: true,
        ...(shape.retryAfterMs !== undefined ? { retryAfterMs: shape.retryAfterMs } : {}),
      },
    );
  }
  return new GatewayError(
    'AUTH_FAILED',
    `The gateway at ${url} refused the connection: ${shape.message}` +
      (dc ? ` (${dc}).` : '.') +
      ' Check the gateway token and that this Clawster installation is allowed on that gateway.',
    base,
  );
}

/** A request's error answer, as a typed error. */
export function requestError(method: string, shape: ErrorShape): GatewayError {
  const dc = detailCode(shape);
  const base = { remoteCode: shape.code, method, ...(dc ? { detailCode: dc } : {}) };
  if (shape.code === 'FORBIDDEN' || dc === 'MISSING_SCOPE') {
    const scope = detailString(shape, 'missingScope');
    return new GatewayError(
      'FORBIDDEN',
      `The gateway refused ${method}: ${shape.message}.` +
        (scope ? ` Clawster's device needs the scope ${scope}; re-pair it with that scope on the host.` : ''),
      base,
    );
  }
  if (shape.code === 'UNAVAILABLE') {
    return new GatewayError('UNAVAILABLE', `The gateway could not run ${method} now: ${shape.message}.`, {
      ...base,
      ...(shape.retryAfterMs !== undefined ? { retryAfterMs: shape.retryAfterMs } : {}),
    });
  }
  return new GatewayError('REJECTED', `The gateway refused ${method}: ${shape.message}.`, base);
}
