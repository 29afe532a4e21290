import type { InstallsFragment } from '../manifests/schema.ts';
import { isPlainObject, type JsonObject, type JsonValue } from './json.ts';
import { type CompiledLock, checkLock } from './locks.ts';
import { deepMerge, type LeafWrite, type MergeListener, type MergeStrategy } from './merge.ts';
import { formatPath, parsePath } from './paths.ts';
import { type LayerId, layerLabel, type Provenance } from './provenance.ts';

/**
 * Applying one layer (template, profile, overlay or a bot's overrides) to the state resolved so
 * far: the merge, with its strategies, the provenance it records and the profile locks it must
 * not break.
 */
export interface LayerSpec {
  config?: JsonObject | undefined;
  installs?: InstallsFragment | undefined;
  strategies?: Record<string, MergeStrategy> | undefined;
}

/** A write a profile lock refuses. */
export interface LockedProblem {
  code: 'LOCKED';
  layer: LayerId;
  path: string;
  lock: { path: string; layer: LayerId };
  message: string;
}

/** Where lock refusals go (a resolver's list of problems). */
export interface ProblemSink {
  push(problem: LockedProblem): unknown;
}

export const EMPTY_STATE: JsonObject = { config: {}, installs: {} };
export const NO_LOCKS: readonly CompiledLock[] = [];

const strategyCache = new WeakMap<object, ReadonlyMap<string, MergeStrategy>>();

/** A layer's strategies by formatted path; undefined when it has none. */
export function strategiesOf(spec: LayerSpec): ReadonlyMap<string, MergeStrategy> | undefined {
  const s = spec.strategies;
  if (!s) return undefined;
  let m = strategyCache.get(s);
  if (!m) {
    const map = new Map<string, MergeStrategy>();
    for (const [p, strategy] of Object.entries(s)) {
      const segments = parsePath(p);
      if (segments) map.set(formatPath(segments), strategy);
    }
    strategyCache.set(s, map);
    m = map;
  }
  return m.size > 0 ? m : undefined;
}

export function applyLayer(
  state: JsonObject,
  spec: LayerSpec,
  layer: LayerId,
  provenance: Provenance,
  locks: readonly CompiledLock[],
  problems: ProblemSink,
): JsonObject {
  return mergeLayer(state, spec, new LayerWriter(layer, provenance, locks, problems));
}

export function mergeLayer(
  state: JsonObject,
  spec: LayerSpec,
  listener: MergeListener | undefined,
): JsonObject {
  const strategies = strategiesOf(spec);
  const options = strategies || listener ? { strategies, listener } : undefined;
  const merged = deepMerge(state, layerPatch(spec), options);
  return isPlainObject(merged) ? merged : EMPTY_STATE;
}

function layerPatch(spec: LayerSpec): JsonObject {
  const patch: JsonObject = {};
  if (spec.config) patch.config = spec.config;
  if (spec.installs) patch.installs = spec.installs as JsonObject;
  return patch;
}

/**
 * Whether a layer writes anything at, beneath or above a locked path. False means no write of
 * the layer can break a lock; true (also for any doubt, such as a value replacing an ancestor)
 * sends the layer through the lock checks.
 */
export function touchesLocks(locks: readonly CompiledLock[], spec: LayerSpec): boolean {
  for (const lock of locks) {
    const segments = lock.segments;
    const top = segments[0];
    let cur: JsonValue | undefined =
      top === 'config'
        ? spec.config
        : top === 'installs'
          ? (spec.installs as JsonObject | undefined)
          : undefined;
    let touched = cur !== undefined;
    for (let i = 1; i < segments.length && touched; i++) {
      const s = segments[i];
      if (!isPlainObject(cur) || typeof s !== 'string') break;
      const next: JsonValue | undefined = Object.hasOwn(cur, s) ? cur[s] : undefined;
      if (next === undefined) touched = false;
      cur = next;
    }
    if (touched) return true;
  }
  return false;
}

/** Records what one layer writes (provenance) and refuses writes under the profile's locks. */
class LayerWriter implements MergeListener {
  readonly #layer: LayerId;
  readonly #provenance: Provenance;
  readonly #locks: readonly CompiledLock[];
  readonly #problems: ProblemSink;
  #reported: Set<string> | null = null;

  constructor(layer: LayerId, provenance: Provenance, locks: readonly CompiledLock[], problems: ProblemSink) {
    this.#layer = layer;
    this.#provenance = provenance;
    this.#locks = locks;
    this.#problems = problems;
  }

  leaf(path: string, value: JsonValue, previous: JsonValue | undefined, how: LeafWrite): void {
    if (this.#locks.length > 0) checkLock(this.#locks, path, previous, value, this.#reporter());
    this.#provenance.set(path, this.#layer, how);
  }

  clear(path: string, previous: JsonValue): void {
    if (this.#locks.length > 0) checkLock(this.#locks, path, previous, undefined, this.#reporter());
    this.#provenance.clear(path);
  }

  #reportFn: ((path: string, lock: CompiledLock) => void) | null = null;
  #reporter(): (path: string, lock: CompiledLock) => void {
    this.#reportFn ??= (p, l) => this.#report(p, l);
    return this.#reportFn;
  }

  #report(path: string, lock: CompiledLock): void {
    const id = `${path}\u0000${lock.path}`;
    this.#reported ??= new Set();
    if (this.#reported.has(id)) return;
    this.#reported.add(id);
    const layer = this.#layer;
    this.#problems.push({
      code: 'LOCKED',
      layer,
      path,
      lock: { path: lock.path, layer: lock.layer },
      message: `${layerLabel(layer)} sets ${path}, which ${layerLabel(lock.layer)} locks (lock: ${lock.path})`,
    });
  }
}
