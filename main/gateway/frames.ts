/**
 * The OpenClaw gateway wire frames (protocol v4): text JSON over one WebSocket.
 * Parsing is structural and cheap (it runs for every frame of every bot); the payloads of the
 * methods Clawster reads are validated by the typed wrappers in gateway-api.ts.
 */

export const PROTOCOL_VERSION = 4;

export interface RequestFrame {
  type: 'req';
  id: string;
  method: string;
  params: unknown;
}

export interface ErrorShape {
  code: string;
  message: string;
  details?: unknown;
  retryable?: boolean;
  retryAfterMs?: number;
}

export type ResponseFrame =
  | { type: 'res'; id: string; ok: true; payload: unknown }
  | { type: 'res'; id: string; ok: false; error: ErrorShape };

export interface EventFrame {
  type: 'event';
  event: string;
  payload: unknown;
  /** Per connection, contiguous; a gap means the gateway dropped frames for a slow consumer. */
  seq?: number;
}

export type InboundFrame = ResponseFrame | EventFrame;

export interface Challenge {
  nonce: string;
  ts: number;
}

export interface HelloOk {
  type: 'hello-ok';
  protocol: number;
  server: { version: string; connId?: string; bootId?: string; buildId?: string };
  features: { methods: readonly string[]; events: readonly string[] };
  snapshot: Record<string, unknown>;
  auth: { method?: string; role: string; scopes: string[]; deviceToken?: string };
  policy: { maxPayload: number; maxBufferedBytes?: number; tickIntervalMs: number };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/**
 * Every gateway of one release advertises the same ~470 method names; a fleet keeps one shared
 * frozen copy per distinct list instead of one per connection (about 20 KB each).
 */
const interned = new Map<string, readonly string[]>();
function internList(v: unknown): readonly string[] {
  const list = strings(v);
  const key = list.join('\n');
  const known = interned.get(key);
  if (known) return known;
  const frozen = Object.freeze(list);
  if (interned.size < 64) interned.set(key, frozen);
  return frozen;
}

/** The snapshot members the client keeps (presence lists and paths are left out). */
const SNAPSHOT_KEYS = ['uptimeMs', 'health', 'stateVersion', 'appliedConfigHash', 'authMode'] as const;

function errorShape(v: unknown): ErrorShape {
  if (!isRecord(v))
    return { code: 'UNKNOWN', message: 'The gateway answered with an error it did not describe.' };
  const shape: ErrorShape = {
    code: typeof v.code === 'string' ? v.code : 'UNKNOWN',
    message: typeof v.message === 'string' ? v.message : 'The gateway answered with an error.',
  };
  if (v.details !== undefined) shape.details = v.details;
  if (typeof v.retryable === 'boolean') shape.retryable = v.retryable;
  if (typeof v.retryAfterMs === 'number' && Number.isFinite(v.retryAfterMs))
    shape.retryAfterMs = v.retryAfterMs;
  return shape;
}

/** One inbound text frame, or null when it is not a frame Clawster understands. */
export function parseInbound(text: string): InboundFrame | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(v)) return null;
  if (v.type === 'res' && typeof v.id === 'string') {
    return v.ok === true
      ? { type: 'res', id: v.id, ok: true, payload: v.payload }
      : { type: 'res', id: v.id, ok: false, error: errorShape(v.error) };
  }
  if (v.type === 'event' && typeof v.event === 'string') {
    const frame: EventFrame = { type: 'event', event: v.event, payload: v.payload };
    if (typeof v.seq === 'number') frame.seq = v.seq;
    return frame;
  }
  return null;
}

export function parseChallenge(payload: unknown): Challenge | null {
  if (!isRecord(payload)) return null;
  const { nonce, ts } = payload;
  if (typeof nonce !== 'string' || nonce.length === 0) return null;
  if (typeof ts !== 'number' || !Number.isInteger(ts) || ts < 0) return null;
  return { nonce, ts };
}

/** The hello-ok payload, or null when it lacks what the client relies on. */
export function parseHelloOk(payload: unknown): HelloOk | null {
  if (!isRecord(payload) || payload.type !== 'hello-ok' || typeof payload.protocol !== 'number') return null;
  const { server, features, snapshot, auth, policy } = payload;
  if (!isRecord(server) || typeof server.version !== 'string') return null;
  if (!isRecord(auth) || !isRecord(policy)) return null;
  const hello: HelloOk = {
    type: 'hello-ok',
    protocol: payload.protocol,
    server: { version: server.version },
    features: isRecord(features)
      ? { methods: internList(features.methods), events: internList(features.events) }
      : { methods: [], events: [] },
    snapshot: {},
    auth: {
      role: typeof auth.role === 'string' ? auth.role : 'operator',
      scopes: strings(auth.scopes),
    },
    policy: {
      maxPayload: typeof policy.maxPayload === 'number' ? policy.maxPayload : 25 * 1024 * 1024,
      tickIntervalMs:
        typeof policy.tickIntervalMs === 'number' && policy.tickIntervalMs > 0
          ? policy.tickIntervalMs
          : 30_000,
    },
  };
  if (isRecord(snapshot))
    for (const key of SNAPSHOT_KEYS) if (snapshot[key] !== undefined) hello.snapshot[key] = snapshot[key];
  if (typeof server.connId === 'string') hello.server.connId = server.connId;
  if (typeof server.bootId === 'string') hello.server.bootId = server.bootId;
  if (typeof server.buildId === 'string') hello.server.buildId = server.buildId;
  if (typeof auth.method === 'string') hello.auth.method = auth.method;
  if (typeof auth.deviceToken === 'string' && auth.deviceToken.length > 0)
    hello.auth.deviceToken = auth.deviceToken;
  if (typeof policy.maxBufferedBytes === 'number') hello.policy.maxBufferedBytes = policy.maxBufferedBytes;
  return hello;
}
