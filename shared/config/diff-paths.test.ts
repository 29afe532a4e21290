import { describe, expect, it } from 'vitest';
import { diffJson } from './diff.ts';

describe('diffJson paths', () => {
  it('write keys that hold dots or brackets in the one path form, as provenance and findings do', () => {
    expect(
      diffJson({ byProvider: { 'openai/gpt-5.4': 1 } }, { byProvider: { 'openai/gpt-5.4': 2 } }),
    ).toEqual([{ path: 'byProvider["openai/gpt-5.4"]', kind: 'changed', before: 1, after: 2 }]);
    expect(diffJson({ a: { b: 1 } }, { a: { b: 2 } }).map((c) => c.path)).toEqual(['a.b']);
  });
});
