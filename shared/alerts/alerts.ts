import { z } from 'zod';
import type { BotHealth, HealthState, HealthSummary } from './health.ts';

export const severities = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof severities)[number];

export function severityRank(s: Severity): number {
  return severities.indexOf(s);
}

/** What can raise a notification. Later issues (health, drift, policy, rollouts) produce these. */
export const alertKinds = [
  'bot.down',
  'bot.degraded',
  'bot.recovered',
  'drift.found',
  'deploy.refused',
  'rollout.failed',
  /** OpenClaw's own security audit or doctor found a new critical problem. */
  'checks.critical',
] as const;
export type AlertKind = (typeof alertKinds)[number];

/** An alert as the control plane pushes it (event `alert.raised`) for the shell to notify. */
export const alertInputSchema = z.object({
  kind: z.enum(alertKinds),
  severity: z.enum(severities),
  fleetId: z.string(),
  fleetName: z.string(),
  /** Set when the alert is about one bot. */
  botId: z.string().optional(),
  botName: z.string().optional(),
  /** One line for the notification body, e.g. the policy rule that refused a deploy. */
  detail: z.string().optional(),
  /** For a rollout alert: its change set, whose page a click opens. */
  changeSetId: z.string().optional(),
});
export type AlertInput = z.infer<typeof alertInputSchema>;

/** The usual severity of each kind; producers may raise or lower it. */
export const defaultSeverity: Record<AlertKind, Severity> = {
  'bot.down': 'critical',
  'bot.degraded': 'warning',
  'bot.recovered': 'info',
  'drift.found': 'warning',
  'deploy.refused': 'warning',
  'rollout.failed': 'critical',
  'checks.critical': 'critical',
};

function botAlert(kind: AlertKind, bot: BotHealth): AlertInput {
  return {
    kind,
    severity: defaultSeverity[kind],
    fleetId: bot.fleetId,
    fleetName: bot.fleetName,
    botId: bot.botId,
    botName: bot.botName,
    ...(bot.reason ? { detail: bot.reason } : {}),
  };
}

function transition(from: HealthState, to: HealthState): AlertKind | null {
  if (from === to || to === 'unknown') return null;
  if (to === 'down') return 'bot.down';
  if (to === 'degraded') return from === 'down' ? null : 'bot.degraded';
  // to === 'healthy': only a bot that was in trouble "recovers".
  return from === 'down' || from === 'degraded' ? 'bot.recovered' : null;
}

/**
 * The alerts between two health summaries: a bot going down or degraded, or recovering.
 * The first summary (no previous one) raises nothing: the tray shows the state at start.
 * A bot that becomes `unknown` (not measured) raises nothing either.
 */
export function healthAlerts(prev: HealthSummary | undefined, next: HealthSummary): AlertInput[] {
  if (!prev) return [];
  const before = new Map(prev.bots.map((b) => [b.botId, b.state]));
  const out: AlertInput[] = [];
  for (const bot of next.bots) {
    const from = before.get(bot.botId);
    if (from === undefined) {
      if (bot.state === 'down') out.push(botAlert('bot.down', bot));
      continue;
    }
    const kind = transition(from, bot.state);
    if (kind) out.push(botAlert(kind, bot));
  }
  return out;
}
