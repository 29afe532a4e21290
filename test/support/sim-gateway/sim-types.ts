import type { JsonObject } from '../../../shared/config/json.ts';
/** TEST DOUBLE: the simulated gateway's types (see sim-gateway.ts). */

export interface SimGatewayOptions {
  token?: string;
  tickIntervalMs?: number;
  /** Push a `health` event this often (null: never). */
  healthIntervalMs?: number | null;
  /** 'required': a new device is refused with PAIRING_REQUIRED until `approve(requestId)`. */
  pairing?: 'auto' | 'required';
  /** The protocol version this gateway speaks. */
  protocol?: number;
  /** Answer this many connects with UNAVAILABLE "gateway starting" first. */
  unavailableConnects?: number;
  healthy?: boolean;
  port?: number;
}

export interface SimErrorShape {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  retryable?: boolean;
  retryAfterMs?: number;
}

/** Thrown by a handler to answer with an error frame. */
export class SimRequestError extends Error {
  readonly shape: SimErrorShape;
  constructor(shape: SimErrorShape) {
    super(shape.message);
    this.shape = shape;
  }
}

export type SimHandler = (params: unknown, ctx: { connId: string; sim: SimGateway }) => unknown;

export interface SimGateway {
  url: string;
  port: number;
  readonly token: string;
  readonly clients: number;
  /** Every request received after the handshake, in order. */
  readonly requests: { method: string; params: unknown }[];
  readonly pendingPairings: string[];
  state: SimState;
  setHandler(method: string, handler: SimHandler | null): void;
  /** Rotates the shared token: sockets that authenticated with the old one get close 4001. */
  setToken(token: string): void;
  /** Stop (or resume) every tick and pushed event: the gateway goes silent but keeps the socket. */
  silence(on: boolean): void;
  /** Replaces the config behind every client's back (as an operator editing the file would): new hash, `config.changed`. */
  setConfig(config: JsonObject): void;
  /** `shutdown` event, close 1012, upgrades refused with 503 for `downMs`. */
  restart(downMs?: number): void;
  push(event: string, payload: unknown): void;
  approve(requestId: string): boolean;
  revokeDeviceTokens(): void;
  close(): Promise<void>;
}

export interface SimState {
  config: JsonObject;
  hash: string;
  healthy: boolean;
  lastWrite?: { method: string; raw: string };
}
