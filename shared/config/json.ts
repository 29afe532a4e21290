import { z } from 'zod';

/** A JSON value as configs and manifests hold it: finite numbers, no `undefined`. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Any JSON value (finite numbers only). */
export const jsonValueSchema: z.ZodType<JsonValue> = z.json();

/** A JSON object (not an array, not null). */
export const jsonObjectSchema: z.ZodType<JsonObject> = z.record(z.string(), jsonValueSchema);

export function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Sets an own property even for the key `__proto__` (a plain assignment would change the
 * prototype instead). Every object we build from untrusted keys goes through here.
 */
export function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** Whether an object has no own keys (without building the array of its keys). */
export function isEmptyObject(o: JsonObject): boolean {
  for (const key in o) if (Object.hasOwn(o, key)) return false;
  return true;
}

/** A shallow copy (object spread defines `__proto__` as an own key, like every other key). */
export function copyObject(source: JsonObject): JsonObject {
  return { ...source };
}

/** Structural equality of two JSON values (object key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!Object.hasOwn(b, k) || !jsonEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** A deep copy with object keys sorted (the order canonicalJson writes) and -0 written as 0, as JSON does. */
export function sortKeysDeep(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === 0) return 0;
  return isPlainObject(value) ? sortObjectDeep(value) : value;
}

export function sortObjectDeep(o: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(o).sort(byCodePoint)) {
    const v = o[key];
    if (v !== undefined) setOwn(out, key, sortKeysDeep(v));
  }
  return out;
}

export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
