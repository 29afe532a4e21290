import type { AsyncEntry, EntryOptions } from '@napi-rs/keyring';
import { AppError } from '../../shared/contract/errors.ts';
import { registerSecretValue } from '../log/redact.ts';
import { type KeychainOperation, keychainError } from './keychain-errors.ts';
import { assertSecretRef, assertSecretValue } from './secret-ref.ts';
import type { SecretStore } from './secret-store.ts';

/** The service name every Clawster secret is filed under in the OS keychain (the account is the ref). */
export const KEYCHAIN_SERVICE = 'Clawster';

export interface KeychainStoreOptions {
  /** Defaults to KEYCHAIN_SERVICE; tests pass their own so they never touch real entries. */
  service?: string;
}

/**
 * On Linux, pin the Secret Service: @napi-rs/keyring would otherwise fall back to the kernel
 * keyring, which forgets everything at logout, so a secret would seem stored and then vanish.
 * (The option is ignored on macOS and Windows, which have one keychain each.)
 */
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

type Keyring = typeof import('@napi-rs/keyring');
let keyring: Promise<Keyring> | undefined;

/** The native addon is loaded on first use only: importing this module touches no keychain. */
function loadKeyring(): Promise<Keyring> {
  keyring ??= import('@napi-rs/keyring');
  return keyring;
}

/**
 * The SecretStore over the OS keychain (macOS Keychain, Windows Credential Manager, the Secret
 * Service on Linux). Where the keychain is unreachable or locked every call fails with an
 * UNAVAILABLE AppError that says what to do; there is no plaintext fallback. Every value that
 * passes through is registered with the log redactor.
 */
export function createKeychainStore(options: KeychainStoreOptions = {}): SecretStore {
  const service = options.service ?? KEYCHAIN_SERVICE;
  if (service.trim() === '') throw new AppError('VALIDATION', 'The keychain service name must not be empty.');

  async function withEntry<T>(op: KeychainOperation, ref: string, fn: (e: AsyncEntry) => Promise<T>) {
    const account = assertSecretRef(ref);
    try {
      const { AsyncEntry } = await loadKeyring();
      return await fn(new AsyncEntry(service, account, ENTRY_OPTIONS));
    } catch (e) {
      throw keychainError(op, account, e);
    }
  }

  return {
    async put(ref, value) {
      const secret = assertSecretValue(value);
      registerSecretValue(secret);
      await withEntry('store', ref, (e) => e.setPassword(secret));
    },
    async get(ref) {
      const secret = (await withEntry('read', ref, (e) => e.getPassword())) ?? null;
      if (secret !== null) registerSecretValue(secret);
      return secret;
    },
    delete: (ref) => withEntry('delete', ref, (e) => e.deleteCredential()),
  };
}
