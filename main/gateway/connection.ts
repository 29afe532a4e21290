import WebSocket from 'ws';
import { type Logger, silentLogger } from '../log/logger.ts';
import { registerSecretValue } from '../log/redact.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { type BackoffPolicy, backoffDelay, defaultBackoff } from './backoff.ts';
import { CLOSE, type CloseDecision, decideAfterClose } from './close-policy.ts';
import { type ChosenAuth, connectParams, DEFAULT_SCOPES } from './connect-params.ts';
import type { DeviceIdentity } from './device-identity.ts';
import { deviceTokenStore } from './device-tokens.ts';
import { connectError, GatewayError } from './errors.ts';
import {
  type EventFrame,
  type HelloOk,
  type InboundFrame,
  isRecord,
  PROTOCOL_VERSION,
  parseChallenge,
  parseHelloOk,
  parseInbound,
} from './frames.ts';
import { createPendingRequests } from './pending-requests.ts';

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

export type EventListener = (payload: unknown, frame: EventFrame) => void;

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

interface Attempt {
  ws: WebSocket;
  auth: ChosenAuth;
  timer: ReturnType<typeof setTimeout> | undefined;
  connectId: string | null;
  hello: boolean;
  refusal: GatewayError | null;
  socketError: string | undefined;
  restartExpectedMs: number | undefined;
  silentMs: number | undefined;
}

