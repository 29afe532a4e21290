/**
 * TEST DOUBLE: the gateway tests use the one SecretStore test double of the suite
 * (test/support/memory-secret-store.ts), which checks references and values like the keychain does.
 */
import { MemorySecretStoreDouble } from '../memory-secret-store.ts';

export type InMemorySecretStoreTestDouble = MemorySecretStoreDouble;

export function createInMemorySecretStoreTestDouble(): InMemorySecretStoreTestDouble {
  return new MemorySecretStoreDouble();
}
