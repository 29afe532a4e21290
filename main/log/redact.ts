/** Keys whose values are never written to a log, whatever they hold. */
const secretKey =
  /(token|secret|password|passwd|passphrase|api[-_]?key|authorization|credential|private[-_]?key|cookie)/i;

/** Values known to be secret at run time (registered by the secrets module as it reads them). */
const knownSecrets = new Set<string>();
/** The same values, longest first, so that a secret containing another is replaced whole. */
let longestFirst: string[] = [];
/**
 * Set when a secret was added or forgotten since `longestFirst` was last sorted. Sorting waits
 * for the next scrub, so registering n secrets costs one sort, not n (quadratic for a fleet).
 */
let stale = false;

export function registerSecretValue(value: string): void {
  if (value.length >= 6 && !knownSecrets.has(value)) {
    knownSecrets.add(value);
    stale = true;
  }
}

export function forgetSecretValue(value: string): void {
  if (knownSecrets.delete(value)) stale = true;
}

function sortedSecrets(): readonly string[] {
  if (stale) {
    longestFirst = [...knownSecrets].sort((a, b) => b.length - a.length);
    stale = false;
  }
  return longestFirst;
}

export const REDACTED = '[REDACTED]';

/** `text` with every registered secret value replaced. */
export function scrub(text: string): string {
  let out = text;
  for (const s of sortedSecrets()) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

/**
 * A copy of `value` that JSON can encode, with secret-named members and known secret values
 * (in keys and strings alike) replaced.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[…]';
  if (value instanceof Error) {
    const code = 'code' in value && typeof value.code === 'string' ? { code: value.code } : {};
    return { name: value.name, message: scrub(value.message), ...code };
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[scrub(k)] = secretKey.test(k) ? REDACTED : redact(v, depth + 1);
  return out;
}
