import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.ts';

/** The same value with its object keys in reverse order, at every depth. */
function reversedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversedKeys);
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reversedKeys(x)]),
    );
  return v;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text whatever the key order, and text that parses back to the same data', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(canonicalJson(reversedKeys(v))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('drops undefined members and writes undefined items and holes as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    expect(canonicalJson([1, , 3])).toBe('[1,null,3]');
  });

  it('writes dates as JSON does, not as empty objects', () => {
    const d = new Date('2026-03-10T12:00:00Z');
    expect(canonicalJson({ at: d })).toBe('{"at":"2026-03-10T12:00:00.000Z"}');
    expect(canonicalJson(new Date('2026-01-01T00:00:00Z'))).not.toBe(canonicalJson(d));
  });

  it('refuses what JSON cannot hold exactly', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow('non-finite');
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow('non-finite');
    expect(() => canonicalJson(10n)).toThrow('cannot encode bigint');
    expect(() => canonicalJson(undefined)).toThrow('cannot encode undefined');
  });

  it('keeps the text of the audit chain stable (a change here would break every stored hash)', () => {
    expect(
      canonicalJson({ seq: 1, id: 'e1', diff: '{"after":{"name":"Ünïcode ✓"},"before":null}', n: -0 }),
    ).toBe('{"diff":"{\\"after\\":{\\"name\\":\\"Ünïcode ✓\\"},\\"before\\":null}","id":"e1","n":0,"seq":1}');
  });
});
