/**
 * TEST DOUBLE: a SecretStore that keeps secrets in a Map, for tests that cannot use the OS
 * keychain. The app uses the keychain implementation of main/secrets; this one only records
 * what was stored so that tests can check it (e.g. that a device token was kept).
 */
import type { SecretStore } from '../../../main/secrets/secret-store.ts';

export interface InMemorySecretStoreTestDouble extends SecretStore {
  readonly entries: ReadonlyMap<string, string>;
}

export function createInMemorySecretStoreTestDouble(): InMemorySecretStoreTestDouble {
  const entries = new Map<string, string>();
  return {
    entries,
    put: async (ref, value) => {
      entries.set(ref, value);
    },
    get: async (ref) => entries.get(ref) ?? null,
    delete: async (ref) => entries.delete(ref),
  };
}
