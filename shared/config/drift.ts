import { type Change, diffJson } from './diff.ts';
import { isPlainObject, type JsonObject, type JsonValue } from './json.ts';
import { isAnySecretRef, REDACTED } from './secrets.ts';

/**
 * Config drift: how the config a gateway runs (its `config.get` → `parsed`) differs from the
 * config Clawster wants it to run, and the JSON merge patch (RFC 7396) that heals it.
 *
 * The gateway's hash is keyed and cannot be computed here, so the documents are compared. Two
 * things are not drift: a secret the gateway shows as `__OPENCLAW_REDACTED__` where a secret (or
 * a reference to one) is wanted, and the `meta` block OpenClaw writes for itself.
 */
export interface ConfigDrift {
  /** Leaf-level differences, live → desired; empty when in sync. */
  changes: Change[];
  /** The merge patch that turns live into desired; null when in sync. */
  patch: JsonObject | null;
}

/** Top-level keys OpenClaw writes and owns: never drift, never patched. */
const GATEWAY_OWNED = new Set(['meta']);

function isSecretValue(v: JsonValue | undefined): boolean {
  return typeof v === 'string' || isAnySecretRef(v);
}

/** `live` with every redacted secret replaced by the desired value at that path (so they compare equal). */
function unredact(live: JsonValue, desired: JsonValue | undefined): JsonValue {
  if (live === REDACTED) return isSecretValue(desired) && desired !== undefined ? desired : live;
  if (Array.isArray(live)) {
    const d = Array.isArray(desired) ? desired : [];
    return live.map((v, i) => unredact(v, d[i]));
  }
  return isPlainObject(live) ? unredactObject(live, desired) : live;
}

function unredactObject(live: JsonObject, desired: JsonValue | undefined): JsonObject {
  const d = isPlainObject(desired) ? desired : {};
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(live)) out[k] = unredact(v, d[k]);
  return out;
}

function withoutOwned(doc: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(doc)) if (!GATEWAY_OWNED.has(k)) out[k] = v;
  return out;
}

/** RFC 7396: the patch that turns `from` into `to` (objects member by member, everything else whole). */
function mergePatch(from: JsonObject, to: JsonObject): JsonObject | null {
  const patch: JsonObject = {};
  for (const key of Object.keys(from)) if (!Object.hasOwn(to, key)) patch[key] = null;
  for (const [key, want] of Object.entries(to)) {
    const have = from[key];
    if (isPlainObject(want) && isPlainObject(have)) {
      const inner = mergePatch(have, want);
      if (inner) patch[key] = inner;
    } else if (have === undefined || diffJson(have, want).length > 0) {
      // A null inside `want` would read as "remove" in a merge patch: desired configs have none.
      patch[key] = want;
    }
  }
  return Object.keys(patch).length > 0 ? patch : null;
}

export function configDrift(desired: JsonObject, live: JsonObject): ConfigDrift {
  const want = withoutOwned(desired);
  const have = withoutOwned(unredactObject(live, want));
  const changes = diffJson(have, want);
  if (changes.length === 0) return { changes, patch: null };
  return { changes, patch: mergePatch(have, want) };
}
