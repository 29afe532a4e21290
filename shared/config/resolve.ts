import { nameKey } from '../domain/common.ts';
import type { Environment } from '../domain/fleet.ts';
import type {
  BotManifest,
  InstallsFragment,
  OverlayManifest,
  ProfileManifest,
  TemplateManifest,
} from '../manifests/schema.ts';
import { byCodePoint, isPlainObject, type JsonObject, type JsonValue } from './json.ts';
import { type CompiledLock, checkLock, compileLocks } from './locks.ts';
import { deepMerge, type LeafWrite, type MergeListener, type MergeStrategy } from './merge.ts';
import { formatPath, parsePath } from './paths.ts';
import { type LayerId, layerLabel, Provenance, type ProvenanceFill } from './provenance.ts';
import { markShared } from './sharing.ts';

/**
 * Layer resolution: template -> profile -> overlays (those whose selector matches the bot, plus
 * those the bot names; lower priority first, then by name) -> the bot's own overrides. The
 * result is the bot's desired state `{config, installs}`: `config` is the `openclaw.json` it
 * runs, `installs` the pinned skills and plugins. Pure; never throws for manifests that passed
 * validation. What every bot with the same template, profile and overlays shares is resolved
 * once and reused (with its provenance and lock checks).
 */
export interface ManifestCatalog {
  templates: readonly TemplateManifest[];
  profiles: readonly ProfileManifest[];
  overlays: readonly OverlayManifest[];
}

export interface ResolvedBot {
  name: string;
  fleet: string;
  environment: Environment;
  tags: readonly string[];
  openclawVersion: string | undefined;
  /** The layers applied, in order. */
  layers: readonly LayerId[];
  /** `{config, installs}`: paths in provenance, locks and findings are rooted here. */
  state: JsonObject;
  /** The `openclaw.json` the bot runs. */
  config: JsonObject;
  installs: JsonObject;
  provenance: Provenance;
}

export type ResolveProblem =
  | { code: 'MISSING_REF'; layer: LayerId; path: string; message: string }
  | { code: 'ENVIRONMENT'; layer: LayerId; path: string; message: string }
  | { code: 'LOCKED'; layer: LayerId; path: string; lock: { path: string; layer: LayerId }; message: string };

export type ResolveResult =
  | { ok: true; value: ResolvedBot }
  /** `partial` is the result despite the problems when one could be computed (for previews). */
  | { ok: false; problems: ResolveProblem[]; partial: ResolvedBot | null };

export interface Resolver {
  resolve(bot: BotManifest, options?: { environment?: Environment }): ResolveResult;
}

interface Prefix {
  state: JsonObject;
  provenance: Provenance;
  layers: LayerId[];
  locks: CompiledLock[];
  problems: ResolveProblem[];
}

interface PrefixNode {
  prefix?: Prefix;
  next: Map<unknown, PrefixNode>;
}

interface CompiledOverlay {
  manifest: OverlayManifest;
  fleets: Set<string> | null;
  environments: Set<string> | null;
  tags: string[] | null;
}

const EMPTY_STATE: JsonObject = { config: {}, installs: {} };
const NO_NAMES: readonly string[] = Object.freeze([]);

function child(next: Map<unknown, PrefixNode>, key: unknown): PrefixNode {
  let node = next.get(key);
  if (!node) {
    node = { next: new Map() };
    next.set(key, node);
  }
  return node;
}

