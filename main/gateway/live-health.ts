import type { Clock } from '../clock.ts';
import type { ConnectionStatus, GatewayConnection } from './connection.ts';
import type { GatewayErrorCode } from './errors.ts';
import { health as healthSchema, tick as tickSchema } from './schemas.ts';

export type LiveHealthStatus =
  | 'connecting'
  | 'healthy'
  | 'unhealthy'
  | 'starting'
  | 'restarting'
  | 'unreachable'
  | 'auth-failed'
  | 'pairing-required'
  | 'protocol-mismatch'
  | 'closed';

/** One bot's health as the fleet table shows it, fed by the gateway's pushed events. */
export interface LiveHealth {
  botId: string;
  status: LiveHealthStatus;
  /** The OpenClaw version the gateway reported in hello-ok. */
  version: string | null;
  /** When the gateway process started (uptime = now - startedAt). */
  startedAt: string | null;
  /** The last health snapshot's `ok`. */
  healthOk: boolean | null;
  /** The gateway reports its event loop degraded (CPU starved). */
  degraded: boolean;
  lastHealthAt: string | null;
  /** Updated on every tick without a change notification (ticks come every 30 s per bot). */
  lastTickAt: string | null;
  error: { code: GatewayErrorCode; message: string; requestId?: string; approveCommand?: string } | null;
  /** When `status` last changed. */
  since: string;
}

export interface LiveHealthTracker {
  get(): LiveHealth;
  /** A health snapshot obtained by a request (a sweep) rather than pushed. */
  observeHealth(payload: unknown): void;
  dispose(): void;
}

function statusOf(s: ConnectionStatus, healthOk: boolean | null): LiveHealthStatus {
  if (s.state === 'open') return healthOk === false ? 'unhealthy' : 'healthy';
  if (s.restarting) return 'restarting';
  switch (s.error?.gatewayCode) {
    case undefined:
      return s.state === 'stopped' ? 'closed' : 'connecting';
    case 'AUTH_TOKEN_MISMATCH':
    case 'AUTH_DEVICE_TOKEN_MISMATCH':
    case 'AUTH_FAILED':
    case 'AUTH_CHANGED':
    case 'FORBIDDEN':
      return 'auth-failed';
    case 'PAIRING_REQUIRED':
      return 'pairing-required';
    case 'PROTOCOL_MISMATCH':
      return 'protocol-mismatch';
    case 'UNAVAILABLE':
      return 'starting';
    case 'CLOSED':
      return 'closed';
    default:
      return 'unreachable';
  }
}

/** The parts whose change is worth a notification (not the tick time). */
function signature(h: LiveHealth): string {
  return JSON.stringify([
    h.status,
    h.version,
    h.startedAt,
    h.healthOk,
    h.degraded,
    h.error?.code,
    h.error?.message,
  ]);
}

export function trackLiveHealth(
  botId: string,
  conn: GatewayConnection,
  clock: Clock,
  onChange: (health: LiveHealth) => void,
): LiveHealthTracker {
  const now = () => clock.now().toISOString();
  let state: LiveHealth = {
    botId,
    status: 'connecting',
    version: null,
    startedAt: null,
    healthOk: null,
    degraded: false,
    lastHealthAt: null,
    lastTickAt: null,
    error: null,
    since: now(),
  };

  /** Applies patches; one notification if the notable parts changed in between. */
  const change = (apply: () => void) => {
    const before = signature(state);
    apply();
    if (signature(state) !== before) onChange(state);
  };
  const patch = (p: Partial<LiveHealth>) => {
    const next = { ...state, ...p };
    if (next.status !== state.status) next.since = now();
    state = next;
  };

  const healthPatch = (payload: unknown): Partial<LiveHealth> | null => {
    const h = healthSchema.safeParse(payload);
    if (!h.success) return null;
    return {
      healthOk: h.data.ok,
      degraded: h.data.eventLoop?.degraded === true,
      lastHealthAt: now(),
      status: statusOf(conn.status, h.data.ok),
    };
  };
  const applyHealth = (payload: unknown) => {
    const p = healthPatch(payload);
    if (p) change(() => patch(p));
  };

  const applyStatus = (s: ConnectionStatus) => {
    const e = s.error;
    const p: Partial<LiveHealth> = {
      error: e
        ? {
            code: e.gatewayCode,
            message: e.message,
            ...(e.extras.requestId ? { requestId: e.extras.requestId } : {}),
            ...(e.extras.approveCommand ? { approveCommand: e.extras.approveCommand } : {}),
          }
        : null,
    };
    let fromSnapshot: Partial<LiveHealth> | null = null;
    if (s.state === 'open' && s.hello) {
      p.version = s.hello.server.version;
      const uptime = s.hello.snapshot.uptimeMs;
      if (typeof uptime === 'number') p.startedAt = new Date(clock.now().getTime() - uptime).toISOString();
      fromSnapshot = healthPatch(s.hello.snapshot.health);
    }
    change(() => {
      patch(p);
      if (fromSnapshot) patch(fromSnapshot);
      patch({ status: statusOf(s, state.healthOk) });
    });
  };

  const offStatus = conn.onStatus(applyStatus);
  const offHealth = conn.on('health', applyHealth);
  const offTick = conn.on('tick', (payload) => {
    if (tickSchema.safeParse(payload).success) patch({ lastTickAt: now() });
  });
  applyStatus(conn.status);

  return {
    get: () => state,
    observeHealth: applyHealth,
    dispose() {
      offStatus();
      offHealth();
      offTick();
    },
  };
}
