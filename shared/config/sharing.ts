/**
 * Objects shared by many resolved configs: the layers a group of bots has in common (template,
 * profile, overlays), marked by the resolver. Caches keyed by object identity (validation, the
 * policy tree scan, policy facts) store results only for these: remembering every bot's own
 * objects costs more than recomputing them (a WeakMap insert is far dearer than a lookup), while
 * a shared object is checked once for the whole fleet. Unmarked objects are simply not cached.
 */
const shared = new WeakSet<object>();

/** Marks `value` and every object beneath it as shared (stops at objects already marked). */
export function markShared(value: unknown): void {
  if (typeof value !== 'object' || value === null || shared.has(value)) return;
  shared.add(value);
  if (Array.isArray(value)) {
    for (const v of value) markShared(v);
  } else {
    for (const key in value) {
      if (Object.hasOwn(value, key)) markShared((value as Record<string, unknown>)[key]);
    }
  }
}

export function isShared(value: object): boolean {
  return shared.has(value);
}
