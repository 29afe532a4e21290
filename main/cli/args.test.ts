import { describe, expect, it } from 'vitest';
import { parsePort } from './args.ts';

describe('parsePort', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['8080', 8080],
    ['65535', 65535],
    ['00080', 80],
  ])('takes %j as %d', (value, port) => {
    expect(parsePort(value)).toBe(port);
  });

  it('leaves an absent port to the caller', () => {
    expect(parsePort(undefined)).toBeUndefined();
  });

  it.each([
    '',
    ' ',
    ' 80',
    '80 ',
    'abc',
    '-1',
    '+80',
    '1.5',
    '1e3',
    '0x50',
    '0b1',
    '65536',
    '70000',
    '123456',
    '८०',
  ])('refuses %j, saying what it wants', (value) => {
    expect(() => parsePort(value)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        message: `--port must be a whole number from 0 to 65535, not "${value}"`,
      }),
    );
  });
});
