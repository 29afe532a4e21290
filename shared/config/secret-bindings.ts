import { isPlainObject, type JsonObject, type JsonValue } from './json.ts';
import { childPath, indexPath } from './paths.ts';
import { expandSecretRef, isSecretRef, type SecretRef } from './secrets.ts';

/**
 * What a deploy does with the Clawster secret references in a resolved config: each one becomes
 * an OpenClaw env SecretRef (`{source: env, provider: default, id: NAME}`) and a binding of that
 * variable to the (expanded) reference, which the target resolves in its own store when the bot
 * starts. The config the bot runs never holds a secret value, and neither does anything stored.
 */
export interface SecretBindingOf {
  /** The environment variable the bot reads the secret from. */
  env: string;
  path: string;
  ref: SecretRef;
}

/**
 * Credentials OpenClaw keeps as plain strings: it refuses a SecretRef there but takes an env
 * template string `${NAME}` (its docs: reference/secretref-credential-surface.md).
 */
export const PLAIN_STRING_CREDENTIALS: ReadonlySet<string> = new Set(['hooks.token']);

export interface BoundConfig {
  config: JsonObject;
  bindings: SecretBindingOf[];
}

function envNameOf(path: string, taken: Set<string>): string {
  const base = `SECRET_${path
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase()}`.slice(0, 100);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

/**
 * Replaces every `$secret` reference of `config` (outside `skip`, paths the target fills itself,
 * such as `gateway.auth`) by an env SecretRef (an env template string where OpenClaw wants a
 * plain string), and lists the bindings.
 */
export function bindSecrets(
  config: JsonObject,
  who: { bot: string; fleet: string; environment: string },
  skip: readonly string[] = [],
): BoundConfig {
  const bindings: SecretBindingOf[] = [];
  const taken = new Set<string>();
  const walk = (v: JsonValue, path: string): JsonValue => {
    if (skip.includes(path)) return v;
    if (isSecretRef(v)) {
      const env = envNameOf(path, taken);
      bindings.push({ env, path, ref: expandSecretRef(v, who) });
      return PLAIN_STRING_CREDENTIALS.has(path)
        ? `\${${env}}`
        : { source: 'env', provider: 'default', id: env };
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, indexPath(path, i)));
    if (!isPlainObject(v)) return v;
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, childPath(path, k));
    return out;
  };
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(config)) out[k] = walk(x, childPath('', k));
  return { config: out, bindings };
}
