import { describe, expect, it } from 'vitest';
import { parseApplyArgs, parseExportArgs, parsePort } from './args.ts';

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

describe('parseApplyArgs', () => {
  it('takes -f (repeatable, or --file), --dry-run and --data-dir', () => {
    expect(parseApplyArgs(['-f', 'a.yaml', '--file', 'dir', '--dry-run', '--data-dir', '/d'])).toEqual({
      files: ['a.yaml', 'dir'],
      dryRun: true,
      dataDir: '/d',
    });
    expect(parseApplyArgs(['-f', 'a.yaml'])).toEqual({
      files: ['a.yaml'],
      dryRun: false,
      dataDir: undefined,
    });
  });

  it.each([[[]], [['--dry-run']], [['-f', '']], [['-f']], [['-f', 'a', 'b']], [['-f', 'a', '--force']]])(
    'refuses %j as a usage error',
    (args) => {
      expect(() => parseApplyArgs(args)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    },
  );

  it('says how to call it when -f is missing', () => {
    expect(() => parseApplyArgs([])).toThrow('apply needs -f <file or folder>');
  });
});

describe('parseExportArgs', () => {
  it('takes one folder, --force and --data-dir', () => {
    expect(parseExportArgs(['out', '--force', '--data-dir', '/d'])).toEqual({
      folder: 'out',
      force: true,
      dataDir: '/d',
    });
    expect(parseExportArgs(['out'])).toEqual({ folder: 'out', force: false, dataDir: undefined });
  });

  it.each([[[]], [['a', 'b']], [['']], [['out', '--dry-run']]])('refuses %j as a usage error', (args) => {
    expect(() => parseExportArgs(args)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});
