import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/errors.ts';
import { keychainError } from './keychain-errors.ts';
import { assertSecretRef, assertSecretValue, isValidSecretRef } from './secret-ref.ts';

describe('secret references', () => {
  it('accepts the references Clawster uses', () => {
    for (const ref of [
      'aws/credentials',
      'gateway/device-key',
      'gateway/device-token/0b7c2f4e-6a51-4c1e-9d0f-2f1a5e3b9c77',
      'clawster/support-fleet/support-bot/slack-bot-token',
      'prod/openai',
      'team@example.com/key+v2=1',
      'x'.repeat(512),
    ]) {
      expect(isValidSecretRef(ref), ref).toBe(true);
      expect(assertSecretRef(ref)).toBe(ref);
    }
  });

  it('refuses empty, dotted, spaced and over-long references with VALIDATION', () => {
    for (const ref of [
      '',
      '/a',
      'a/',
      'a//b',
      '..',
      'a/../b',
      '.hidden',
      'a b',
      'tab\tx',
      'ü/x',
      'x'.repeat(513),
    ]) {
      expect(isValidSecretRef(ref), ref).toBe(false);
      expect(() => assertSecretRef(ref)).toThrow(/is not a valid secret reference/);
    }
    expect(() => assertSecretRef(42)).toThrow(AppError);
  });

  it('wants a non-empty text value of at most 64 KiB', () => {
    expect(assertSecretValue('s')).toBe('s');
    expect(() => assertSecretValue('')).toThrow(/must not be empty/);
    expect(() => assertSecretValue(null)).toThrow(/must be text, not null/);
    expect(() => assertSecretValue('x'.repeat(65_537))).toThrow(/at most 65536 characters/);
  });
});

describe('keychain errors', () => {
  // The messages @napi-rs/keyring 2.1 gives on Debian 12 (see keychain-errors.ts).
  const cases: [string, RegExp][] = [
    [
      'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
      /no OS keychain is reachable/,
    ],
    [
      'Platform failure: DBus error: Failed to connect to socket /nonexistent: No such file or directory',
      /no OS keychain is reachable/,
    ],
    ["Couldn't access platform storage: AccessDenied", /no OS keychain is reachable/],
    ["Couldn't access platform storage: Secret Service: unlock prompt was dismissed", /is locked/],
    [
      "Couldn't access platform storage: Secret Service: no result found",
      /is locked or has no default keyring/,
    ],
    ['Entry is matched by 2 credentials: ambiguous', /the OS keychain refused \(Entry is matched/],
  ];

  it('turns each into an UNAVAILABLE error that says what to do', () => {
    for (const [message, expected] of cases) {
      const e = keychainError('store', 'aws/credentials', new Error(message));
      expect(e.code, message).toBe('UNAVAILABLE');
      expect(e.message).toMatch(expected);
      expect(e.message).toMatch(/^Could not store secret "aws\/credentials": /);
      expect(e.message).toContain('nothing was stored');
    }
  });

  it('reads the cause chain and passes AppErrors through', () => {
    const wrapped = new Error('Platform failure', { cause: new Error('DBus error: NoReply') });
    expect(keychainError('read', 'a', wrapped).message).toMatch(/no OS keychain is reachable/);
    const own = new AppError('VALIDATION', 'bad');
    expect(keychainError('delete', 'a', own)).toBe(own);
  });
});
