import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { JsonObject, JsonValue } from './json.ts';
import { openclawConfigSchema } from './openclaw-model.ts';
import { extendPath, type PathSegment } from './paths.ts';
import { type RelIssue, schemaIssues, validateOpenclawConfig } from './validate.ts';

/**
 * validate.ts walks the model itself (memoised, without zod for the common leaves); zod's own
 * parse of the whole model is the reference. Random configs put values of every kind (valid and
 * not) where the model has strings, numbers, enums, lists, records, unions and secret references.
 */
const ref = fc.oneof(
  fc.constant({ $secret: { store: 'aws-sm', ref: 'prod/bot' } }),
  fc.constant({ $secret: { store: 'keychain', ref: 'clawster/bot', key: 'k' } }), // key needs aws-sm
  fc.constant({ $secret: { store: 'vault', ref: 'x' } }),
  fc.constant({ $secret: { store: 'aws-sm', ref: 'a' }, extra: 1 }), // strict: no other keys
  fc.constant({ source: 'env', provider: 'default', id: 'OPENAI_API_KEY' }),
  fc.constant({ source: 'env', id: 'X', more: true }),
);
const value: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom('loopback', 'lan', 'token', 'off', 'all', 'open', '', 'x'),
  fc.integer({ min: -5, max: 70000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1, max: 2 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean()), { maxLength: 3 }),
  ref,
  fc.dictionary(
    fc.constantFrom('mode', 'token', 'a', 'enabled'),
    fc.oneof(fc.string({ maxLength: 3 }), fc.integer()),
    {
      maxKeys: 2,
    },
  ),
);
const paths: PathSegment[][] = [
  ['gateway', 'port'],
  ['gateway', 'bind'],
  ['gateway', 'auth', 'mode'],
  ['gateway', 'auth', 'token'],
  ['gateway', 'controlUi', 'allowedOrigins'],
  ['hooks', 'token'],
  ['channels', 'slack', 'botToken'],
  ['channels', 'telegram', 'allowFrom'],
  ['channels', 'telegram', 'dmPolicy'],
  ['agents', 'defaults', 'workspace'],
  ['agents', 'defaults', 'sandbox', 'mode'],
  ['agents', 'list'],
  ['tools', 'deny'],
  ['tools', 'elevated', 'enabled'],
  ['env', 'vars', 'OPENAI_API_KEY'],
  ['models', 'providers', 'openai', 'apiKey'],
  ['mcp', 'servers', 'a', 'env', 'TOKEN'],
  ['skills', 'entries', 'web'],
  ['plugins', 'allow'],
  ['meta', 'lastTouchedAt'],
  ['discovery', 'mdns', 'mode'],
  ['logging', 'level'],
  ['futureSection', 'x'],
];

function place(config: JsonObject, path: PathSegment[], v: JsonValue): void {
  let cur: JsonObject = config;
  path.forEach((s, i) => {
    const key = String(s);
    if (i === path.length - 1) cur[key] = v;
    else {
      const next = cur[key];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[key] = {};
      cur = cur[key] as JsonObject;
    }
  });
}

const config = fc.array(fc.tuple(fc.constantFrom(...paths), value), { maxLength: 6 }).map((entries) => {
  const c: JsonObject = {};
  for (const [p, v] of entries) place(c, p, v);
  return c;
});

function zodIssues(c: JsonObject): { path: string; message: string }[] {
  const r = openclawConfigSchema.safeParse(c);
  if (r.success) return [];
  return r.error.issues
    .map((i) => ({
      path:
        extendPath(
          'config',
          i.path.filter((p) => typeof p !== 'symbol'),
        ) || '(root)',
      message: i.message,
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.message < b.message ? -1 : 1));
}

describe('validateOpenclawConfig', () => {
  it('finds exactly the issues zod finds with the whole model, paths and messages', () => {
    fc.assert(
      fc.property(config, (c) => {
        const ours = validateOpenclawConfig(c).sort((a, b) =>
          a.path < b.path ? -1 : a.path > b.path ? 1 : a.message < b.message ? -1 : 1,
        );
        expect(ours).toEqual(zodIssues(c));
      }),
      { numRuns: 1000 },
    );
  });
});

/**
 * Shapes the OpenClaw model does not use today, so the walk stays right when it grows: exclusive
 * unions, required keys whose schema takes undefined, defaults, literal and number options,
 * unions inside records and arrays, and records holding `__proto__`.
 */
const madeUp = z.looseObject({
  any: z.union([z.looseObject({ a: z.any() }), z.string()]).optional(),
  xor: z
    .xor([z.looseObject({ a: z.string().optional() }), z.looseObject({ b: z.string().optional() })])
    .optional(),
  req: z
    .looseObject({ must: z.string(), dflt: z.number().default(1), opt: z.boolean().optional() })
    .optional(),
  lit: z.union([z.literal('on'), z.number().int().min(0), z.looseObject({ x: z.number() })]).optional(),
  map: z.record(z.string(), z.union([z.string(), z.looseObject({ n: z.number().optional() })])).optional(),
  list: z.array(z.union([z.string(), z.number().max(10)])).optional(),
  strict: z.union([z.strictObject({ k: z.string() }), z.boolean()]).optional(),
});
const anyValue: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom('on', 'off', '', 'x'),
  fc.integer({ min: -3, max: 20 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1, max: 2 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 2 }), fc.integer({ min: 0, max: 15 }), fc.constant(null)), {
    maxLength: 3,
  }),
  fc.dictionary(
    fc.constantFrom('a', 'b', 'k', 'x', 'n', 'must', 'dflt', 'opt', '__proto__'),
    fc.oneof(fc.string({ maxLength: 2 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.constant(null)),
    { maxKeys: 3 },
  ),
);
const madeUpValue = fc
  .dictionary(fc.constantFrom('any', 'xor', 'req', 'lit', 'map', 'list', 'strict', 'other'), anyValue, {
    maxKeys: 4,
  })
  // Through JSON, as configs arrive: `__proto__` becomes an own key.
  .map((v) => JSON.parse(JSON.stringify(v)) as JsonObject);

const rel = (issues: readonly RelIssue[]) =>
  issues.map((i) => `${extendPath('', i.rel)}: ${i.message}`).sort();

describe('the validation walk over any zod schema', () => {
  it('finds what zod finds, also for shapes the OpenClaw model does not use yet', () => {
    fc.assert(
      fc.property(madeUpValue, (v) => {
        const r = madeUp.safeParse(v);
        const expected = r.success
          ? []
          : r.error.issues.map(
              (i) =>
                `${extendPath(
                  '',
                  i.path.filter((p) => typeof p !== 'symbol'),
                )}: ${i.message}`,
            );
        expect(rel(schemaIssues(madeUp, v))).toEqual(expected.sort());
      }),
      { numRuns: 2000 },
    );
  });
});
