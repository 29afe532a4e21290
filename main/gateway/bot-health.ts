import type { BotHealth, GatewaySummary, HealthState } from '../../shared/domain/gateway.ts';
import type { Clock } from '../clock.ts';
import type { HelloOk } from './frames.ts';
import type { GatewayApi } from './gateway-api.ts';
import type { LiveHealth, LiveHealthStatus } from './live-health.ts';
import { health as healthSchema } from './schemas.ts';

const stateOf: Record<LiveHealthStatus, HealthState> = {
  connecting: 'connecting',
  starting: 'connecting',
  restarting: 'connecting',
  healthy: 'healthy',
  unhealthy: 'degraded',
  unreachable: 'down',
  'protocol-mismatch': 'down',
  'auth-failed': 'auth-failed',
  'pairing-required': 'pairing-required',
  closed: 'unknown',
};

/** Codes whose connection keeps trying on its own (the operator may wait). */
const RETRYING = new Set(['PAIRING_REQUIRED', 'UNAVAILABLE', 'UNREACHABLE', 'TIMEOUT', 'DISCONNECTED']);

/** The pool's live health of one bot, as the contract carries it. */
export function toBotHealth(h: LiveHealth): BotHealth {
  const state = h.status === 'healthy' && h.degraded ? 'degraded' : stateOf[h.status];
  const e = h.error;
  return {
    botId: h.botId,
    state,
    version: h.version,
    startedAt: h.startedAt,
    lastTickAt: h.lastTickAt,
    lastHealthAt: h.lastHealthAt,
    since: h.since,
    lastError:
      e && state !== 'healthy'
        ? {
            code: e.code,
            message: e.message,
            details: {
              gatewayCode: e.code,
              retrying: RETRYING.has(e.code),
              ...(e.requestId ? { requestId: e.requestId } : {}),
              ...(e.approveCommand ? { approveCommand: e.approveCommand } : {}),
            },
          }
        : null,
  };
}

/** A bot with a gateway the pool has not looked at yet. */
export function unknownHealth(botId: string, clock: Clock): BotHealth {
  return {
    botId,
    state: 'unknown',
    version: null,
    startedAt: null,
    lastTickAt: null,
    lastHealthAt: null,
    since: clock.now().toISOString(),
    lastError: null,
  };
}

const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const rec = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : {};

/**
 * What an operator sees of a gateway: version and uptime from its hello, then health, channels
 * and agents asked for in parallel. A part the gateway will not give is shown empty, not an error.
 */
export async function gatewaySummary(
  url: string,
  hello: HelloOk,
  api: GatewayApi,
  timeoutMs: number,
): Promise<GatewaySummary> {
  const o = { timeoutMs };
  const [health, channels, agents] = await Promise.all([
    api.health(o).catch(() => null),
    api.channelsStatus(o).catch(() => null),
    api.agentsList(o).catch(() => null),
  ]);
  const snapshotHealth = healthSchema.safeParse(hello.snapshot.health);
  const h = health ?? (snapshotHealth.success ? snapshotHealth.data : null);
  const channelMap = channels?.channels ?? {};
  const order = channels?.channelOrder ?? [];
  const ids = [...new Set([...order, ...Object.keys(channelMap)])];
  const uptime = hello.snapshot.uptimeMs;
  return {
    url,
    version: hello.server.version,
    uptimeMs: typeof uptime === 'number' ? uptime : null,
    health: { ok: h ? h.ok : null, degraded: h?.eventLoop?.degraded === true },
    channels: ids.map((id) => {
      const c = rec(channelMap[id]);
      return { id, configured: bool(c.configured), running: bool(c.running) };
    }),
    agents: (agents?.agents ?? []).map((a) => ({
      id: a.id,
      model: a.model?.primary ?? null,
      isDefault: a.id === agents?.defaultId,
    })),
  };
}
