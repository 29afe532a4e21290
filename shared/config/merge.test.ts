import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from './json.ts';
import { deepMerge, type MergeListener, type MergeStrategy } from './merge.ts';

const merge = (
  base: JsonValue | undefined,
  patch: JsonValue,
  strategies: Record<string, MergeStrategy> = {},
) => deepMerge(base, patch, { strategies: new Map(Object.entries(strategies)) });

describe('deepMerge', () => {
  it('merges objects key by key and replaces scalars and arrays', () => {
    const base = { gateway: { port: 1, bind: 'loopback' }, tools: { deny: ['a', 'b'] } };
    expect(merge(base, { gateway: { port: 2 }, tools: { deny: ['c'] } })).toEqual({
      gateway: { port: 2, bind: 'loopback' },
      tools: { deny: ['c'] },
    });
  });

  it('appends or prepends array items per path, without adding an item twice', () => {
    const base = { tools: { deny: ['a', 'b'] } };
    expect(merge(base, { tools: { deny: ['b', 'c'] } }, { 'tools.deny': 'append' })).toEqual({
      tools: { deny: ['a', 'b', 'c'] },
    });
    expect(merge(base, { tools: { deny: ['c', 'a'] } }, { 'tools.deny': 'prepend' })).toEqual({
      tools: { deny: ['c', 'a', 'b'] },
    });
    const once = merge(base, { tools: { deny: ['c'] } }, { 'tools.deny': 'append' });
    expect(merge(once, { tools: { deny: ['c'] } }, { 'tools.deny': 'append' })).toEqual(once);
  });

  it('replaces a whole subtree when told to', () => {
    const base = { gateway: { auth: { mode: 'token', token: 't' } } };
    expect(merge(base, { gateway: { auth: { mode: 'none' } } }, { 'gateway.auth': 'replace' })).toEqual({
      gateway: { auth: { mode: 'none' } },
    });
  });

  it('removes a key set to null, and drops nulls inside new subtrees', () => {
    const base = { a: 1, b: { c: 2, d: 3 } };
    expect(merge(base, { a: null, b: { c: null } })).toEqual({ b: { d: 3 } });
    expect(merge({}, { x: { y: null, z: 1 } })).toEqual({ x: { z: 1 } });
  });

  it('never modifies its inputs and shares what it did not touch', () => {
    const base = { a: { deep: [1, 2] }, b: { c: 1 } };
    const patch = { b: { c: 2 }, n: { fresh: true } };
    const before = JSON.stringify([base, patch]);
    const out = merge(base, patch) as JsonObject;
    expect(JSON.stringify([base, patch])).toBe(before);
    expect(out.a).toBe(base.a);
    expect(out.n).toBe(patch.n);
  });

  it('keeps a key named __proto__ as data', () => {
    const patch = JSON.parse('{"x":{"__proto__":{"polluted":true}}}') as JsonValue;
    const out = merge({}, patch) as JsonObject;
    expect(Object.hasOwn(out.x as JsonObject, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports every leaf written and every subtree cleared, in order', () => {
    const events: string[] = [];
    const listener: MergeListener = {
      leaf: (path, _v, _p, how) => events.push(`${how} ${path}`),
      clear: (path) => events.push(`clear ${path}`),
    };
    deepMerge(
      { a: { b: 1 }, list: [1], gone: { x: 1 } },
      { a: { b: 2, c: {} }, list: [2], gone: null, obj: { k: 'v' } },
      { listener, strategies: new Map([['list', 'append']]) },
    );
    expect(events).toEqual(['set a.b', 'set a.c', 'append list', 'clear gone', 'set obj.k']);
  });
});
