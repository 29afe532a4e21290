import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BotManifest, OverlayManifest, ProfileManifest, TemplateManifest } from '../manifests/schema.ts';
import { canonicalJson } from './canonical.ts';
import { isPlainObject, type JsonObject, type JsonValue, jsonEqual } from './json.ts';
import { type MergeStrategy, mergeStrategies } from './merge.ts';
import { parsePath } from './paths.ts';
import { explain, type LayerId, layerLabel } from './provenance.ts';
import { createResolver, type ResolvedBot } from './resolve.ts';

/**
 * Property tests over random layers: a few overlapping keys, scalars, arrays, empty objects and
 * nulls (removals), random per-path strategies. Checked against a direct reading of the layers.
 */
const V = 'clawster.dev/v1';
const key = fc.constantFrom('a', 'b', 'c', 'd');
const scalar = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom('x', 'y'), fc.boolean());
const leaf: fc.Arbitrary<JsonValue> = fc.oneof(
  scalar,
  fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
  fc.constant(null),
  fc.constant({}),
);
const { tree } = fc.letrec<{ tree: JsonValue }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small' }, leaf, fc.dictionary(key, tie('tree'), { maxKeys: 3 })),
}));
const fragment = fc.dictionary(key, tree, { maxKeys: 4 });
const strategyPaths = ['config.a', 'config.b', 'config.a.b', 'config.a.c', 'config.b.a', 'config.c.d'];
const strategies = fc.dictionary(fc.constantFrom(...strategyPaths), fc.constantFrom(...mergeStrategies), {
  maxKeys: 3,
});

interface Scenario {
  template: { config: JsonObject; strategies: Record<string, MergeStrategy> };
  overlays: { config: JsonObject; strategies: Record<string, MergeStrategy>; priority: number }[];
  bot: { config: JsonObject; strategies: Record<string, MergeStrategy> };
}
const layerArb = fc.record({ config: fragment, strategies });
const scenario: fc.Arbitrary<Scenario> = fc.record({
  template: layerArb,
  overlays: fc.array(fc.record({ config: fragment, strategies, priority: fc.integer({ min: -2, max: 2 }) }), {
    maxLength: 3,
  }),
  bot: layerArb,
});

function build(s: Scenario) {
  const templates: TemplateManifest[] = [
    {
      apiVersion: V,
      kind: 'Template',
      metadata: { name: 't' },
      spec: { config: s.template.config, strategies: s.template.strategies },
    },
  ];
  const overlays: OverlayManifest[] = s.overlays.map((o, i) => ({
    apiVersion: V,
    kind: 'Overlay',
    metadata: { name: `o${i}` },
    spec: { selector: {}, priority: o.priority, config: o.config, strategies: o.strategies },
  }));
  const bot: BotManifest = {
    apiVersion: V,
    kind: 'Bot',
    metadata: { name: 'bot', fleet: 'f', environment: 'dev' },
    spec: { template: 't', overrides: { config: s.bot.config, strategies: s.bot.strategies } },
  };
  return { templates, overlays, bot };
}

function resolveOk(
  templates: TemplateManifest[],
  overlays: OverlayManifest[],
  bot: BotManifest,
): ResolvedBot {
  const r = createResolver({ templates, profiles: [], overlays }).resolve(bot);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.value;
}

function at(root: JsonValue | undefined, path: string): { found: boolean; value?: JsonValue; cut: boolean } {
  const segments = parsePath(path) ?? [];
  let cur: JsonValue | undefined = root;
  for (let i = 0; i < segments.length; i++) {
    if (!isPlainObject(cur)) return { found: false, cut: cur !== undefined && i > 0 };
    const s = segments[i];
    if (typeof s !== 'string' || !Object.hasOwn(cur, s)) return { found: false, cut: false };
    cur = cur[s];
    if (cur === null && i < segments.length - 1) return { found: false, cut: true };
  }
  return { found: true, value: cur, cut: false };
}

