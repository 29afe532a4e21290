import { registerSecretValue } from '../../main/log/redact.ts';
import { keychainLocked, keychainUnreachable } from '../../main/secrets/keychain-errors.ts';
import { assertSecretRef, assertSecretValue } from '../../main/secrets/secret-ref.ts';
import type { SecretStore } from '../../main/secrets/secret-store.ts';

/**
 * TEST DOUBLE of the OS keychain SecretStore, for unit tests of modules that hold secrets. It keeps
 * values in a Map but otherwise behaves like main/secrets/keychain-store.ts: the same reference and
 * value checks (VALIDATION), values registered with the log redactor, and, after `makeUnavailable`,
 * the same UNAVAILABLE errors a locked or unreachable keychain gives. The real keychain is tested
 * in test/integration/keychain.test.ts under gnome-keyring.
 */
export class MemorySecretStoreDouble implements SecretStore {
  readonly #values = new Map<string, string>();
  #unavailable: 'locked' | 'unreachable' | null = null;

  /** From now on every call fails as a locked (or unreachable) keychain does; `null` heals it. */
  makeUnavailable(how: 'locked' | 'unreachable' | null): void {
    this.#unavailable = how;
  }

  async put(ref: string, value: string): Promise<void> {
    const key = assertSecretRef(ref);
    const secret = assertSecretValue(value);
    registerSecretValue(secret);
    this.#check('store', key);
    this.#values.set(key, secret);
  }

  async get(ref: string): Promise<string | null> {
    const key = assertSecretRef(ref);
    this.#check('read', key);
    const secret = this.#values.get(key) ?? null;
    if (secret !== null) registerSecretValue(secret);
    return secret;
  }

  async delete(ref: string): Promise<boolean> {
    const key = assertSecretRef(ref);
    this.#check('delete', key);
    return this.#values.delete(key);
  }

  /** The stored values by reference, live (for waiting until something was stored). */
  get entries(): ReadonlyMap<string, string> {
    return this.#values;
  }

  /** Every stored reference and value (what a test checks was, or was not, stored). */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.#values);
  }

  #check(op: 'store' | 'read' | 'delete', ref: string): void {
    if (this.#unavailable === 'locked') throw keychainLocked(op, ref);
    if (this.#unavailable === 'unreachable') throw keychainUnreachable(op, ref);
  }
}
