import type { HealthState as GatewayHealthState } from '../domain/gateway.ts';

/**
 * Fleet health as the tray and the notifier see it: the live gateway state of each bot the
 * control plane is connected to, `unknown` for the others.
 */
export const healthStates = ['healthy', 'degraded', 'down', 'unknown'] as const;
export type HealthState = (typeof healthStates)[number];

export interface BotHealth {
  botId: string;
  botName: string;
  fleetId: string;
  fleetName: string;
  state: HealthState;
  /** A short operator-readable reason, e.g. "gateway unreachable for 2 min". */
  reason?: string;
}

export interface HealthSummary {
  /** When the summary was taken (ISO time). */
  at: string;
  bots: readonly BotHealth[];
}

export type HealthCounts = Record<HealthState, number>;

export function countByState(summary: HealthSummary): HealthCounts {
  const counts: HealthCounts = { healthy: 0, degraded: 0, down: 0, unknown: 0 };
  for (const b of summary.bots) counts[b.state] += 1;
  return counts;
}

/**
 * One state for the whole fleet at a glance: down if any bot is down, degraded if any is
 * degraded, healthy only when every bot is healthy, unknown otherwise (or with no bots).
 */
export function overallState(summary: HealthSummary): HealthState {
  const c = countByState(summary);
  if (c.down > 0) return 'down';
  if (c.degraded > 0) return 'degraded';
  if (summary.bots.length > 0 && c.healthy === summary.bots.length) return 'healthy';
  return 'unknown';
}

const attentionOrder: Record<HealthState, number> = { down: 0, degraded: 1, unknown: 2, healthy: 3 };

/** The bots an operator should look at (down first, then degraded), by fleet and name. */
export function unhealthyBots(summary: HealthSummary): BotHealth[] {
  return summary.bots
    .filter((b) => b.state === 'down' || b.state === 'degraded')
    .toSorted(
      (a, b) =>
        attentionOrder[a.state] - attentionOrder[b.state] ||
        a.fleetName.localeCompare(b.fleetName) ||
        a.botName.localeCompare(b.botName),
    );
}

interface NamedFleet {
  id: string;
  name: string;
}
interface NamedBot {
  id: string;
  name: string;
  fleetId: string;
}

/** What the control plane knows live of a bot's gateway (`bot.health.list`, `bot.health.changed`). */
export interface LiveBotHealth {
  botId: string;
  state: GatewayHealthState;
  lastError: { message: string } | null;
}

/** How a gateway connection state reads at a glance in the tray and in notifications. */
const glance: Record<GatewayHealthState, HealthState> = {
  healthy: 'healthy',
  degraded: 'degraded',
  'pairing-required': 'degraded',
  down: 'down',
  'auth-failed': 'down',
  connecting: 'unknown',
  unknown: 'unknown',
};

/**
 * The fleets' bots with their live state where the control plane measures one (bots connected to
 * a gateway); every other bot is `unknown`.
 */
export function fleetHealth(
  fleets: readonly NamedFleet[],
  bots: readonly NamedBot[],
  at: string,
  live: ReadonlyMap<string, LiveBotHealth> = new Map(),
): HealthSummary {
  const fleetName = new Map(fleets.map((f) => [f.id, f.name]));
  return {
    at,
    bots: bots.map((b) => {
      const measured = live.get(b.id);
      const base = {
        botId: b.id,
        botName: b.name,
        fleetId: b.fleetId,
        fleetName: fleetName.get(b.fleetId) ?? b.fleetId,
        state: measured ? glance[measured.state] : ('unknown' as const),
      };
      const reason = measured?.lastError?.message;
      return reason ? { ...base, reason } : base;
    }),
  };
}
