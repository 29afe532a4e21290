import type { Logger } from '../log/logger.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { BackoffPolicy } from './backoff.ts';
import type { ChosenAuth } from './connect-params.ts';
import type { DeviceIdentity } from './device-identity.ts';
import type { GatewayError } from './errors.ts';
import type { EventListener } from './event-hub.ts';
import type { HelloOk } from './frames.ts';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'waiting' | 'stopped';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Why it is not open: the last failure while `waiting`, the reason while `stopped`. */
  error: GatewayError | null;
  /** The hello-ok of the current (or last) session. */
  hello: HelloOk | null;
  /** The credential of the current (or last) socket. */
  auth: ChosenAuth['kind'] | null;
  /** Failed attempts since the last hello-ok. */
  attempt: number;
  /** A restart was announced and the gateway has not come back yet. */
  restarting: boolean;
  /** Event frames the gateway dropped for this client (gaps in `seq`). */
  gaps: number;
}

export interface GatewayConnectionOptions {
  /** ws:// or wss:// URL of the gateway. */
  url: string;
  /** The shared gateway token: the bootstrap credential until a device token is stored. */
  token?: string | null;
  identity: DeviceIdentity;
  /** Holds the device token the gateway issues (the OS keychain in the app). */
  secrets: SecretStore;
  /** Names this gateway's device token in the SecretStore (the bot id). */
  gatewayKey: string;
  clientVersion: string;
  scopes?: readonly string[];
  /** Extra HTTP headers on the upgrade request. */
  headers?: Record<string, string>;
  requestTimeoutMs?: number;
  /** Socket open + challenge + hello-ok. */
  connectTimeoutMs?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  platform?: string;
  log?: Logger;
  /** A diagnostic tap on every frame (tests only: outbound `connect` carries the credential). */
  onFrame?: (direction: 'in' | 'out', text: string) => void;
}

export interface GatewayConnection {
  readonly url: string;
  readonly status: ConnectionStatus;
  /** Opens the connection (idempotent); it then reconnects on its own until closed. */
  start(): void;
  /**
   * The hello-ok once open. Rejects at once with an error the operator must act on (wrong token,
   * protocol mismatch, pairing required, …), or after `timeoutMs` with the last transient error.
   */
  ready(timeoutMs?: number): Promise<HelloOk>;
  request(method: string, params?: unknown, options?: { timeoutMs?: number }): Promise<unknown>;
  /** Listens to one gateway event (or '*' for all); returns the unsubscribe. */
  on(event: string, listener: EventListener): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** A new shared token (the operator entered one); takes effect at the next connect. */
  setToken(token: string | null): void;
  /** After a stop (or while waiting): try again now. */
  reconnect(): void;
  close(): Promise<void>;
}
