import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { JsonObject, JsonValue } from '../config/json.ts';
import {
  type ManifestIssue,
  parseManifestFiles,
  parseManifests,
  serializeManifests,
  validateManifest,
} from './codec.ts';
import type { Manifest } from './schema.ts';

const fleetYaml = `
apiVersion: clawster.dev/v1
kind: Template
metadata: { name: base, tags: [core] }
spec:
  description: Base
  config:
    gateway: { port: 18789, bind: loopback, auth: { mode: token, token: { $secret: { store: keychain, ref: "clawster/{fleet}/{bot}/gw" } } } }
---
apiVersion: clawster.dev/v1
kind: Profile
metadata: { name: prod }
spec:
  locks: [config.gateway.bind]
  config: { tools: { profile: messaging } }
---
apiVersion: clawster.dev/v1
kind: Overlay
metadata: { name: eu }
spec:
  selector: { tags: [eu], environments: [prod] }
  priority: 5
  strategies: { config.tools.deny: append }
  config: { tools: { deny: [browser] } }
---
apiVersion: clawster.dev/v1
kind: Bot
metadata: { name: Support Bot, fleet: Support, tags: [eu] }
spec:
  template: base
  profile: prod
  openclawVersion: 2026.9.6
  overrides: { config: { gateway: { port: 18809 } } }
`;

const issuesOf = (text: string, source = 'fleet.yaml'): ManifestIssue[] =>
  parseManifests(text, { source }).issues;

