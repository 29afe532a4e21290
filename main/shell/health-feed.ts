import { type HealthSummary, unmeasuredHealth } from '../../shared/alerts/health.ts';
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

export interface UnmeasuredFeedInput {
  dispatch: Dispatch;
  onEvent(listener: EventListener): () => void;
  clock: Clock;
  schedule: Schedule;
  log: Logger;
  /** Bursts of fleet and bot changes within this time cause one refresh (default 250 ms). */
  coalesceMs?: number;
}

/**
 * The health feed until the control plane measures health: the fleets' bots, each `unknown`,
 * refreshed when fleets or bots change. A real feed (later issue) implements the same
 * interface from the control plane's health events; the tray and notifier do not change.
 */
export function createUnmeasuredHealthFeed(input: UnmeasuredFeedInput): HealthFeed {
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
    for (const fleet of fleets.value as Fleet[]) {
      const res = await input.dispatch('bot.list', { fleetId: fleet.id });
      if (res.ok) bots.push(...(res.value as Bot[]));
    }
    return unmeasuredHealth(fleets.value as Fleet[], bots, input.clock.now().toISOString());
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
    if ((event !== 'fleet.changed' && event !== 'bot.changed') || cancelPending) return;
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
