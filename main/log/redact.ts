/** Keys whose values are never written to a log, whatever they hold. */
const secretKey =
  /(token|secret|password|passwd|passphrase|api[-_]?key|authorization|credential|private[-_]?key|cookie)/i;

/** Values known to be secret at run time (registered by the secrets module as it reads them). */
const knownSecrets = new Set<string>();

export function registerSecretValue(value: string): void {
  if (value.length >= 6) knownSecrets.add(value);
}

export function forgetSecretValue(value: string): void {
  knownSecrets.delete(value);
}

export const REDACTED = '[REDACTED]';

function scrub(text: string): string {
  let out = text;
  for (const s of knownSecrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

/** A copy of `value` with secret-named members and known secret values replaced. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[…]';
  if (value instanceof Error) return { name: value.name, message: scrub(value.message) };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = secretKey.test(k) ? REDACTED : redact(v, depth + 1);
  return out;
}
