import { childPath } from './paths.ts';

/**
 * One leaf-level difference between two JSON values, addressed by a path in the one path form
 * (paths.ts): dotted for plain keys, `["a.b"]` for keys holding dots or brackets, so a diff line
 * points at the same path as provenance ("Explain"), locks and policy findings.
 */
export interface Change {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameJson(a[k], b[k]));
  }
  return false;
}

/**
 * The changes that turn `before` into `after`. Objects are compared member by member; arrays
 * and scalars are compared whole (an array is one value, as configs replace arrays by default).
 */
export function diffJson(before: unknown, after: unknown, path = ''): Change[] {
  if (sameJson(before, after)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffJson(before[k], after[k], childPath(path, k)));
  }
  const at = path || '(root)';
  if (before === undefined) return [{ path: at, kind: 'added', after }];
  if (after === undefined) return [{ path: at, kind: 'removed', before }];
  return [{ path: at, kind: 'changed', before, after }];
}