describe('parseManifests', () => {
  it('reads all four kinds from one multi-document YAML file', () => {
    const r = parseManifests(fleetYaml, { source: 'fleet.yaml' });
    expect(r.issues).toEqual([]);
    expect(r.manifests.map((m) => [m.manifest.kind, m.manifest.metadata.name, m.doc])).toEqual([
      ['Template', 'base', 0],
      ['Profile', 'prod', 1],
      ['Overlay', 'eu', 2],
      ['Bot', 'Support Bot', 3],
    ]);
  });

  it('names the file, the document and the path of each problem', () => {
    const bad = fleetYaml
      .replace('bind: loopback', 'bind: 0.0.0.0')
      .replace('locks: [', 'lock: [')
      .replace('kind: Bot', 'kind: Robot');
    expect(issuesOf(bad).map((i) => [i.source, i.doc, i.path])).toEqual([
      ['fleet.yaml', 0, 'spec.config.gateway.bind'],
      ['fleet.yaml', 1, 'spec'],
      ['fleet.yaml', 3, 'kind'],
    ]);
  });

  it('explains secret references it cannot use', () => {
    const bad = fleetYaml.replace('store: keychain', 'store: vault');
    const issues = issuesOf(bad);
    expect(issues.map((i) => i.path)).toContain('spec.config.gateway.auth.token.$secret.store');
  });

  it('refuses the apiVersion of another tool, and __proto__ keys', () => {
    expect(issuesOf('apiVersion: v1\nkind: Template\n')[0]).toMatchObject({ path: 'apiVersion', doc: 0 });
    const proto =
      'apiVersion: clawster.dev/v1\nkind: Template\nmetadata: {name: t}\nspec: {config: {x: {__proto__: {a: 1}}}}\n';
    expect(issuesOf(proto).map((i) => [i.path, i.message])).toEqual([
      ['spec.config.x.__proto__', 'The key "__proto__" is not allowed'],
    ]);
  });

  it('gives YAML syntax errors with their line', () => {
    const issues = issuesOf('apiVersion: clawster.dev/v1\nkind: [Template\n');
    expect(issues[0]).toMatchObject({
      source: 'fleet.yaml',
      doc: 0,
      path: '(root)',
      line: expect.any(Number),
    });
    expect(issues[0]?.message).toMatch(/^Invalid YAML/);
  });

  it('reads JSON: one manifest or an array', () => {
    const one = JSON.stringify({
      apiVersion: 'clawster.dev/v1',
      kind: 'Template',
      metadata: { name: 't' },
      spec: { config: {} },
    });
    expect(parseManifests(one).manifests).toHaveLength(1);
    expect(
      parseManifests(`[${one},${one.replace('"t"', '"u"')}]`, { source: 'x.json' }).manifests,
    ).toHaveLength(2);
    expect(parseManifests('{"apiVersion":', { source: 'x.json' }).issues[0]?.message).toMatch(
      /^Invalid JSON/,
    );
  });

  it('reports a manifest defined twice across files', () => {
    const r = parseManifestFiles([
      { name: 'a.yaml', text: fleetYaml },
      { name: 'b.yaml', text: fleetYaml.split('---')[1] ?? '' },
    ]);
    expect(r.manifests).toHaveLength(4);
    expect(r.issues).toEqual([
      {
        source: 'b.yaml',
        doc: 0,
        path: 'metadata.name',
        message: 'Profile/prod is defined twice (first in a.yaml, document 1)',
      },
    ]);
  });

  it('never throws on random text, random JSON or random YAML: it gives issues', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const r = parseManifests(text);
        expect(r.manifests.length + r.issues.length).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), fc.boolean(), (value, asYaml) => {
        let text: string;
        try {
          text = asYaml ? stringify(value) : (JSON.stringify(value) ?? 'null');
        } catch {
          return;
        }
        const r = parseManifests(text, { format: asYaml ? 'yaml' : 'json' });
        expect(r.manifests).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on malformed manifests (a valid one with any part replaced): it gives issues', () => {
    const valid = parseManifests(fleetYaml).manifests.map((m) => m.manifest as unknown);
    fc.assert(
      fc.property(
        fc.constantFrom(...valid),
        fc.array(
          fc.constantFrom(
            'apiVersion',
            'kind',
            'metadata',
            'spec',
            'name',
            'config',
            'selector',
            'gateway',
            'locks',
            'overrides',
            'tags',
            'template',
            '$secret',
            'priority',
          ),
          { minLength: 1, maxLength: 4 },
        ),
        fc.anything({ maxDepth: 3 }),
        (manifest, path, replacement) => {
          const broken = replaceAt(structuredClone(manifest), path, replacement);
          const r = validateManifest(broken, { doc: 0 });
          if (r.manifest === null) expect(r.issues.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('serializeManifests', () => {
  it('export -> import -> export gives the same text; import -> export -> import the same state', () => {
    const first = parseManifests(fleetYaml).manifests.map((m) => m.manifest);
    const text = serializeManifests(first);
    const again = parseManifests(text);
    expect(again.issues).toEqual([]);
    expect(again.manifests.map((m) => m.manifest)).toEqual(first);
    expect(serializeManifests(again.manifests.map((m) => m.manifest))).toBe(text);
  });

  it('round-trips any manifest exactly, through YAML and through JSON', () => {
    fc.assert(
      fc.property(manifestArb, fc.constantFrom('yaml' as const, 'json' as const), (input, format) => {
        const first = validateManifest(input, { doc: 0 });
        fc.pre(first.manifest !== null);
        const state = [first.manifest as Manifest];
        const text = serializeManifests(state, format);
        const back = parseManifests(text, { format });
        expect(back.issues).toEqual([]);
        expect(back.manifests.map((m) => m.manifest)).toEqual(state);
        expect(
          serializeManifests(
            back.manifests.map((m) => m.manifest),
            format,
          ),
        ).toBe(text);
      }),
      { numRuns: 400 },
    );
  });

  it('quotes strings a YAML 1.1 reader would take for booleans', () => {
    const t = parseManifests(
      'apiVersion: clawster.dev/v1\nkind: Template\nmetadata: {name: t}\nspec: {config: {discovery: {mdns: {mode: "off"}}}}\n',
    );
    expect(serializeManifests(t.manifests.map((m) => m.manifest))).toContain('mode: "off"');
  });
});

function replaceAt(root: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0 || root === null || typeof root !== 'object') return value;
  const [head, ...rest] = path as [string, ...string[]];
  const o = root as Record<string, unknown>;
  const target = Object.keys(o).find((k) => k === head) ?? Object.keys(o)[0];
  if (target === undefined) return root;
  o[target] = replaceAt(o[target], rest, value);
  return root;
}

/** Random manifests of every kind, with config fragments under keys the OpenClaw model leaves alone. */
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
const fragment: fc.Arbitrary<JsonObject> = fc
  .dictionary(
    fc.string({ unit: 'grapheme', maxLength: 8 }).map((k) => `x-${k}`),
    fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }),
    { maxKeys: 4 },
  )
  .map((o) => o as JsonObject);
const name = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/);
const meta = fc.record(
  {
    name,
    tags: fc.option(fc.array(fc.stringMatching(/^[a-z][a-z0-9:-]{0,8}$/), { maxLength: 3 }), {
      nil: undefined,
    }),
  },
  { requiredKeys: ['name'] },
);
const layer = fc.record(
  { description: fc.option(text, { nil: undefined }), config: fragment },
  { requiredKeys: ['config'] },
);
const manifestArb: fc.Arbitrary<JsonValue | Record<string, unknown>> = fc.oneof(
  fc.record({
    apiVersion: fc.constant('clawster.dev/v1'),
    kind: fc.constant('Template'),
    metadata: meta,
    spec: layer,
  }),
  fc.record({
    apiVersion: fc.constant('clawster.dev/v1'),
    kind: fc.constant('Profile'),
    metadata: meta,
    spec: layer.map((l) => ({ ...l, locks: ['config.gateway.bind', 'config.x'] })),
  }),
  fc.record({
    apiVersion: fc.constant('clawster.dev/v1'),
    kind: fc.constant('Overlay'),
    metadata: meta,
    spec: fc.record({
      config: fragment,
      priority: fc.integer({ min: -5, max: 5 }),
      selector: fc.record({ environments: fc.subarray(['dev', 'staging', 'prod']) }),
    }),
  }),
  fc.record({
    apiVersion: fc.constant('clawster.dev/v1'),
    kind: fc.constant('Bot'),
    metadata: fc.record({ name: text.map((s) => s.trim() || 'bot'), fleet: fc.constant('Fleet') }),
    spec: fc.record({
      template: name,
      openclawVersion: fc.constant('2026.9.6'),
      overrides: fc.record({ config: fragment }),
    }),
  }),
);
