import { describe, expect, it } from 'vitest';
import { type CloseFacts, decideAfterClose } from './close-policy.ts';
import { connectError } from './errors.ts';

const url = 'ws://127.0.0.1:18789';
const facts = (f: Partial<CloseFacts>): CloseFacts => ({
  url,
  code: 1006,
  reason: '',
  helloSeen: true,
  refusal: null,
  authKind: 'device-token',
  hasSharedToken: true,
  restartExpectedMs: undefined,
  silentMs: undefined,
  socketError: undefined,
  restarting: false,
  ...f,
});

describe('what a closed socket means', () => {
  it('stops on a wrong token, and on a protocol mismatch, without retrying', () => {
    const wrong = connectError(
      { code: 'INVALID_REQUEST', message: 'unauthorized', details: { code: 'AUTH_TOKEN_MISMATCH' } },
      url,
      false,
    );
    expect(
      decideAfterClose(facts({ code: 1008, helloSeen: false, refusal: wrong, authKind: 'token' })),
    ).toEqual({
      kind: 'stop',
      error: wrong,
    });
    const proto = decideAfterClose(facts({ code: 1002, helloSeen: false }));
    expect(proto.kind === 'stop' && proto.error.gatewayCode).toBe('PROTOCOL_MISMATCH');
  });

  it('treats shutdown + 1012 as an expected restart: quiet retry after restartExpectedMs', () => {
    const d = decideAfterClose(facts({ code: 1012, reason: 'service restart', restartExpectedMs: 1500 }));
    expect(d).toMatchObject({ kind: 'retry', restarting: true, hintMs: 1500 });
    expect(d.kind === 'retry' && d.error.gatewayCode).toBe('UNAVAILABLE');
  });

  it('keeps reporting "restarting" (not unreachable) while the restarted gateway is still down', () => {
    const d = decideAfterClose(
      facts({ helloSeen: false, restarting: true, socketError: 'connect ECONNREFUSED' }),
    );
    expect(d).toMatchObject({ kind: 'retry', restarting: true });
    expect(d.kind === 'retry' && d.error.message).toMatch(/restarting/);
  });

  it('close 4001 stops a device-token socket, and asks a shared-token socket to switch credentials', () => {
    const onDevice = decideAfterClose(facts({ code: 4001, reason: 'gateway auth changed' }));
    expect(onDevice.kind === 'stop' && onDevice.error.gatewayCode).toBe('AUTH_CHANGED');
    const onToken = decideAfterClose(facts({ code: 4001, authKind: 'token' }));
    expect(onToken.kind).toBe('auth-changed');
  });

  it('retries a refused device token at once with the shared token, or stops when there is none', () => {
    const refusal = connectError(
      {
        code: 'INVALID_REQUEST',
        message: 'device token mismatch',
        details: { code: 'AUTH_DEVICE_TOKEN_MISMATCH' },
      },
      url,
      true,
    );
    expect(decideAfterClose(facts({ helloSeen: false, refusal }))).toMatchObject({
      kind: 'retry',
      immediate: true,
      clearDeviceToken: true,
    });
    expect(decideAfterClose(facts({ helloSeen: false, refusal, hasSharedToken: false })).kind).toBe('stop');
  });

  it('retries pairing-required and "gateway starting", the latter no sooner than retryAfterMs', () => {
    const starting = connectError(
      { code: 'UNAVAILABLE', message: 'gateway starting; retry shortly', retryable: true, retryAfterMs: 500 },
      url,
      false,
    );
    expect(decideAfterClose(facts({ helloSeen: false, refusal: starting }))).toMatchObject({
      kind: 'retry',
      hintMs: 500,
    });
    const pairing = connectError(
      {
        code: 'NOT_PAIRED',
        message: 'pairing required',
        details: { code: 'PAIRING_REQUIRED', requestId: 'r1' },
      },
      url,
      false,
    );
    expect(decideAfterClose(facts({ code: 1008, helloSeen: false, refusal: pairing })).kind).toBe('retry');
  });

  it('names silence, unreachable hosts and dropped connections differently', () => {
    const silent = decideAfterClose(facts({ silentMs: 61_000 }));
    expect(silent.kind === 'retry' && silent.error.message).toMatch(/went silent.*61 s/);
    const unreachable = decideAfterClose(
      facts({ helloSeen: false, socketError: 'connect ECONNREFUSED 127.0.0.1:1' }),
    );
    expect(unreachable.kind === 'retry' && unreachable.error.gatewayCode).toBe('UNREACHABLE');
    expect(unreachable.kind === 'retry' && unreachable.error.message).toMatch(/ECONNREFUSED/);
    const dropped = decideAfterClose(facts({ code: 1006 }));
    expect(dropped.kind === 'retry' && dropped.error.gatewayCode).toBe('DISCONNECTED');
  });
});
