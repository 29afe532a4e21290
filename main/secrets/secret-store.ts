/**
 * Where Clawster keeps a secret: the OS keychain (and, for ECS bots, AWS Secrets Manager).
 * SQLite only ever holds a reference. Implementations never fall back to plaintext: where
 * they cannot store, they fail with an AppError that says why and what to do.
 */
export interface SecretStore {
  /** Stores (or replaces) the value under `ref`. */
  put(ref: string, value: string): Promise<void>;
  /** The value, or null when nothing is stored under `ref`. */
  get(ref: string): Promise<string | null>;
  /** Removes it; false when there was nothing to remove. */
  delete(ref: string): Promise<boolean>;
}
