import { z } from 'zod';
import { isPlainObject, type JsonValue } from './json.ts';
import { childPath, indexPath } from './paths.ts';

/**
 * Secrets never appear in manifests or resolved configs, only references to them. Clawster's own
 * reference names a secret in the OS keychain or in AWS Secrets Manager; it is replaced by the
 * value at deploy time (in main/, never here) and is never stored resolved:
 *
 *   botToken: { $secret: { store: keychain, ref: clawster/support-bot/slack-bot-token } }
 *   apiKey:   { $secret: { store: aws-sm, ref: prod/openai, key: apiKey } }
 *
 * `key` picks one field of a JSON secret (AWS Secrets Manager only). In `ref`, `{bot}`, `{fleet}`
 * and `{env}` stand for the bot's name, its fleet's name and environment (see expandSecretRef), so
 * one template gives every bot its own secret. OpenClaw's own
 * SecretRef (`{source: env|file|exec|store, provider, id}`) and env substitution
 * (`"${OPENCLAW_GATEWAY_TOKEN}"`) are references too and are accepted where OpenClaw does.
 */
export const secretStores = ['keychain', 'aws-sm'] as const;
export type SecretStore = (typeof secretStores)[number];

const refText = z
  .string()
  .min(1, 'ref must not be empty')
  .max(512, 'ref must be at most 512 characters')
  .refine((s) => !/[\p{Cc}\s]/u.test(s), 'ref must not contain whitespace or control characters');

export const secretRefSchema = z.strictObject({
  $secret: z
    .strictObject({
      store: z.enum(secretStores),
      ref: refText,
      key: z.string().min(1).max(256).optional(),
    })
    .refine((s) => s.store === 'aws-sm' || s.key === undefined, {
      message: 'key selects a field of a JSON secret and is only supported with store aws-sm',
      path: ['key'],
    }),
});
export type SecretRef = z.infer<typeof secretRefSchema>;

/** OpenClaw's SecretRef shape (resolved by the gateway itself). */
export const openclawSecretRefSchema = z.strictObject({
  source: z.enum(['env', 'file', 'exec', 'store']),
  provider: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/),
  id: z.string().min(1).max(256),
});
export type OpenclawSecretRef = z.infer<typeof openclawSecretRefSchema>;

export function secretRef(store: SecretStore, ref: string, key?: string): SecretRef {
  return { $secret: key === undefined ? { store, ref } : { store, ref, key } };
}

/** Whether `v` has the shape of a Clawster secret reference: `$secret` and nothing else. */
export function isSecretRef(v: unknown): v is SecretRef {
  return isPlainObject(v) && Object.hasOwn(v, '$secret') && isPlainObject(v.$secret) && onlyKeys(v, 1);
}

/** Whether `v` has the shape of an OpenClaw SecretRef: source, provider and id, nothing else. */
export function isOpenclawSecretRef(v: unknown): v is OpenclawSecretRef {
  return (
    isPlainObject(v) &&
    typeof v.source === 'string' &&
    typeof v.id === 'string' &&
    (v.source === 'env' || v.source === 'file' || v.source === 'exec' || v.source === 'store') &&
    onlyKeys(v, Object.hasOwn(v, 'provider') ? 3 : 2)
  );
}

function onlyKeys(v: object, n: number): boolean {
  let count = 0;
  for (const k in v) if (Object.hasOwn(v, k) && ++count > n) return false;
  return count === n;
}

/** Whether `v` is any kind of secret reference object. */
export function isAnySecretRef(v: unknown): boolean {
  return isSecretRef(v) || isOpenclawSecretRef(v);
}

const ENV_SUBST = /\$\{[A-Z_][A-Z0-9_]*(?::-[^${}]*)?\}/g;
/** What OpenClaw's `config.get` returns in place of a secret. */
export const REDACTED = '__OPENCLAW_REDACTED__';

/**
 * Whether a string holds no literal secret: empty, the redaction marker, or only `${VAR}` env
 * substitutions (optionally after an auth scheme such as `Bearer `).
 */
export function isReferenceString(s: string): boolean {
  if (s === '' || s === REDACTED) return true;
  if (!s.includes('${')) return false;
  const rest = s
    .replace(ENV_SUBST, '')
    .replace(/^(?:bearer|basic|token)\s+/i, '')
    .trim();
  return rest === '';
}

/** Two credentials are the same secret: equal literals, or references to the same secret. */
export function sameSecret(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a !== '' && a.trim() === b.trim();
  if (isSecretRef(a) && isSecretRef(b)) {
    return (
      a.$secret.store === b.$secret.store &&
      a.$secret.ref === b.$secret.ref &&
      a.$secret.key === b.$secret.key
    );
  }
  if (isOpenclawSecretRef(a) && isOpenclawSecretRef(b)) {
    return a.source === b.source && a.provider === b.provider && a.id === b.id;
  }
  return false;
}

/**
 * The reference with `{bot}`, `{fleet}` and `{env}` replaced (names lower-cased, runs of other
 * characters than letters, digits, `.`, `_` and `-` turned into `-`). Deploy calls this before
 * looking the secret up.
 */
export function expandSecretRef(
  ref: SecretRef,
  who: { bot: string; fleet: string; environment: string },
): SecretRef {
  const slug = (s: string) =>
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const text = ref.$secret.ref
    .replaceAll('{bot}', slug(who.bot))
    .replaceAll('{fleet}', slug(who.fleet))
    .replaceAll('{env}', slug(who.environment));
  return { $secret: { ...ref.$secret, ref: text } };
}

/** Every Clawster secret reference in `value`, with its path (what deploy must resolve). */
export function collectSecretRefs(value: JsonValue, root = ''): { path: string; ref: SecretRef }[] {
  const out: { path: string; ref: SecretRef }[] = [];
  const walk = (v: JsonValue, path: string): void => {
    if (isSecretRef(v)) out.push({ path, ref: v });
    else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i] ?? null, indexPath(path, i));
    } else if (isPlainObject(v)) for (const k of Object.keys(v)) walk(v[k] ?? null, childPath(path, k));
  };
  walk(value, root);
  return out;
}
