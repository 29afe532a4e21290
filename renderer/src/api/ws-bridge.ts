import type { Bridge, WireRequest } from '../../../shared/contract/client.ts';
import { err, type Result } from '../../../shared/contract/errors.ts';
import type { ConnectionStore } from './connection.ts';

/** The part of the browser's WebSocket the bridge uses (a test can hand in its own). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export interface WsBridgeOptions {
  /** `ws://host/ws?token=...` */
  url: string;
  connection: ConnectionStore;
  createSocket?: (url: string) => SocketLike;
  /** Delay before attempt number `failures + 1`, in ms. */
  backoff?: (failures: number) => number;
  now?: () => number;
}

export interface WsBridge extends Bridge {
  /** Skips the rest of the back-off wait and tries at once. */
  retryNow(): void;
  close(): void;
}

const OPEN = 1;
const MAX_DELAY_MS = 10_000;

/** 0.5 s, 1 s, 2 s, 4 s, 8 s, then every 10 s, each with a little jitter. */
export function defaultBackoff(failures: number): number {
  const base = Math.min(MAX_DELAY_MS, 500 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.85 + Math.random() * 0.3));
}

const unavailable = (message: string): Result<never> => err('UNAVAILABLE', message);

function parseFrame(
  data: unknown,
): { kind: 'res'; id: number; result: unknown } | { kind: 'event'; event: string; payload: unknown } | null {
  if (typeof data !== 'string') return null;
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof frame !== 'object' || frame === null || !('type' in frame)) return null;
  if (frame.type === 'res' && 'id' in frame && typeof frame.id === 'number' && 'result' in frame)
    return { kind: 'res', id: frame.id, result: frame.result };
  if (frame.type === 'event' && 'event' in frame && typeof frame.event === 'string')
    return { kind: 'event', event: frame.event, payload: 'payload' in frame ? frame.payload : undefined };
  return null;
}

/**
 * The contract over the loopback host's WebSocket. Requests made while an attempt is under way
 * wait for it; requests made while the link is down fail at once with UNAVAILABLE (an operator
 * should not wonder whether a change was sent). The link is re-made with back-off forever.
 */
export function createWsBridge(options: WsBridgeOptions): WsBridge {
  const { connection } = options;
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const backoff = options.backoff ?? defaultBackoff;
  const now = options.now ?? Date.now;
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const pending = new Map<number, (result: unknown) => void>();
  let waiting: Array<() => void> = [];
  let socket: SocketLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;
  let closed = false;

  const failPending = (message: string) => {
    for (const resolve of pending.values()) resolve(unavailable(message));
    pending.clear();
  };

  const connect = () => {
    timer = null;
    connection.setState({ status: 'connecting', retryAt: null });
    const ws = createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      connection.setState((s) => ({
        status: 'open',
        generation: s.generation + 1,
        failures: 0,
        everOpen: true,
      }));
      const queued = waiting;
      waiting = [];
      for (const send of queued) send();
    };
    ws.onmessage = (message) => {
      const frame = parseFrame(message.data);
      if (!frame) return;
      if (frame.kind === 'res') {
        const resolve = pending.get(frame.id);
        pending.delete(frame.id);
        resolve?.(frame.result);
      } else {
        for (const listener of listeners) listener(frame.event, frame.payload);
      }
    };
    ws.onerror = () => {};
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failPending(
        'The connection to the Clawster host dropped before it answered. Check whether the change was made, then try again.',
      );
      const queued = waiting;
      waiting = [];
      for (const send of queued) send();
      if (closed) return;
      const failures = connection.getState().failures + 1;
      const delay = backoff(failures);
      connection.setState({ status: 'waiting', failures, retryAt: now() + delay });
      timer = setTimeout(connect, delay);
    };
  };

  const send = (method: string, params: unknown): Promise<unknown> =>
    new Promise((resolve) => {
      const ws = socket;
      if (!ws || ws.readyState !== OPEN) {
        resolve(
          unavailable('Not connected to the Clawster host. It is reconnecting; try again in a moment.'),
        );
        return;
      }
      const id = nextId++;
      pending.set(id, resolve);
      const frame: WireRequest = { id, method, params };
      try {
        ws.send(JSON.stringify(frame));
      } catch {
        pending.delete(id);
        resolve(unavailable('The request could not be sent to the Clawster host. Try again in a moment.'));
      }
    });

  connect();

  return {
    invoke(method, params) {
      if (connection.getState().status === 'connecting')
        return new Promise((resolve) => waiting.push(() => resolve(send(method, params))));
      return send(method, params);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    retryNow() {
      if (closed || connection.getState().status !== 'waiting') return;
      if (timer) clearTimeout(timer);
      connect();
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const ws = socket;
      socket = null;
      ws?.close(1000, 'page closed');
      failPending('The page closed its connection to the Clawster host.');
    },
  };
}
