import type { SecretStore } from '../../../../shared/config/secrets.ts';
import type { SecretEntry } from '../../../../shared/domain/secrets.ts';

/** A secret store as the operator reads it. */
export const storeLabels: Readonly<Record<SecretStore, string>> = {
  keychain: 'Keychain',
  'aws-sm': 'AWS Secrets Manager',
};

/** Whether the store holds a value: Set, Missing, or Unknown when the store could not be asked. */
export function presenceLabel(present: SecretEntry['present']): 'Set' | 'Missing' | 'Unknown' {
  if (present === null) return 'Unknown';
  return present ? 'Set' : 'Missing';
}

/** Each bot that reads a secret once, with the config paths it reads it at. */
export function readersOf(entry: SecretEntry): { botId: string; botName: string; paths: string[] }[] {
  const byBot = new Map<string, { botId: string; botName: string; paths: string[] }>();
  for (const u of entry.usedBy) {
    const had = byBot.get(u.botId);
    if (had) had.paths.push(u.path);
    else byBot.set(u.botId, { botId: u.botId, botName: u.botName, paths: [u.path] });
  }
  return [...byBot.values()];
}