export function createResolver(catalog: ManifestCatalog): Resolver {
  const templates = new Map(catalog.templates.map((t) => [t.metadata.name, t]));
  const profiles = new Map(catalog.profiles.map((p) => [p.metadata.name, p]));
  const overlays = [...catalog.overlays].sort(overlayOrder).map(compileOverlay);
  const overlayNames = new Set(overlays.map((o) => o.manifest.metadata.name));
  /** Prefixes by template, then profile, then each chosen overlay in order (a trie, no key strings). */
  const prefixes = new Map<unknown, PrefixNode>();
  const keys = new Map<string, string>();
  const keyOf = (s: string): string => {
    let k = keys.get(s);
    if (k === undefined) {
      k = nameKey(s);
      keys.set(s, k);
    }
    return k;
  };

  function resolve(bot: BotManifest, options?: { environment?: Environment }): ResolveResult {
    const botLayer: LayerId = { kind: 'Bot', name: bot.metadata.name };
    const environment = options?.environment ?? bot.metadata.environment;
    if (environment === undefined || (bot.metadata.environment && bot.metadata.environment !== environment)) {
      const message =
        environment === undefined
          ? `${layerLabel(botLayer)} has no environment: give metadata.environment or resolve it within its fleet`
          : `${layerLabel(botLayer)} says environment ${bot.metadata.environment}, but its fleet is ${environment}`;
      return {
        ok: false,
        problems: [{ code: 'ENVIRONMENT', layer: botLayer, path: 'metadata.environment', message }],
        partial: null,
      };
    }
    const tags = bot.metadata.tags ?? NO_NAMES;
    const named = bot.spec.overlays ?? NO_NAMES;
    const problems: ResolveProblem[] = [];
    if (named.length > 0) {
      for (const name of named) {
        if (!overlayNames.has(name)) problems.push(missing(botLayer, 'spec.overlays', 'Overlay', name));
      }
    }
    const prefix = prefixFor(bot, environment, tags, named, botLayer);
    if (prefix.problems.length > 0) {
      problems.push(...prefix.problems);
      if (prefix.problems.some((p) => p.code === 'MISSING_REF' && p.path === 'spec.template')) {
        return { ok: false, problems, partial: null };
      }
    }
    let state = prefix.state;
    let provenance = prefix.provenance;
    let layers = prefix.layers;
    const o = bot.spec.overrides;
    if (o && (o.config || o.installs)) {
      const base = state;
      layers = prefix.layers.concat(botLayer);
      if (strategiesOf(o) === undefined && !touchesLocks(prefix.locks, o)) {
        // Nothing locked is written: merge without a listener, and record provenance on demand
        // by replaying the same merge (the one path that reports to a listener).
        state = mergeLayer(base, o, undefined);
        provenance = new Provenance(prefix.provenance, new Replay(base, o, botLayer));
      } else {
        provenance = new Provenance(prefix.provenance);
        state = applyLayer(base, o, botLayer, provenance, prefix.locks, problems);
      }
    }
    const value: ResolvedBot = {
      name: bot.metadata.name,
      fleet: bot.metadata.fleet,
      environment,
      tags,
      openclawVersion: bot.spec.openclawVersion,
      layers,
      state,
      config: objectAt(state, 'config'),
      installs: objectAt(state, 'installs'),
      provenance,
    };
    return problems !== null && problems.length > 0
      ? { ok: false, problems, partial: value }
      : { ok: true, value };
  }

  /** The overlays that apply to a bot: those its selector matches and those it names, in order. */
  function chosenFor(
    environment: Environment,
    fleetKey: string,
    tags: readonly string[],
    named: readonly string[],
  ) {
    return overlays.filter((o) => applies(o, fleetKey, environment, tags, named));
  }

  /** Walks the prefix trie along the bot's template, profile and overlays (no list is built on a hit). */
  function prefixFor(
    bot: BotManifest,
    environment: Environment,
    tags: readonly string[],
    named: readonly string[],
    botLayer: LayerId,
  ): Prefix {
    const fleetKey = keyOf(bot.metadata.fleet);
    let node = child(prefixes, bot.spec.template);
    node = child(node.next, bot.spec.profile ?? '');
    for (let i = 0; i < overlays.length; i++) {
      const o = overlays[i] as CompiledOverlay;
      if (applies(o, fleetKey, environment, tags, named)) node = child(node.next, o);
    }
    node.prefix ??= computePrefix(bot, chosenFor(environment, fleetKey, tags, named), botLayer);
    return node.prefix;
  }

  function computePrefix(bot: BotManifest, chosen: CompiledOverlay[], botLayer: LayerId): Prefix {
    const problems: ResolveProblem[] = [];
    const provenance = new Provenance();
    const layers: LayerId[] = [];
    let state = EMPTY_STATE;
    let locks: CompiledLock[] = [];
    const template = templates.get(bot.spec.template);
    if (!template) problems.push(missing(botLayer, 'spec.template', 'Template', bot.spec.template));
    else {
      const layer: LayerId = { kind: 'Template', name: template.metadata.name };
      layers.push(layer);
      state = applyLayer(state, template.spec, layer, provenance, locks, problems);
    }
    if (bot.spec.profile !== undefined) {
      const profile = profiles.get(bot.spec.profile);
      if (!profile) problems.push(missing(botLayer, 'spec.profile', 'Profile', bot.spec.profile));
      else {
        const layer: LayerId = { kind: 'Profile', name: profile.metadata.name };
        layers.push(layer);
        state = applyLayer(state, profile.spec, layer, provenance, locks, problems);
        locks = compileLocks(profile.spec.locks ?? [], layer);
      }
    }
    for (const c of chosen) {
      const layer: LayerId = { kind: 'Overlay', name: c.manifest.metadata.name };
      layers.push(layer);
      state = applyLayer(state, c.manifest.spec, layer, provenance, locks, problems);
    }
    markShared(state);
    return { state, provenance, layers, locks, problems };
  }

  return { resolve };
}

