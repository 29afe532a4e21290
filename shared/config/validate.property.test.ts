import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from './json.ts';
import { openclawConfigSchema } from './openclaw-model.ts';
import { extendPath, type PathSegment } from './paths.ts';
import { validateOpenclawConfig } from './validate.ts';

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
