import type { SecretStore } from '../../../main/secrets/secret-store.ts';

/**
 * TEST DOUBLE of the SecretStore (the OS keychain): a Map in memory. The AWS tests use it so they
 * do not depend on the keychain module; the keychain itself is tested with a real gnome-keyring by
 * the secrets module's own tests. `snapshot()` lets a test see exactly what was stored.
 */
export class SecretStoreDouble implements SecretStore {
  readonly #values = new Map<string, string>();

  async put(ref: string, value: string): Promise<void> {
    this.#values.set(ref, value);
  }

  async get(ref: string): Promise<string | null> {
    return this.#values.get(ref) ?? null;
  }

  async delete(ref: string): Promise<boolean> {
    return this.#values.delete(ref);
  }

  snapshot(): Record<string, string> {
    return Object.fromEntries(this.#values);
  }
}
