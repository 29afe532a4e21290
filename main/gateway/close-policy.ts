import type { AuthKind } from './connect-params.ts';
import { GatewayError } from './errors.ts';

/** What the client knows when one socket has closed. */
export interface CloseFacts {
  url: string;
  code: number;
  reason: string;
  /** The handshake finished on this socket. */
  helloSeen: boolean;
  /** How the gateway refused our `connect`, if it did. */
  refusal: GatewayError | null;
  /** The credential this socket used. */
  authKind: AuthKind;
  hasSharedToken: boolean;
  /** The gateway announced a restart on this socket (`shutdown` event). */
  restartExpectedMs: number | undefined;
  /** The watchdog ended this socket after this long without a frame. */
  silentMs: number | undefined;
  /** What the socket layer reported (ECONNREFUSED, an HTTP status, …). */
  socketError: string | undefined;
  /** A restart was announced earlier and the gateway has not come back yet. */
  restarting: boolean;
}

export type CloseDecision =
  | { kind: 'stop'; error: GatewayError }
  | {
      kind: 'retry';
      error: GatewayError;
      /** A floor for the delay, from the gateway. */
      hintMs?: number;
      /** Reconnect without waiting (a credential switch, not a failure). */
      immediate?: boolean;
      restarting: boolean;
      /** Forget the stored device token first (it was refused). */
      clearDeviceToken?: boolean;
    }
  /** Close 4001 on a shared-token socket: switch to a stored device token if there is one. */
  | { kind: 'auth-changed'; error: GatewayError };

/** Close codes the gateway uses. */
export const CLOSE = {
  NORMAL: 1000,
  PROTOCOL_ERROR: 1002,
  POLICY: 1008,
  SERVICE_RESTART: 1012,
  TICK_TIMEOUT: 4000,
  AUTH_CHANGED: 4001,
} as const;

const TERMINAL_REFUSALS = new Set([
  'AUTH_TOKEN_MISMATCH',
  'AUTH_FAILED',
  'PROTOCOL_MISMATCH',
  'BAD_RESPONSE',
]);

const duration = (ms: number) => (ms < 10_000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`);

function restartingError(url: string): GatewayError {
  return new GatewayError(
    'UNAVAILABLE',
    `The gateway at ${url} is restarting; Clawster reconnects on its own.`,
    { retrying: true },
  );
}

/**
 * What to do after a socket closed: stop with an error the operator must act on, or retry
 * (how soon, and with which error to show meanwhile). Pure, so every branch is unit-tested.
 */
export function decideAfterClose(f: CloseFacts): CloseDecision {
  const { refusal } = f;
  if (refusal) {
    if (TERMINAL_REFUSALS.has(refusal.gatewayCode)) return { kind: 'stop', error: refusal };
    if (refusal.gatewayCode === 'AUTH_DEVICE_TOKEN_MISMATCH') {
      return f.hasSharedToken
        ? { kind: 'retry', error: refusal, immediate: true, restarting: false, clearDeviceToken: true }
        : { kind: 'stop', error: refusal };
    }
    const hint = refusal.extras.retryAfterMs;
    return {
      kind: 'retry',
      error: f.restarting && refusal.gatewayCode === 'UNAVAILABLE' ? restartingError(f.url) : refusal,
      restarting: f.restarting,
      ...(hint !== undefined ? { hintMs: hint } : {}),
    };
  }
  if (f.code === CLOSE.AUTH_CHANGED) {
    const error = new GatewayError(
      'AUTH_CHANGED',
      `The gateway at ${f.url} changed its authentication settings and closed the connection. ` +
        'Enter the new gateway token (gateway.auth.token on its host) to connect again.',
    );
    return f.authKind === 'token' ? { kind: 'auth-changed', error } : { kind: 'stop', error };
  }
  if (f.code === CLOSE.SERVICE_RESTART || f.restartExpectedMs !== undefined) {
    return {
      kind: 'retry',
      error: restartingError(f.url),
      restarting: true,
      hintMs: f.restartExpectedMs ?? 1500,
    };
  }
  if (f.code === CLOSE.PROTOCOL_ERROR && !f.helloSeen) {
    return {
      kind: 'stop',
      error: new GatewayError(
        'PROTOCOL_MISMATCH',
        `The gateway at ${f.url} closed the handshake as a protocol error (${f.reason || 'no reason given'}). ` +
          "Update OpenClaw on the bot's host (or Clawster) so that both speak gateway protocol v4.",
      ),
    };
  }
  if (f.code === CLOSE.POLICY && !f.helloSeen) {
    return {
      kind: 'stop',
      error: new GatewayError(
        'AUTH_FAILED',
        `The gateway at ${f.url} refused the connection: ${f.reason || 'policy violation'}.`,
      ),
    };
  }
  if (f.silentMs !== undefined) {
    return {
      kind: 'retry',
      restarting: false,
      error: new GatewayError(
        'DISCONNECTED',
        `The gateway at ${f.url} went silent (nothing, not even a tick, for ${duration(f.silentMs)}); reconnecting.`,
        { retrying: true },
      ),
    };
  }
  if (f.restarting) return { kind: 'retry', error: restartingError(f.url), restarting: true };
  if (!f.helloSeen) {
    return {
      kind: 'retry',
      restarting: false,
      error: new GatewayError(
        'UNREACHABLE',
        `Nothing answered as an OpenClaw gateway at ${f.url}` +
          (f.socketError ? ` (${f.socketError})` : '') +
          '. Check that the gateway runs and that the URL (host and port) is right; Clawster keeps retrying.',
        { retrying: true },
      ),
    };
  }
  return {
    kind: 'retry',
    restarting: false,
    error: new GatewayError(
      'DISCONNECTED',
      `The connection to ${f.url} dropped (close ${f.code}${f.reason ? `: ${f.reason}` : ''}); reconnecting.`,
      { retrying: true },
    ),
  };
}
