import WebSocket from 'ws';
import { silentLogger } from '../log/logger.ts';
import { registerSecretValue } from '../log/redact.ts';
import { backoffDelay, defaultBackoff } from './backoff.ts';
import { CLOSE, type CloseDecision, decideAfterClose } from './close-policy.ts';
import { type ChosenAuth, connectParams, DEFAULT_SCOPES } from './connect-params.ts';
import type { ConnectionStatus, GatewayConnection, GatewayConnectionOptions } from './connection-types.ts';
import { deviceTokenStore } from './device-tokens.ts';
import { GatewayError } from './errors.ts';
import { createEventHub } from './event-hub.ts';
import { type EventFrame, type HelloOk, type InboundFrame, isRecord } from './frames.ts';
import { createPendingRequests } from './pending-requests.ts';
import { createReadyWaiters } from './ready-waiters.ts';
import { type Attempt, openAttempt, sendFrame } from './socket-attempt.ts';

export type {
  ConnectionState,
  ConnectionStatus,
  GatewayConnection,
  GatewayConnectionOptions,
} from './connection-types.ts';
export type { EventListener } from './event-hub.ts';

/** A restart that has not come back within this long is no longer reported as one. */
const RESTART_GRACE_MS = 120_000;

/**
 * One operator connection to one OpenClaw gateway (protocol v4): it connects, keeps itself
 * alive (tick watchdog, jittered reconnects) and stops only for what an operator must fix.
 */
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
  const events = createEventHub(log);
  const waiters = createReadyWaiters();
  const statusListeners = new Set<(s: ConnectionStatus) => void>();

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

  function stop(error: GatewayError) {
    clearTimeout(retryTimer);
    setStatus({ state: 'stopped', error });
    waiters.settle({ error });
    log.warn('gateway connection stopped', { url, code: error.gatewayCode, message: error.message });
  }

  async function chooseAuth(): Promise<ChosenAuth | null> {
    const stored = skipDeviceToken ? null : await tokens.get();
    if (stored) return { kind: 'device-token', secret: stored.token };
    if (sharedToken) return { kind: 'token', secret: sharedToken };
    return null;
  }

  async function connectOnce(): Promise<void> {
    retryTimer = undefined;
    if (stopping) return;
    setStatus({ state: 'connecting' });
    let auth: ChosenAuth | null;
    try {
      auth = await chooseAuth();
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return stop(
        new GatewayError('AUTH_FAILED', `Cannot read the credentials for ${url} from the keychain: ${why}`),
      );
    }
    if (stopping) return;
    if (!auth) {
      return stop(
        new GatewayError(
          'AUTH_FAILED',
          `Clawster has no credential for the gateway at ${url}. Enter its token (gateway.auth.token on its host).`,
        ),
      );
    }
    try {
      current = openAttempt({
        url,
        headers: o.headers,
        connectTimeoutMs,
        auth,
        tap: o.onFrame,
        nextId: () => String(++nextId),
        connectParams: (challenge, chosen) =>
          connectParams({
            identity: o.identity,
            challenge,
            auth: chosen,
            scopes,
            clientVersion: o.clientVersion,
            platform,
          }),
        onHello,
        onFrame,
        onActivity: () => {
          lastFrameAt = Date.now();
        },
        onClose: (a, code, reason) => void onClose(a, code, reason),
      });
    } catch (e) {
      if (e instanceof GatewayError) return stop(e);
      throw e;
    }
  }

  function onHello(a: Attempt, hello: HelloOk) {
    if (current !== a) return;
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
    waiters.settle({ hello });
  }

  function onFrame(a: Attempt, frame: InboundFrame) {
    if (current !== a) return;
    if (frame.type === 'res') {
      if (!pending.settle(frame)) log.debug('answer to a request nobody waits for', { url, id: frame.id });
      return;
    }
    onEvent(a, frame);
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
    events.emit(frame);
  }

  /** Liveness: any frame counts; silence for two tick intervals ends the socket. */
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
    clearInterval(watchdog);
    if (a.hello) {
      pending.rejectAll(
        (method) =>
          new GatewayError(
            'DISCONNECTED',
            `The connection to ${url} dropped before ${method} was answered.`,
            { method },
          ),
      );
    }
    if (stopping) return;
    if (status.restarting && Date.now() - restartingSince > RESTART_GRACE_MS)
      setStatus({ restarting: false });
    await act(
      decideAfterClose({
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
      }),
    );
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
    const fields = { url, code: d.error.gatewayCode, delayMs: delay };
    if (d.restarting || d.immediate) log.info('gateway connection lost; reconnecting', fields);
    else log.warn('gateway connection lost; reconnecting', fields);
    schedule(delay, d.error, d.restarting);
    if (d.error.gatewayCode === 'PAIRING_REQUIRED') waiters.settle({ error: d.error });
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
      return waiters.wait(
        timeoutMs,
        () =>
          status.error ??
          new GatewayError('TIMEOUT', `No connection to the gateway at ${url} within ${timeoutMs} ms.`),
      );
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
          { method },
        );
      const id = String(++nextId);
      const answer = pending.add(id, method, timeoutMs, Math.max(1, timeoutMs - (Date.now() - t0)));
      sendFrame(a, { type: 'req', id, method, params }, o.onFrame);
      return answer;
    },
    on: (event, listener) => events.on(event, listener),
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
      waiters.settle({ error });
      pending.rejectAll(() => error);
      const a = current;
      current = null;
      closed = new Promise<void>((resolve) => {
        if (!a || a.ws.readyState === WebSocket.CLOSED) return resolve();
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