interface Waiter {
  resolve(hello: HelloOk): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

const text = (data: WebSocket.RawData): string =>
  Array.isArray(data)
    ? Buffer.concat(data).toString('utf8')
    : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');

/** One operator connection to one OpenClaw gateway (protocol v4). */
export function createGatewayConnection(o: GatewayConnectionOptions): GatewayConnection {
  const log = (o.log ?? silentLogger).child('gateway');
  const url = o.url;
  const requestTimeoutMs = o.requestTimeoutMs ?? 30_000;
  const connectTimeoutMs = o.connectTimeoutMs ?? 15_000;
  const backoff = o.backoff ?? defaultBackoff;
  const random = o.random ?? Math.random;
  const scopes = o.scopes ?? DEFAULT_SCOPES;
  const platform = o.platform ?? process.platform;
  const tokens = deviceTokenStore(o.secrets, o.gatewayKey, o.identity.deviceId);
  const pending = createPendingRequests();
  const listeners = new Map<string, Set<EventListener>>();
  const statusListeners = new Set<(s: ConnectionStatus) => void>();
  const waiters = new Set<Waiter>();

  let sharedToken = o.token ?? null;
  if (sharedToken) registerSecretValue(sharedToken);
  let status: ConnectionStatus = {
    state: 'idle',
    error: null,
    hello: null,
    auth: null,
    attempt: 0,
    restarting: false,
    gaps: 0,
  };
  let current: Attempt | null = null;
  let started = false;
  let stopping = false;
  let closed: Promise<void> | null = null;
  let skipDeviceToken = false;
  let nextId = 0;
  let lastFrameAt = 0;
  let lastSeq: number | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let watchdog: ReturnType<typeof setInterval> | undefined;
  let restartingSince = 0;

  const setStatus = (patch: Partial<ConnectionStatus>) => {
    status = { ...status, ...patch };
    for (const l of statusListeners) {
      try {
        l(status);
      } catch (e) {
        log.error('status listener failed', { error: e });
      }
    }
  };

  const settleWaiters = (outcome: { hello: HelloOk } | { error: Error }) => {
    for (const w of waiters) {
      clearTimeout(w.timer);
      if ('hello' in outcome) w.resolve(outcome.hello);
      else w.reject(outcome.error);
    }
    waiters.clear();
  };

  const send = (a: Attempt, frame: unknown) => {
    const out = JSON.stringify(frame);
    o.onFrame?.('out', out);
    a.ws.send(out);
  };

  async function chooseAuth(): Promise<ChosenAuth | null> {
    const stored = skipDeviceToken ? null : await tokens.get();
    if (stored) return { kind: 'device-token', secret: stored.token };
    if (sharedToken) return { kind: 'token', secret: sharedToken };
    return null;
  }

  function stop(error: GatewayError) {
    clearTimeout(retryTimer);
    setStatus({ state: 'stopped', error });
    settleWaiters({ error });
    log.warn('gateway connection stopped', { url, code: error.gatewayCode, message: error.message });
  }

  async function connectOnce(): Promise<void> {
    retryTimer = undefined;
    if (stopping) return;
    setStatus({ state: 'connecting' });
    let auth: ChosenAuth | null;
    try {
      auth = await chooseAuth();
    } catch (e) {
      stop(
        new GatewayError(
          'AUTH_FAILED',
          `Cannot read the credentials for ${url} from the keychain: ${e instanceof Error ? e.message : String(e)}`,
        ),
      );
      return;
    }
    if (stopping) return;
    if (!auth) {
      stop(
        new GatewayError(
          'AUTH_FAILED',
          `Clawster has no credential for the gateway at ${url}. Enter its token (gateway.auth.token on its host).`,
        ),
      );
      return;
    }
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, {
        headers: o.headers,
        perMessageDeflate: false,
        handshakeTimeout: connectTimeoutMs,
        maxPayload: 64 * 1024 * 1024,
      });
    } catch (e) {
      stop(
        new GatewayError(
          'UNREACHABLE',
          `"${url}" is not a gateway URL Clawster can open (${e instanceof Error ? e.message : String(e)}). ` +
            'Use ws://host:port or wss://host:port.',
        ),
      );
      return;
    }
    const a: Attempt = {
      ws,
      auth,
      timer: undefined,
      connectId: null,
      hello: false,
      refusal: null,
      socketError: undefined,
      restartExpectedMs: undefined,
      silentMs: undefined,
    };
    current = a;
    a.timer = setTimeout(() => {
      a.refusal = new GatewayError(
        'TIMEOUT',
        `The gateway at ${url} did not complete the handshake within ${connectTimeoutMs} ms; retrying.`,
        { retrying: true },
      );
      a.ws.terminate();
    }, connectTimeoutMs);
    ws.on('message', (data) => onMessage(a, text(data)));
    ws.on('error', (e) => {
      a.socketError = e.message;
    });
    ws.on('close', (code, reason) => void onClose(a, code, reason.toString('utf8')));
  }

  function onMessage(a: Attempt, raw: string) {
    if (current !== a) return;
    o.onFrame?.('in', raw);
    lastFrameAt = Date.now();
    const frame = parseInbound(raw);
    if (!frame) {
      log.debug('ignored an unreadable frame', { url });
      return;
    }
    if (!a.hello) {
      handshake(a, frame);
      return;
    }
    if (frame.type === 'res') {
      if (!pending.settle(frame)) log.debug('answer to a request nobody waits for', { url, id: frame.id });
      return;
    }
    onEvent(a, frame);
  }

  function handshake(a: Attempt, frame: InboundFrame) {
    if (frame.type === 'event' && frame.event === 'connect.challenge' && a.connectId === null) {
      const challenge = parseChallenge(frame.payload);
      if (!challenge) {
        a.refusal = new GatewayError(
          'BAD_RESPONSE',
          `The gateway at ${url} sent a malformed connect challenge.`,
        );
        a.ws.close(CLOSE.NORMAL);
        return;
      }
      a.connectId = String(++nextId);
      const params = connectParams({
        identity: o.identity,
        challenge,
        auth: a.auth,
        scopes,
        clientVersion: o.clientVersion,
        platform,
      });
      send(a, { type: 'req', id: a.connectId, method: 'connect', params });
      return;
    }
    if (frame.type !== 'res' || frame.id !== a.connectId) return;
    if (!frame.ok) {
      a.refusal = connectError(frame.error, url, a.auth.kind === 'device-token');
      a.ws.close(CLOSE.NORMAL);
      return;
    }
    const hello = parseHelloOk(frame.payload);
    if (!hello || hello.protocol !== PROTOCOL_VERSION) {
      a.refusal = hello
        ? connectError({ code: 'PROTOCOL_MISMATCH', message: `protocol ${hello.protocol}` }, url, false)
        : new GatewayError(
            'BAD_RESPONSE',
            `The gateway at ${url} answered connect with an unreadable hello.`,
          );
      a.ws.close(CLOSE.NORMAL);
      return;
    }
    onHello(a, hello);
  }

  function onHello(a: Attempt, hello: HelloOk) {
    clearTimeout(a.timer);
    a.hello = true;
    skipDeviceToken = false;
    lastSeq = null;
    const issued = hello.auth.deviceToken;
    if (issued && !(a.auth.kind === 'device-token' && a.auth.secret === issued)) {
      registerSecretValue(issued);
      tokens
        .put({
          token: issued,
          deviceId: o.identity.deviceId,
          role: hello.auth.role,
          scopes: hello.auth.scopes,
        })
        .catch((e: unknown) => log.error('could not store the device token', { url, error: e }));
    }
    startWatchdog(a, hello.policy.tickIntervalMs);
    log.info('gateway connected', { url, version: hello.server.version, auth: a.auth.kind });
    setStatus({ state: 'open', error: null, hello, auth: a.auth.kind, attempt: 0, restarting: false });
    settleWaiters({ hello });
  }

  function onEvent(a: Attempt, frame: EventFrame) {
    if (frame.seq !== undefined) {
      if (lastSeq !== null && frame.seq > lastSeq + 1) {
        log.warn('the gateway dropped events for this client', {
          url,
          expected: lastSeq + 1,
          got: frame.seq,
        });
        setStatus({ gaps: status.gaps + 1 });
      }
      lastSeq = frame.seq;
    }
    if (frame.event === 'shutdown') {
      const ms = isRecord(frame.payload) ? frame.payload.restartExpectedMs : undefined;
      a.restartExpectedMs = typeof ms === 'number' && ms >= 0 ? ms : 1500;
    }
    for (const key of [frame.event, '*']) {
      const set = listeners.get(key);
      if (!set) continue;
      for (const l of set) {
        try {
          l(frame.payload, frame);
        } catch (e) {
          log.error('event listener failed', { url, event: frame.event, error: e });
        }
      }
    }
  }

  function startWatchdog(a: Attempt, tickIntervalMs: number) {
    clearInterval(watchdog);
    lastFrameAt = Date.now();
    const limit = 2 * tickIntervalMs;
    watchdog = setInterval(
      () => {
        const silent = Date.now() - lastFrameAt;
        if (current !== a || silent <= limit) return;
        a.silentMs = silent;
        log.warn('the gateway went silent; reconnecting', { url, silentMs: silent });
        a.ws.terminate();
      },
      Math.max(10, Math.floor(tickIntervalMs / 2)),
    );
  }

  async function onClose(a: Attempt, code: number, reason: string) {
    if (current !== a) return;
    current = null;
    clearTimeout(a.timer);
    clearInterval(watchdog);
    if (a.hello) {
      pending.rejectAll(
        (method) =>
          new GatewayError(
            'DISCONNECTED',
            `The connection to ${url} dropped before ${method} was answered.`,
            {
              method,
            },
          ),
      );
    }
    if (stopping) return;
    if (status.restarting && Date.now() - restartingSince > 120_000) setStatus({ restarting: false });
    const decision = decideAfterClose({
      url,
      code,
      reason,
      helloSeen: a.hello,
      refusal: a.refusal,
      authKind: a.auth.kind,
      hasSharedToken: sharedToken !== null,
      restartExpectedMs: a.restartExpectedMs,
      silentMs: a.silentMs,
      socketError: a.socketError,
      restarting: status.restarting,
    });
    await act(decision);
  }

  async function act(d: CloseDecision) {
    if (d.kind === 'stop') return stop(d.error);
    if (d.kind === 'auth-changed') {
      const stored = await tokens.get().catch(() => null);
      if (stopping) return;
      if (!stored) return stop(d.error);
      log.info("gateway auth changed; switching to this installation's device token", { url });
      return schedule(0, d.error, false);
    }
    if (d.clearDeviceToken) {
      skipDeviceToken = true;
      await tokens
        .clear()
        .catch((e: unknown) => log.error('could not forget a refused device token', { error: e }));
      if (stopping) return;
    }
    if (d.restarting && !status.restarting) restartingSince = Date.now();
    const delay = d.immediate ? 0 : backoffDelay(status.attempt, backoff, random, d.hintMs);
    const quiet = d.restarting || d.immediate;
    (quiet ? log.info : log.warn)('gateway connection lost; reconnecting', {
      url,
      code: d.error.gatewayCode,
      delayMs: delay,
    });
    schedule(delay, d.error, d.restarting);
    if (d.error.gatewayCode === 'PAIRING_REQUIRED') settleWaiters({ error: d.error });
  }

  function schedule(delayMs: number, error: GatewayError, restarting: boolean) {
    setStatus({ state: 'waiting', error, attempt: status.attempt + 1, restarting });
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void connectOnce(), delayMs);
  }

  const conn: GatewayConnection = {
    url,
    get status() {
      return status;
    },
    start() {
      if (started || stopping) return;
      started = true;
      void connectOnce();
    },
    ready(timeoutMs = connectTimeoutMs) {
      if (status.state === 'open' && status.hello) return Promise.resolve(status.hello);
      if (status.state === 'stopped' && status.error) return Promise.reject(status.error);
      if (status.error?.gatewayCode === 'PAIRING_REQUIRED') return Promise.reject(status.error);
      conn.start();
      return new Promise<HelloOk>((resolve, reject) => {
        const w: Waiter = {
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(w);
            reject(
              status.error ??
                new GatewayError('TIMEOUT', `No connection to the gateway at ${url} within ${timeoutMs} ms.`),
            );
          }, timeoutMs),
        };
        waiters.add(w);
      });
    },
    async request(method, params = {}, options = {}) {
      const timeoutMs = options.timeoutMs ?? requestTimeoutMs;
      const t0 = Date.now();
      if (!(status.state === 'open' && current?.hello)) await conn.ready(timeoutMs);
      const a = current;
      if (!a?.hello || a.ws.readyState !== WebSocket.OPEN)
        throw new GatewayError(
          'DISCONNECTED',
          `The connection to ${url} dropped before ${method} was sent.`,
          {
            method,
          },
        );
      const id = String(++nextId);
      const answer = pending.add(id, method, Math.max(1, timeoutMs - (Date.now() - t0)));
      send(a, { type: 'req', id, method, params });
      return answer;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(event);
      };
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    setToken(token) {
      sharedToken = token;
      if (token) registerSecretValue(token);
    },
    reconnect() {
      if (stopping || current) return;
      started = true;
      clearTimeout(retryTimer);
      setStatus({ attempt: 0 });
      void connectOnce();
    },
    close() {
      if (closed) return closed;
      stopping = true;
      clearTimeout(retryTimer);
      clearInterval(watchdog);
      const error = new GatewayError('CLOSED', `The connection to ${url} was closed by Clawster.`);
      settleWaiters({ error });
      pending.rejectAll(() => error);
      const a = current;
      current = null;
      closed = new Promise<void>((resolve) => {
        if (!a || a.ws.readyState === WebSocket.CLOSED) return resolve();
        clearTimeout(a.timer);
        const force = setTimeout(() => a.ws.terminate(), 2000);
        a.ws.once('close', () => {
          clearTimeout(force);
          resolve();
        });
        if (a.ws.readyState === WebSocket.CONNECTING) a.ws.terminate();
        else a.ws.close(CLOSE.NORMAL, 'client closing');
      }).then(() => setStatus({ state: 'stopped', error }));
      return closed;
    },
  };
  return conn;
}
