import {
  countByState,
  type HealthState,
  type HealthSummary,
  overallState,
  unhealthyBots,
} from '../../shared/alerts/health.ts';
import { routes } from '../../shared/alerts/routes.ts';
import { type AlertSettings, isPaused } from '../../shared/alerts/settings.ts';

export type TrayAction =
  | { type: 'navigate'; route: string }
  | { type: 'pause-alerts' }
  | { type: 'resume-alerts' }
  | { type: 'open' }
  | { type: 'quit' };

export type TrayItem =
  | { kind: 'label'; label: string }
  | { kind: 'action'; label: string; action: TrayAction }
  | { kind: 'separator' };

export interface TrayModel {
  state: HealthState;
  tooltip: string;
  items: TrayItem[];
}

const stateLabel: Record<HealthState, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'Unknown',
};

function clockTime(d: Date): string {
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export interface TrayModelOptions {
  /** How many unhealthy bots to list by name before "and N more". */
  maxBots?: number;
}

/** What the tray shows for a health summary: its icon state, tooltip and menu. Pure. */
export function trayModel(
  summary: HealthSummary,
  settings: AlertSettings,
  now: Date,
  options: TrayModelOptions = {},
): TrayModel {
  const maxBots = options.maxBots ?? 10;
  const state = overallState(summary);
  const counts = countByState(summary);
  const total = summary.bots.length;
  const countText = `${counts.healthy} healthy, ${counts.degraded} degraded, ${counts.down} down, ${counts.unknown} unknown`;
  const tooltip =
    total === 0
      ? 'Clawster: no bots yet'
      : `Clawster: ${total} ${total === 1 ? 'bot' : 'bots'}, ${countText}`;

  const items: TrayItem[] = [
    { kind: 'label', label: `Fleet health: ${stateLabel[state]}` },
    ...(['healthy', 'degraded', 'down', 'unknown'] as const).map(
      (s): TrayItem => ({ kind: 'label', label: `${stateLabel[s]}: ${counts[s]}` }),
    ),
  ];

  const unhealthy = unhealthyBots(summary);
  if (unhealthy.length > 0) {
    items.push({ kind: 'separator' }, { kind: 'label', label: 'Needs attention' });
    for (const bot of unhealthy.slice(0, maxBots)) {
      items.push({
        kind: 'action',
        label: `${bot.botName} (${bot.fleetName}): ${bot.state}`,
        action: { type: 'navigate', route: routes.bot(bot.botId) },
      });
    }
    if (unhealthy.length > maxBots) {
      items.push({
        kind: 'action',
        label: `and ${unhealthy.length - maxBots} more…`,
        action: { type: 'navigate', route: routes.fleets() },
      });
    }
  }

  items.push({ kind: 'separator' });
  if (isPaused(settings, now) && settings.pausedUntil) {
    items.push(
      { kind: 'label', label: `Alerts paused until ${clockTime(new Date(settings.pausedUntil))}` },
      { kind: 'action', label: 'Resume alerts', action: { type: 'resume-alerts' } },
    );
  } else {
    items.push({ kind: 'action', label: 'Pause alerts for an hour', action: { type: 'pause-alerts' } });
  }
  items.push(
    { kind: 'action', label: 'Open Clawster', action: { type: 'open' } },
    { kind: 'separator' },
    { kind: 'action', label: 'Quit Clawster', action: { type: 'quit' } },
  );
  return { state, tooltip, items };
}
