import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffJson } from './diff.ts';

describe('diffJson', () => {
  it('finds nothing between equal values, whatever the key order', () => {
    expect(diffJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(diffJson(v, structuredClone(v))).toEqual([]);
      }),
    );
  });

  it('names each changed leaf by its dotted path, sorted', () => {
    expect(
      diffJson(
        { name: 'prod', tags: ['a'], meta: { owner: 'x', gone: 1 } },
        { name: 'live', tags: ['a', 'b'], meta: { owner: 'x', added: true } },
      ),
    ).toEqual([
      { path: 'meta.added', kind: 'added', after: true },
      { path: 'meta.gone', kind: 'removed', before: 1 },
      { path: 'name', kind: 'changed', before: 'prod', after: 'live' },
      { path: 'tags', kind: 'changed', before: ['a'], after: ['a', 'b'] },
    ]);
  });

  it('treats a created or deleted resource (null on one side) as one change at the root', () => {
    expect(diffJson(null, { name: 'a' })).toEqual([
      { path: '(root)', kind: 'changed', before: null, after: { name: 'a' } },
    ]);
    expect(diffJson({ a: 1 }, undefined)).toEqual([{ path: '(root)', kind: 'removed', before: { a: 1 } }]);
  });

  it('ignores members that are undefined on both sides', () => {
    expect(diffJson({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
  });
});