function withoutNulls(v: JsonValue): JsonValue {
  if (!isPlainObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = withoutNulls(x);
  return out;
}

describe('resolve (properties)', () => {
  it('is deterministic: the same manifests in any order, resolved in any order, give the same result', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { templates, overlays, bot } = build(s);
        const first = resolveOk(templates, overlays, bot);
        const other = createResolver({ templates, profiles: [], overlays: [...overlays].reverse() });
        other.resolve({ ...bot, metadata: { ...bot.metadata, name: 'warm-up' } });
        const r = other.resolve(bot);
        if (!r.ok) throw new Error('second resolve failed');
        expect(canonicalJson(r.value.state)).toBe(canonicalJson(first.state));
        expect(r.value.provenance.entries()).toEqual(first.provenance.entries());
      }),
      { numRuns: 300 },
    );
  });

  it('names, for every leaf, a layer that really wrote that value, and no later layer wrote there', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { templates, overlays, bot } = build(s);
        const r = resolveOk(templates, overlays, bot);
        const fragments = new Map<
          string,
          { config: JsonObject; strategies: Record<string, MergeStrategy> }
        >();
        fragments.set('Template/t', s.template);
        for (const [i, o] of s.overlays.entries()) fragments.set(`Overlay/o${i}`, o);
        fragments.set('Bot/bot', s.bot);
        const order = r.layers.map(layerLabel);
        for (const line of explain(r.state, r.provenance)) {
          expect(line.layer, `no layer for ${line.path}`).not.toBeNull();
          const name = layerLabel(line.layer as LayerId);
          const frag = fragments.get(name);
          const wrote = at({ config: frag?.config ?? {} }, line.path);
          expect(wrote.found, `${name} did not write ${line.path}`).toBe(true);
          const strategy = frag?.strategies[line.path];
          if (
            (strategy === 'append' || strategy === 'prepend') &&
            Array.isArray(wrote.value) &&
            Array.isArray(line.value)
          ) {
            const result = line.value;
            for (const item of wrote.value) expect(result.some((x) => jsonEqual(x, item))).toBe(true);
          } else if (
            !isPlainObject(line.value) ||
            Object.keys(line.value).length > 0 ||
            isPlainObject(wrote.value)
          ) {
            const written = wrote.value ?? null;
            if (!(isPlainObject(written) && isPlainObject(line.value)))
              expect(line.value).toEqual(withoutNulls(written));
          }
          for (const later of order.slice(order.indexOf(name) + 1)) {
            const f = fragments.get(later);
            const doc = { config: f?.config ?? {} };
            const l = at(doc, line.path);
            // An object merged onto an object writes nothing at that path itself.
            const merged =
              l.found &&
              isPlainObject(l.value) &&
              isPlainObject(line.value) &&
              f?.strategies[line.path] !== 'replace';
            const replacedAbove = Object.entries(f?.strategies ?? {}).some(
              ([q, st]) =>
                st === 'replace' && line.path.startsWith(`${q}.`) && isPlainObject(at(doc, q).value),
            );
            expect((l.found && !merged) || l.cut || replacedAbove, `${later} also wrote ${line.path}`).toBe(
              false,
            );
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a bot exactly when it changes a value under a profile lock, and only then', () => {
    const lockPaths = ['config.a', 'config.a.b', 'config.b.c', 'config.c.d.a'];
    fc.assert(
      fc.property(
        fragment,
        fragment,
        fc.subarray(lockPaths, { minLength: 1 }),
        fragment,
        (templateConfig, profileConfig, locks, botConfig) => {
          const templates: TemplateManifest[] = [
            { apiVersion: V, kind: 'Template', metadata: { name: 't' }, spec: { config: templateConfig } },
          ];
          const profiles: ProfileManifest[] = [
            {
              apiVersion: V,
              kind: 'Profile',
              metadata: { name: 'p' },
              spec: { config: profileConfig, locks },
            },
          ];
          const bot: BotManifest = {
            apiVersion: V,
            kind: 'Bot',
            metadata: { name: 'bot', fleet: 'f', environment: 'dev' },
            spec: { template: 't', profile: 'p', overrides: { config: botConfig } },
          };
          const resolver = createResolver({ templates, profiles, overlays: [] });
          const before = resolver.resolve({ ...bot, spec: { template: 't', profile: 'p' } });
          const after = resolver.resolve(bot);
          if (!before.ok) throw new Error('the layers without the bot should resolve');
          const state = after.ok ? after.value.state : after.partial?.state;
          const changed = locks.filter(
            (l) => !jsonEqual(at(before.value.state, l).value ?? null, at(state, l).value ?? null),
          );
          const refused = after.ok ? [] : after.problems.filter((p) => p.code === 'LOCKED');
          expect(refused.length > 0, `changed under locks: ${changed.join(', ')}`).toBe(changed.length > 0);
          // Provenance read after the fact names the bot for what it wrote.
          const r = after.ok ? after.value : after.partial;
          if (r) for (const line of explain(r.state, r.provenance)) expect(line.layer).not.toBeNull();
        },
      ),
      { numRuns: 1000 },
    );
  });
});
