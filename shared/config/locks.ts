import { type JsonValue, jsonEqual } from './json.ts';
import { formatPath, isWithin, type PathSegment, parsePath } from './paths.ts';
import type { LayerId } from './provenance.ts';

/**
 * Profile locks: a locked path (and everything beneath it) may not be changed by any layer
 * applied after the profile (overlays and the bot's overrides). Re-stating the locked value is
 * allowed; changing, adding, removing or replacing it is refused, naming the layer, the path and
 * the lock.
 */
export interface CompiledLock {
  path: string;
  segments: PathSegment[];
  layer: LayerId;
}

export function compileLocks(paths: readonly string[], layer: LayerId): CompiledLock[] {
  const out: CompiledLock[] = [];
  for (const p of paths) {
    const segments = parsePath(p);
    if (segments) out.push({ path: formatPath(segments), segments, layer });
  }
  return out;
}

/**
 * Checks one write: a leaf written at `path` (`value` defined) or a subtree cleared there
 * (`value` undefined). Calls `report` for each lock the write breaks.
 */
export function checkLock(
  locks: readonly CompiledLock[],
  path: string,
  previous: JsonValue | undefined,
  value: JsonValue | undefined,
  report: (path: string, lock: CompiledLock) => void,
): void {
  for (const lock of locks) {
    if (isWithin(path, lock.path)) {
      if (value === undefined || !jsonEqual(previous, value)) report(path, lock);
    } else if (value === undefined && isWithin(lock.path, path)) {
      // An ancestor of the lock was removed or replaced: a break if something was locked there.
      const depth = parsePath(path)?.length ?? 0;
      if (valueAt(previous, lock.segments.slice(depth)) !== undefined) report(path, lock);
    }
  }
}

function valueAt(root: JsonValue | undefined, segments: readonly PathSegment[]): JsonValue | undefined {
  let cur: JsonValue | undefined = root;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) cur = typeof s === 'number' ? cur[s] : undefined;
    else cur = typeof s === 'string' && Object.hasOwn(cur, s) ? cur[s] : undefined;
  }
  return cur;
}
