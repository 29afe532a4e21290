import { byCodePoint, type JsonObject, sortObjectDeep } from '../config/json.ts';
import type { BotManifest, InstallsFragment, Manifest, OverlayManifest, Selector } from './schema.ts';

/**
 * The canonical form of a manifest: keys in a fixed order, config keys sorted, empty optional
 * fields left out. Parsing returns this form and serialising writes it, so equal state gives
 * equal text and import -> export -> import gives equal state.
 */
export function normalizeManifest(m: Manifest): Manifest {
  switch (m.kind) {
    case 'Template':
      return {
        apiVersion: m.apiVersion,
        kind: m.kind,
        metadata: layerMeta(m.metadata),
        spec: layerSpec(m.spec),
      };
    case 'Profile': {
      const { config, installs, strategies, description } = layerSpec(m.spec);
      const locks =
        m.spec.locks && m.spec.locks.length > 0 ? [...new Set(m.spec.locks)].sort(byCodePoint) : undefined;
      return {
        apiVersion: m.apiVersion,
        kind: m.kind,
        metadata: layerMeta(m.metadata),
        spec: compact({ description, locks, strategies, config, installs }),
      };
    }
    case 'Overlay': {
      const { config, installs, strategies, description } = layerSpec(m.spec);
      const spec: OverlayManifest['spec'] = compact({
        description,
        selector: normalizeSelector(m.spec.selector),
        priority: m.spec.priority,
        strategies,
        config,
        installs,
      });
      return { apiVersion: m.apiVersion, kind: m.kind, metadata: layerMeta(m.metadata), spec };
    }
    case 'Bot':
      return normalizeBot(m);
  }
}

interface LayerMeta {
  name: string;
  labels?: Record<string, string> | undefined;
  tags?: string[] | undefined;
}

function layerMeta(m: LayerMeta): LayerMeta & { name: string } {
  return compact({ name: m.name, labels: nonEmptyRecord(m.labels), tags: nonEmptyList(m.tags) });
}

interface LayerSpecIn {
  description?: string | undefined;
  config: JsonObject;
  installs?: InstallsFragment | undefined;
  strategies?: Record<string, 'merge' | 'replace' | 'append' | 'prepend'> | undefined;
}

function layerSpec(s: LayerSpecIn): LayerSpecIn {
  return compact({
    description: s.description || undefined,
    strategies: nonEmptyRecord(s.strategies),
    config: sortObjectDeep(s.config),
    installs: normalizeInstalls(s.installs),
  });
}

function normalizeSelector(s: Selector): Selector {
  const sorted = <T extends string>(l: T[] | undefined) =>
    l && l.length > 0 ? [...new Set(l)].sort(byCodePoint) : undefined;
  return compact({ fleets: sorted(s.fleets), environments: sorted(s.environments), tags: sorted(s.tags) });
}

function normalizeBot(m: BotManifest): BotManifest {
  const o = m.spec.overrides;
  const overrides = o
    ? compact({
        strategies: nonEmptyRecord(o.strategies),
        config: o.config && Object.keys(o.config).length > 0 ? sortObjectDeep(o.config) : undefined,
        installs: normalizeInstalls(o.installs),
      })
    : undefined;
  return {
    apiVersion: m.apiVersion,
    kind: m.kind,
    metadata: compact({
      name: m.metadata.name,
      fleet: m.metadata.fleet,
      environment: m.metadata.environment,
      labels: nonEmptyRecord(m.metadata.labels),
      tags: nonEmptyList(m.metadata.tags),
    }),
    spec: compact({
      template: m.spec.template,
      profile: m.spec.profile,
      overlays: m.spec.overlays && m.spec.overlays.length > 0 ? [...new Set(m.spec.overlays)] : undefined,
      openclawVersion: m.spec.openclawVersion,
      overrides: overrides && Object.keys(overrides).length > 0 ? overrides : undefined,
    }),
  };
}

function normalizeInstalls(i: InstallsFragment | undefined): InstallsFragment | undefined {
  if (!i) return undefined;
  const pins = (r: InstallsFragment['plugins']) => {
    if (!r || Object.keys(r).length === 0) return undefined;
    const out: NonNullable<InstallsFragment['plugins']> = {};
    for (const k of Object.keys(r).sort(byCodePoint)) {
      const p = r[k];
      if (p === undefined) continue;
      out[k] =
        p === null
          ? null
          : compact({ source: p.source, spec: p.spec, version: p.version, integrity: p.integrity });
    }
    return out;
  };
  const out = compact({ plugins: pins(i.plugins), skills: pins(i.skills) });
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A copy of `o` without its `undefined` members (key order kept). */
function compact<T extends object>(o: T): T {
  const out: Partial<T> = {};
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] !== undefined) out[key] = o[key];
  return out as T;
}

function nonEmptyRecord<V>(r: Record<string, V> | undefined): Record<string, V> | undefined {
  if (!r) return undefined;
  const keys = Object.keys(r).sort(byCodePoint);
  if (keys.length === 0) return undefined;
  const out: Record<string, V> = {};
  for (const k of keys) {
    const v = r[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function nonEmptyList(l: string[] | undefined): string[] | undefined {
  return l && l.length > 0 ? [...l] : undefined;
}
