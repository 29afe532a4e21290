import {
  copyObject,
  isEmptyObject,
  isPlainObject,
  type JsonObject,
  type JsonValue,
  jsonEqual,
  setOwn,
} from './json.ts';
import { childPath } from './paths.ts';

/**
 * The one deep merge of the codebase. A later layer (`patch`) is merged onto the result so far
 * (`base`):
 * - objects merge key by key (strategy `merge`, the default), or `replace` the whole subtree;
 * - arrays and scalars replace (arrays are one value); an array path can instead `append` or
 *   `prepend` the patch's items (items already present are not added twice, so applying a layer
 *   twice changes nothing);
 * - `null` removes the key (as in JSON merge patch, RFC 7396).
 * Inputs are never modified; untouched subtrees are shared with `base` and `patch` (structural
 * sharing), so treat every result as immutable.
 */
export const mergeStrategies = ['merge', 'replace', 'append', 'prepend'] as const;
export type MergeStrategy = (typeof mergeStrategies)[number];

export type LeafWrite = 'set' | 'append' | 'prepend';

/** Told about every write, in order; provenance and locks are built on it. */
export interface MergeListener {
  /** A leaf (scalar, array or empty object) was written at `path`. */
  leaf(path: string, value: JsonValue, previous: JsonValue | undefined, how: LeafWrite): void;
  /** What was at `path` was removed or replaced as a whole (called before new leaves there). */
  clear(path: string, previous: JsonValue): void;
}

export interface MergeOptions {
  /** Per-path strategies of this patch, keyed by path (see paths.ts). */
  strategies?: ReadonlyMap<string, MergeStrategy> | undefined;
  listener?: MergeListener | undefined;
  /** The path of `base`/`patch` within the whole document ('' for the root). */
  path?: string;
}

interface Ctx {
  strategies: ReadonlyMap<string, MergeStrategy> | undefined;
  listener: MergeListener | undefined;
  /** Whether anything reads paths (strategies or a listener): without, none are built. */
  paths: boolean;
}

/** Merges `patch` onto `base`; `undefined` means the result is absent (the patch removed it). */
export function deepMerge(
  base: JsonValue | undefined,
  patch: JsonValue,
  options?: MergeOptions,
): JsonValue | undefined {
  const strategies = options?.strategies && options.strategies.size > 0 ? options.strategies : undefined;
  const listener = options?.listener;
  const paths = strategies !== undefined || listener !== undefined;
  return mergeAt(base, patch, options?.path ?? '', paths ? { strategies, listener, paths } : PLAIN);
}

/** A merge nobody listens to and with no strategies (most merges): no context to build. */
const PLAIN: Ctx = { strategies: undefined, listener: undefined, paths: false };

function mergeAt(
  base: JsonValue | undefined,
  patch: JsonValue,
  path: string,
  ctx: Ctx,
): JsonValue | undefined {
  const strategy = ctx.strategies?.get(path);
  if (patch === null) {
    if (base !== undefined) ctx.listener?.clear(path, base);
    return undefined;
  }
  if (isPlainObject(patch)) {
    if (strategy === 'replace' || !isPlainObject(base)) {
      if (base !== undefined) ctx.listener?.clear(path, base);
      return insertFresh(patch, path, ctx.listener);
    }
    return mergeObjects(base, patch, path, ctx);
  }
  if (Array.isArray(patch) && Array.isArray(base) && (strategy === 'append' || strategy === 'prepend')) {
    const value = strategy === 'append' ? concatNew(base, patch, false) : concatNew(base, patch, true);
    ctx.listener?.leaf(path, value, base, strategy);
    return value;
  }
  if (isPlainObject(base)) ctx.listener?.clear(path, base);
  ctx.listener?.leaf(path, patch, base, 'set');
  return patch;
}

function mergeObjects(base: JsonObject, patch: JsonObject, path: string, ctx: Ctx): JsonObject {
  let out: JsonObject | null = null;
  for (const key in patch) {
    const pv = patch[key];
    if (pv === undefined || !Object.hasOwn(patch, key)) continue;
    const bv = Object.hasOwn(base, key) ? base[key] : undefined;
    const r = mergeAt(bv, pv, ctx.paths ? childPath(path, key) : path, ctx);
    if (r === bv) continue;
    if (out === null) out = copyObject(base);
    if (r === undefined) delete out[key];
    else setOwn(out, key, r);
  }
  // A patch that removed every key leaves an empty object: that is a value this layer set.
  if (out !== null && isEmptyObject(out)) ctx.listener?.leaf(path, out, base, 'set');
  return out ?? base;
}

/** A subtree written where nothing mergeable was: every leaf is reported; `null`s are dropped. */
function insertFresh(value: JsonObject, path: string, listener: MergeListener | undefined): JsonObject {
  let out: JsonObject | null = null;
  for (const key in value) {
    const child = value[key];
    if (child === undefined || !Object.hasOwn(value, key)) continue;
    const at = listener ? childPath(path, key) : path;
    let r: JsonValue | undefined;
    if (child === null) r = undefined;
    else if (isPlainObject(child)) r = insertFresh(child, at, listener);
    else {
      listener?.leaf(at, child, undefined, 'set');
      r = child;
    }
    if (r !== child && out === null) out = keysBefore(value, key);
    if (out !== null && r !== undefined) setOwn(out, key, r);
  }
  const result = out ?? value;
  if (isEmptyObject(result)) listener?.leaf(path, result, undefined, 'set');
  return result;
}

/** The members of `value` before `stop` (in key order), without `null`s. */
function keysBefore(value: JsonObject, stop: string): JsonObject {
  const out: JsonObject = {};
  for (const key in value) {
    if (key === stop) break;
    const v = value[key];
    if (v !== undefined && v !== null && Object.hasOwn(value, key)) setOwn(out, key, v);
  }
  return out;
}

/** `base` with the items of `extra` it does not hold yet, after it (or before it). */
function concatNew(base: JsonValue[], extra: JsonValue[], before: boolean): JsonValue[] {
  const added = extra.filter((item, i) => !has(base, item) && !has(extra.slice(0, i), item));
  if (added.length === 0) return base;
  return before ? [...added, ...base] : [...base, ...added];
}

function has(list: readonly JsonValue[], item: JsonValue): boolean {
  if (item === null || typeof item !== 'object') return list.includes(item);
  return list.some((x) => jsonEqual(x, item));
}
