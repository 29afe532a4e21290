import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childPath, formatPath, isWithin, parsePath } from './paths.ts';

describe('paths', () => {
  it('writes plain keys dotted and other keys as JSON strings in brackets', () => {
    expect(formatPath(['config', 'gateway', 'auth', 'mode'])).toBe('config.gateway.auth.mode');
    expect(formatPath(['config', 'tools', 'byProvider', 'openai/gpt-5.4', 'profile'])).toBe(
      'config.tools.byProvider["openai/gpt-5.4"].profile',
    );
    expect(formatPath(['config', 'agents', 'list', 0, 'id'])).toBe('config.agents.list[0].id');
    expect(formatPath(['a', ''])).toBe('a[""]');
    expect(childPath('', 'x')).toBe('x');
  });

  it('parses what it writes, for any keys', () => {
    const segment = fc.oneof(fc.string({ unit: 'grapheme' }), fc.nat({ max: 1000 }));
    fc.assert(
      fc.property(
        fc.tuple(fc.string({ unit: 'grapheme', minLength: 1 }), fc.array(segment, { maxLength: 6 })),
        ([head, rest]) => {
          const segments = [head, ...rest];
          expect(parsePath(formatPath(segments))).toEqual(segments);
        },
      ),
    );
  });

  it('refuses malformed paths', () => {
    for (const bad of ['', '.a', 'a.', 'a..b', 'a[', 'a["x"', 'a[x]', 'a["x"]b', 'a b']) {
      expect(parsePath(bad)).toBeNull();
    }
  });

  it('knows which paths lie beneath which', () => {
    expect(isWithin('config.gateway.auth.mode', 'config.gateway')).toBe(true);
    expect(isWithin('config.gateway', 'config.gateway')).toBe(true);
    expect(isWithin('config.gatewayX', 'config.gateway')).toBe(false);
    expect(isWithin('config.list[0]', 'config.list')).toBe(true);
    expect(isWithin('config', 'config.gateway')).toBe(false);
  });
});
