import { randomBytes } from 'node:crypto';
import { registerSecretValue } from '../log/redact.ts';
import type { SecretStore } from './secret-store.ts';

/**
 * A secret Clawster makes itself (a bot's gateway token): the one kept at `ref`, or a new random
 * one (32 bytes, base64url) stored there. Either way the log redactor knows it.
 */
export async function ensureGeneratedSecret(store: SecretStore, ref: string): Promise<string> {
  const kept = await store.get(ref);
  if (kept) {
    registerSecretValue(kept);
    return kept;
  }
  const value = randomBytes(32).toString('base64url');
  registerSecretValue(value);
  await store.put(ref, value);
  return value;
}
