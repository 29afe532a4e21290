import { nameKey } from '../domain/common.ts';
import type { Environment } from '../domain/fleet.ts';
import type { BotManifest, OverlayManifest, ProfileManifest, TemplateManifest } from '../manifests/schema.ts';
import { byCodePoint } from './json.ts';
import { applyLayer, EMPTY_STATE, mergeLayer, strategiesOf, touchesLocks } from './layer-apply.ts';
import { type CompiledLock, compileLocks } from './locks.ts';
import { type LayerId, layerLabel, Provenance } from './provenance.ts';
import { BotResolution, type ResolveProblem, type ResolveResult, type SharedLayers } from './resolved.ts';
import { markShared } from './sharing.ts';

export type { ResolvedBot, ResolveProblem, ResolveResult } from './resolved.ts';

export interface ManifestCatalog {
  templates: readonly TemplateManifest[];
  profiles: readonly ProfileManifest[];
  overlays: readonly OverlayManifest[];
}

export interface Resolver {
  resolve(bot: BotManifest, options?: { environment?: Environment }): ResolveResult;
}

interface Prefix extends SharedLayers {
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

const NO_NAMES: readonly string[] = Object.freeze([]);

function child(next: Map<unknown, PrefixNode>, key: unknown): PrefixNode {
  let node = next.get(key);
  if (!node) {
    node = { next: new Map() };
    next.set(key, node);
  }
  return node;
}

/**
 * Layer resolution: template -> profile -> overlays (those whose selector matches the bot, plus
 * those the bot names; lower priority first, then by name) -> the bot's own overrides. The
 * result is the bot's desired state `{config, installs}`: `config` is the `openclaw.json` it
 * runs, `installs` the pinned skills and plugins. Pure; never throws for manifests that passed
 * validation. What every bot with the same template, profile and overlays shares is resolved
 * once and reused (with its provenance and lock checks).
 */
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
    const environment = options?.environment ?? bot.metadata.environment;
    if (environment === undefined || (bot.metadata.environment && bot.metadata.environment !== environment)) {
      const message =
        environment === undefined
          ? `${layerLabel(botLayerOf(bot))} has no environment: give metadata.environment or resolve it within its fleet`
          : `${layerLabel(botLayerOf(bot))} says environment ${bot.metadata.environment}, but its fleet is ${environment}`;
      return {
        ok: false,
        problems: [{ code: 'ENVIRONMENT', layer: botLayerOf(bot), path: 'metadata.environment', message }],
        partial: null,
      };
    }
    const tags = bot.metadata.tags ?? NO_NAMES;
    const named = bot.spec.overlays ?? NO_NAMES;
    const problems: ResolveProblem[] = [];
    if (named.length > 0) {
      for (const name of named) {
        if (!overlayNames.has(name))
          problems.push(missing(botLayerOf(bot), 'spec.overlays', 'Overlay', name));
      }
    }
    const prefix = prefixFor(bot, environment, tags, named);
    if (prefix.problems.length > 0) {
      problems.push(...prefix.problems);
      if (prefix.problems.some((p) => p.code === 'MISSING_REF' && p.path === 'spec.template')) {
        return { ok: false, problems, partial: null };
      }
    }
    const o = bot.spec.overrides;
    if (!o || !(o.config || o.installs)) {
      const value = new BotResolution(bot, environment, tags, prefix, null, null, null);
      return problems.length > 0 ? { ok: false, problems, partial: value } : { ok: true, value };
    }
    let value: BotResolution;
    if (strategiesOf(o) === undefined && !touchesLocks(prefix.locks, o)) {
      // Nothing locked is written: merge without a listener; provenance is replayed on demand.
      value = new BotResolution(
        bot,
        environment,
        tags,
        prefix,
        o,
        mergeLayer(prefix.state, o, undefined),
        null,
      );
    } else {
      const provenance = new Provenance(prefix.provenance);
      const state = applyLayer(prefix.state, o, botLayerOf(bot), provenance, prefix.locks, problems);
      value = new BotResolution(bot, environment, tags, prefix, o, state, provenance);
    }
    return problems.length > 0 ? { ok: false, problems, partial: value } : { ok: true, value };
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
  ): Prefix {
    const fleetKey = keyOf(bot.metadata.fleet);
    let node = child(prefixes, bot.spec.template);
    node = child(node.next, bot.spec.profile ?? '');
    for (let i = 0; i < overlays.length; i++) {
      const o = overlays[i] as CompiledOverlay;
      if (applies(o, fleetKey, environment, tags, named)) node = child(node.next, o);
    }
    node.prefix ??= computePrefix(bot, chosenFor(environment, fleetKey, tags, named));
    return node.prefix;
  }

  function computePrefix(bot: BotManifest, chosen: CompiledOverlay[]): Prefix {
    const botLayer = botLayerOf(bot);
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

function botLayerOf(bot: BotManifest): LayerId {
  return { kind: 'Bot', name: bot.metadata.name };
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
