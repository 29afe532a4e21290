/** The AWS tests use the one SecretStore test double of the suite (test/support/memory-secret-store.ts). */
export { MemorySecretStoreDouble as SecretStoreDouble } from '../memory-secret-store.ts';
