import type { AlertInput } from '../../shared/alerts/alerts.ts';
import { type AlertGroup, createAlertBatcher, limitGroups } from '../../shared/alerts/grouping.ts';
import { type AlertSettings, meetsMinSeverity, mutedReason } from '../../shared/alerts/settings.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log/logger.ts';

/** Runs `fn` after `delayMs`; returns the cancel. */
export type Schedule = (fn: () => void, delayMs: number) => () => void;

export const systemSchedule: Schedule = (fn, delayMs) => {
  const timer = setTimeout(fn, delayMs);
  return () => clearTimeout(timer);
};

export interface NotifierInput {
  clock: Clock;
  schedule: Schedule;
  settings(): AlertSettings;
  show(group: AlertGroup): void;
  log: Logger;
  /** Quiet time that closes a batch (default 5 s)... */
  settleMs?: number;
  /** ...and the longest a batch waits (default 30 s). */
  maxWaitMs?: number;
  /** Most notifications shown at once (default 4; the rest fold into one). */
  maxPerBatch?: number;
}

export interface Notifier {
  alert(alert: AlertInput): void;
  dispose(): void;
}

/**
 * Turns alerts into few, useful notifications: below the minimum severity they are dropped,
 * while alerts are paused or in quiet hours they are dropped too (the tray still shows the
 * state), and the rest are debounced and grouped per kind and fleet.
 */
export function createNotifier(input: NotifierInput): Notifier {
  const batcher = createAlertBatcher({
    settleMs: input.settleMs ?? 5_000,
    maxWaitMs: input.maxWaitMs ?? 30_000,
  });
  let cancel: (() => void) | null = null;

  const arm = () => {
    cancel?.();
    cancel = null;
    const due = batcher.dueAt();
    if (due !== null) cancel = input.schedule(fire, Math.max(0, due - input.clock.now().getTime()));
  };

  function fire() {
    cancel = null;
    const now = input.clock.now();
    const groups = batcher.takeDue(now.getTime());
    arm();
    if (groups.length === 0) return;
    const muted = mutedReason(input.settings(), now);
    if (muted) {
      input.log.info('notifications muted', { reason: muted, groups: groups.length });
      return;
    }
    for (const group of limitGroups(groups, input.maxPerBatch ?? 4)) input.show(group);
  }

  return {
    alert(alert) {
      const settings = input.settings();
      const now = input.clock.now();
      if (!meetsMinSeverity(alert.severity, settings) || mutedReason(settings, now)) return;
      batcher.add(alert, now.getTime());
      arm();
    },
    dispose() {
      cancel?.();
      cancel = null;
    },
  };
}
