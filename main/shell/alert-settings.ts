import { join } from 'node:path';
import {
  type AlertSettings,
  alertSettingsSchema,
  defaultAlertSettings,
} from '../../shared/alerts/settings.ts';
import type { Logger } from '../log/logger.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';

export const ALERT_SETTINGS_FILE = 'alert-settings.json';

export interface AlertSettingsStore {
  get(): AlertSettings;
  update(patch: Partial<AlertSettings>): AlertSettings;
}

/**
 * The notification settings (minimum severity, quiet hours, pause), kept by the shell in
 * userData/alert-settings.json until the contract carries them to the Settings page.
 */
export function createAlertSettingsStore(userData: string, log: Logger): AlertSettingsStore {
  const file = join(userData, ALERT_SETTINGS_FILE);
  let current = readJsonFile(file, alertSettingsSchema, defaultAlertSettings, log);
  return {
    get: () => current,
    update(patch) {
      current = alertSettingsSchema.parse({ ...current, ...patch });
      writeJsonFile(file, current);
      return current;
    },
  };
}
