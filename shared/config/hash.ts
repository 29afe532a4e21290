import { canonicalJson } from './canonical.ts';
import { sha256Hex } from './sha256.ts';

/**
 * The one config hash of the codebase: `sha256:` + hex SHA-256 of the value's canonical JSON.
 * Equal data gives an equal hash whatever the key order. Used for manifest versions and
 * resolved configs. (A gateway's own `hmac-sha256:v1:` hash is keyed and cannot be compared.)
 */
export function configHash(value: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
}
