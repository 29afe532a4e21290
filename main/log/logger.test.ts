import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileSink } from './file-sink.ts';
import { createLogger, type LogLevel } from './logger.ts';
import { forgetSecretValue, REDACTED, redact, registerSecretValue } from './redact.ts';

const registered: string[] = [];
function secret(value: string): string {
  registerSecretValue(value);
  registered.push(value);
  return value;
}
afterEach(() => {
  for (const v of registered.splice(0)) forgetSecretValue(v);
});

function capture(level: LogLevel = 'debug') {
  const lines: string[] = [];
  const log = createLogger({
    sink: (l) => lines.push(l),
    level,
    now: () => new Date('2026-03-10T12:00:00Z'),
  });
  return { log, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the logger', () => {
  it('writes one JSON line per record with time, level, logger name and message', () => {
    const { log, lines } = capture();
    log.child('store').info('opened', { file: 'a.db' });
    expect(lines).toEqual([
      '{"ts":"2026-03-10T12:00:00.000Z","level":"info","logger":"clawster.store","msg":"opened","file":"a.db"}',
    ]);
  });

  it('drops records below its level', () => {
    const { log, records } = capture('warn');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(records().map((r) => r.level)).toEqual(['warn', 'error']);
  });

  it('never writes the value of a secret-named key, at any depth', () => {
    const { log, lines } = capture();
    log.info('connect', {
      token: 'tok-123456',
      apiKey: 'ak-123456',
      api_key: 'ak2-123456',
      Authorization: 'Bearer zzz-123456',
      nested: { password: 'pw-123456', list: [{ clientSecret: 'cs-123456' }], privateKey: 'pk-123456' },
      gatewayToken: { value: 'gt-123456' },
      cookie: 'c-123456',
      credentials: ['cr-123456'],
    });
    const out = lines.join('\n');
    for (const v of ['tok-', 'ak-', 'ak2-', 'zzz-', 'pw-', 'cs-', 'pk-', 'gt-', 'c-1', 'cr-']) {
      expect(out).not.toContain(v);
    }
    expect(JSON.parse(out)).toMatchObject({
      token: REDACTED,
      nested: { password: REDACTED, list: [{ clientSecret: REDACTED }] },
      gatewayToken: REDACTED,
    });
  });

  it('never writes a registered secret value, wherever it appears', () => {
    const value = secret('s3cr3t-value-42');
    const { log, lines } = capture();
    log.error(`could not use ${value} for the gateway`, {
      url: `wss://gw.example/?t=${value}`,
      args: ['--key', value],
      error: new Error(`rejected ${value}`),
      [`key-${value}`]: 1,
    });
    log.child(`child-${value}`).warn('x');
    const out = lines.join('\n');
    expect(out).not.toContain(value);
    expect(out).toContain(REDACTED);
  });

  it('redacts the longer of two overlapping secrets whole', () => {
    const short = secret('abcdef');
    const long = secret('abcdef-ghijkl-mnop');
    expect(redact(`x ${long} y ${short}`)).toBe(`x ${REDACTED} y ${REDACTED}`);
  });

  it('forgets a value once told to, and ignores values too short to be a secret', () => {
    const value = secret('temporary-secret');
    forgetSecretValue(value);
    registerSecretValue('abc');
    expect(redact(`${value} abc`)).toBe(`${value} abc`);
  });

  it('keeps only the name and message of an error', () => {
    const e = new TypeError('bad');
    expect(redact({ error: e })).toEqual({ error: { name: 'TypeError', message: 'bad' } });
  });

  it('stops at a depth limit instead of looping on a cycle', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    const { log, lines } = capture();
    log.info('cycle', { a });
    expect(lines[0]).toContain('[…]');
  });

  it('does not throw whatever it is given or wherever it writes', () => {
    const { log, records } = capture();
    expect(() => log.info('odd', { n: 10n, f: () => 1, u: undefined })).not.toThrow();
    expect(records()[0]).toMatchObject({ msg: 'odd', n: '10' });
    const broken = createLogger({
      sink: () => {
        throw new Error('disk full');
      },
    });
    expect(() => broken.error('x')).not.toThrow();
  });

  it('keeps its own fields when a caller passes fields with the same names', () => {
    const { log, records } = capture();
    log.info('real', { msg: 'fake', level: 'debug', ts: 'then', logger: 'other' });
    expect(records()[0]).toMatchObject({ msg: 'real', level: 'info', logger: 'clawster' });
  });
});

describe('the file sink', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends lines to a file only its owner can read, creating the folder', () => {
    dir = mkdtempSync(join(tmpdir(), 'clawster-log-'));
    const file = join(dir, 'logs', 'clawster.log');
    const sink = fileSink(file);
    sink('one');
    sink('two');
    expect(readFileSync(file, 'utf8')).toBe('one\ntwo\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
