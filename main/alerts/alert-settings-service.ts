import {
  type AlertSettings,
  alertSettingsSchema,
  defaultAlertSettings,
} from '../../shared/alerts/settings.ts';
import type { Params } from '../../shared/contract/requests.ts';
import type { Db } from '../store/database.ts';
import { readSetting, type Setting, writeSetting } from '../store/settings-store.ts';
import type { Mutator } from '../store/unit-of-work.ts';

const key: Setting<AlertSettings> = {
  key: 'alerts',
  schema: alertSettingsSchema,
  page: 'Settings > Notifications',
};

/**
 * The operator's notification settings (minimum severity, quiet hours, pause), kept in the
 * settings table. Each change is audited and pushed (`alerts.settings.changed`): the shell's
 * notifier and tray follow it, whether it came from the Settings page or the tray.
 */
export function createAlertSettingsService(deps: { db: Db; mutate: Mutator }) {
  /** The stored settings; a row this version cannot read counts as the defaults (saving replaces it). */
  const get = (db: Db = deps.db): AlertSettings => {
    try {
      return readSetting(db, key) ?? defaultAlertSettings;
    } catch {
      return defaultAlertSettings;
    }
  };
  return {
    get: () => get(),
    update(p: Params<'alerts.settings.update'>): AlertSettings {
      return deps.mutate((tx) => {
        const before = get(tx.db);
        const after = alertSettingsSchema.parse({ ...before, ...p });
        if (writeSetting(tx.db, key, after, tx.now)) {
          tx.audit({
            action: 'alerts.settings.update',
            resourceType: 'settings',
            resourceId: 'alerts',
            before,
            after,
          });
          tx.emit('alerts.settings.changed', after);
        }
        return after;
      });
    },
  };
}