interface LayerSpec {
  config?: JsonObject | undefined;
  installs?: InstallsFragment | undefined;
  strategies?: Record<string, MergeStrategy> | undefined;
}

const strategyCache = new WeakMap<object, ReadonlyMap<string, MergeStrategy>>();

/** A layer's strategies by formatted path; undefined when it has none. */
function strategiesOf(spec: LayerSpec): ReadonlyMap<string, MergeStrategy> | undefined {
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

function applyLayer(
  state: JsonObject,
  spec: LayerSpec,
  layer: LayerId,
  provenance: Provenance,
  locks: readonly CompiledLock[],
  problems: ResolveProblem[],
): JsonObject {
  return mergeLayer(state, spec, new LayerWriter(layer, provenance, locks, problems));
}

function mergeLayer(state: JsonObject, spec: LayerSpec, listener: MergeListener | undefined): JsonObject {
  const merged = deepMerge(state, layerPatch(spec), { strategies: strategiesOf(spec), listener });
  return isPlainObject(merged) ? merged : EMPTY_STATE;
}

function layerPatch(spec: LayerSpec): JsonObject {
  const patch: JsonObject = {};
  if (spec.config) patch.config = spec.config;
  if (spec.installs) patch.installs = spec.installs as JsonObject;
  return patch;
}

const NO_LOCKS: readonly CompiledLock[] = [];

/**
 * Whether a layer writes anything at, beneath or above a locked path. False means no write of
 * the layer can break a lock; true (also for any doubt, such as a value replacing an ancestor)
 * sends the layer through the lock checks.
 */
function touchesLocks(locks: readonly CompiledLock[], spec: LayerSpec): boolean {
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

/** Records a bot's own provenance when first asked, by replaying its overrides onto the shared layers. */
class Replay implements ProvenanceFill {
  readonly #base: JsonObject;
  readonly #spec: LayerSpec;
  readonly #layer: LayerId;

  constructor(base: JsonObject, spec: LayerSpec, layer: LayerId) {
    this.#base = base;
    this.#spec = spec;
    this.#layer = layer;
  }

  fill(level: Provenance): void {
    applyLayer(this.#base, this.#spec, this.#layer, level, NO_LOCKS, []);
  }
}

/** Records what one layer writes (provenance) and refuses writes under the profile's locks. */
class LayerWriter implements MergeListener {
  readonly #layer: LayerId;
  readonly #provenance: Provenance;
  readonly #locks: readonly CompiledLock[];
  readonly #problems: ResolveProblem[];
  #reported: Set<string> | null = null;

  constructor(
    layer: LayerId,
    provenance: Provenance,
    locks: readonly CompiledLock[],
    problems: ResolveProblem[],
  ) {
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

function objectAt(state: JsonObject, key: string): JsonObject {
  const v = state[key];
  return isPlainObject(v) ? v : {};
}

function missing(layer: LayerId, path: string, kind: string, name: string): ResolveProblem {
  return {
    code: 'MISSING_REF',
    layer,
    path,
    message: `${layerLabel(layer)} refers to ${kind}/${name}, which does not exist`,
  };
}

function compileOverlay(o: OverlayManifest): CompiledOverlay {
  const s = o.spec.selector;
  return {
    manifest: o,
    fleets: s.fleets && s.fleets.length > 0 ? new Set(s.fleets.map(nameKey)) : null,
    environments: s.environments && s.environments.length > 0 ? new Set(s.environments) : null,
    tags: s.tags && s.tags.length > 0 ? s.tags : null,
  };
}

function applies(
  o: CompiledOverlay,
  fleetKey: string,
  environment: Environment,
  tags: readonly string[],
  named: readonly string[],
): boolean {
  return (
    matches(o, fleetKey, environment, tags) || (named.length > 0 && named.includes(o.manifest.metadata.name))
  );
}

function matches(
  o: CompiledOverlay,
  fleetKey: string,
  environment: Environment,
  tags: readonly string[],
): boolean {
  if (o.fleets && !o.fleets.has(fleetKey)) return false;
  if (o.environments && !o.environments.has(environment)) return false;
  if (o.tags) for (const t of o.tags) if (!tags.includes(t)) return false;
  return true;
}

function overlayOrder(a: OverlayManifest, b: OverlayManifest): number {
  return a.spec.priority - b.spec.priority || byCodePoint(a.metadata.name, b.metadata.name);
}
