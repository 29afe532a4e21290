import {
  type AlertSettings,
  alertSettingsSchema,
  defaultAlertSettings,
} from '../../shared/alerts/settings.ts';
import type { EventListener } from '../events/bus.ts';
import type { Dispatch } from '../hosts/dispatcher.ts';
import type { Logger } from '../log/logger.ts';

/** The notification settings as the shell uses them: read at once, changed through the contract. */
export interface AlertSettingsFeed {
  get(): AlertSettings;
  /** Saves a change (as the Settings page does); the tray shows it at once. */
  update(patch: Partial<AlertSettings>): void;
  onChange(listener: () => void): () => void;
  dispose(): void;
}

/**
 * The control plane keeps the settings (alerts.settings.*); the shell holds the current copy so
 * that the notifier and the tray read it synchronously, and follows `alerts.settings.changed`,
 * whoever changed them.
 */
export function createAlertSettingsFeed(input: {
  dispatch: Dispatch;
  onEvent(listener: EventListener): () => void;
  log: Logger;
}): AlertSettingsFeed {
  let current: AlertSettings = defaultAlertSettings;
  const listeners = new Set<() => void>();
  const set = (value: AlertSettings) => {
    current = value;
    for (const l of listeners) l();
  };
  const accept = (value: unknown) => {
    const parsed = alertSettingsSchema.safeParse(value);
    if (parsed.success) set(parsed.data);
  };
  let heard = false;
  void input.dispatch('alerts.settings.get', {}).then((r) => {
    // An event that arrived meanwhile is newer than this answer.
    if (!r.ok)
      input.log.warn('notification settings could not be read; using the defaults', { error: r.error });
    else if (!heard) accept(r.value);
  });
  const off = input.onEvent((event, payload) => {
    if (event !== 'alerts.settings.changed') return;
    heard = true;
    accept(payload);
  });
  return {
    get: () => current,
    update(patch) {
      set({ ...current, ...patch });
      // The change comes back as an event, in order with every other change; a refusal reloads.
      void input.dispatch('alerts.settings.update', patch).then(async (r) => {
        if (r.ok) return;
        input.log.warn('notification settings could not be saved', { error: r.error });
        const stored = await input.dispatch('alerts.settings.get', {});
        if (stored.ok) accept(stored.value);
      });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: off,
  };
}
