import { fleetHealth, type HealthSummary, type LiveBotHealth } from '../../shared/alerts/health.ts';
import { canonicalJson } from '../../shared/config/canonical.ts';
import type { Bot } from '../../shared/domain/bot.ts';
import type { Fleet } from '../../shared/domain/fleet.ts';
import type { Clock } from '../clock.ts';
import type { EventListener } from '../events/bus.ts';
import type { Dispatch } from '../hosts/dispatcher.ts';
import type { Logger } from '../log/logger.ts';
import type { Schedule } from './notifier.ts';

export type HealthListener = (next: HealthSummary, prev: HealthSummary | undefined) => void;

/** Where the tray and the notifier get fleet health from. */
export interface HealthFeed {
  current(): HealthSummary | undefined;
  onChange(listener: HealthListener): () => void;
  dispose(): void;
}

export interface HealthFeedInput {
  dispatch: Dispatch;
  onEvent(listener: EventListener): () => void;
  clock: Clock;
  schedule: Schedule;
  log: Logger;
  /** Bursts of fleet, bot and health changes within this time cause one refresh (default 250 ms). */
  coalesceMs?: number;
}

/**
 * The fleets' bots with the live gateway state the control plane measures (`unknown` for bots
 * without a gateway connection), refreshed when fleets, bots or their health change.
 */
const refreshOn = new Set<string>(['fleet.changed', 'bot.changed', 'bot.health.changed']);

export function createHealthFeed(input: HealthFeedInput): HealthFeed {
  const listeners = new Set<HealthListener>();
  let summary: HealthSummary | undefined;
  let cancelPending: (() => void) | null = null;
  let disposed = false;

  const read = async (): Promise<HealthSummary | null> => {
    const fleets = await input.dispatch('fleet.list', {});
    if (!fleets.ok) {
      input.log.warn('cannot read fleets for the tray', { error: fleets.error });
      return null;
    }
    const bots: Bot[] = [];
    const live = new Map<string, LiveBotHealth>();
    for (const fleet of fleets.value as Fleet[]) {
      const res = await input.dispatch('bot.list', { fleetId: fleet.id });
      if (res.ok) bots.push(...(res.value as Bot[]));
      const health = await input.dispatch('bot.health.list', { fleetId: fleet.id });
      if (health.ok) for (const h of health.value as LiveBotHealth[]) live.set(h.botId, h);
    }
    return fleetHealth(fleets.value as Fleet[], bots, input.clock.now().toISOString(), live);
  };

  const refresh = async () => {
    const next = await read();
    if (!next || disposed) return;
    const prev = summary;
    if (prev && canonicalJson(prev.bots) === canonicalJson(next.bots)) return;
    summary = next;
    for (const l of listeners) l(next, prev);
  };

  const unsubscribe = input.onEvent((event) => {
    if (!refreshOn.has(event) || cancelPending) return;
    cancelPending = input.schedule(() => {
      cancelPending = null;
      void refresh();
    }, input.coalesceMs ?? 250);
  });
  void refresh();

  return {
    current: () => summary,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      unsubscribe();
      cancelPending?.();
      listeners.clear();
    },
  };
}
