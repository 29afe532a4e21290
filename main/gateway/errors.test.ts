import { describe, expect, it } from 'vitest';
import { connectError, requestError } from './errors.ts';

// Error shapes exactly as a real OpenClaw 2026.9.6 gateway sent them.
const url = 'ws://127.0.0.1:18789';

describe('gateway errors an operator can act on', () => {
  it('says "wrong token" for AUTH_TOKEN_MISMATCH and maps to FORBIDDEN', () => {
    const e = connectError(
      {
        code: 'INVALID_REQUEST',
        message: 'unauthorized: gateway token mismatch (provide gateway auth token)',
        details: { code: 'AUTH_TOKEN_MISMATCH', canRetryWithDeviceToken: true },
      },
      url,
      false,
    );
    expect(e.gatewayCode).toBe('AUTH_TOKEN_MISMATCH');
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toMatch(/^Wrong token/);
  });

  it('gives the pairing request id and the exact approve command', () => {
    const e = connectError(
      {
        code: 'NOT_PAIRED',
        message: 'pairing required: device is not approved yet',
        details: {
          code: 'PAIRING_REQUIRED',
          reason: 'not-paired',
          requestId: '7059d6f5-3186-4a40-a049-00be99426e9f',
        },
      },
      url,
      false,
    );
    expect(e.gatewayCode).toBe('PAIRING_REQUIRED');
    expect(e.extras.requestId).toBe('7059d6f5-3186-4a40-a049-00be99426e9f');
    expect(e.extras.approveCommand).toBe('openclaw devices approve 7059d6f5-3186-4a40-a049-00be99426e9f');
    expect(e.message).toContain('openclaw devices approve 7059d6f5-3186-4a40-a049-00be99426e9f');
  });

  it('marks "gateway starting" as retried with its retryAfterMs', () => {
    const e = connectError(
      { code: 'UNAVAILABLE', message: 'gateway starting; retry shortly', retryable: true, retryAfterMs: 500 },
      url,
      false,
    );
    expect(e).toMatchObject({ gatewayCode: 'UNAVAILABLE', code: 'UNAVAILABLE' });
    expect(e.extras).toMatchObject({ retryAfterMs: 500, retrying: true });
  });

  it('reads PROTOCOL_MISMATCH from the detail code', () => {
    const e = connectError(
      { code: 'INVALID_REQUEST', message: 'x', details: { code: 'PROTOCOL_MISMATCH' } },
      url,
      false,
    );
    expect(e.gatewayCode).toBe('PROTOCOL_MISMATCH');
  });

  it('names the missing scope of a FORBIDDEN request', () => {
    const e = requestError('config.get', {
      code: 'FORBIDDEN',
      message: 'missing scope: operator.read',
      details: { code: 'MISSING_SCOPE', missingScope: 'operator.read' },
    });
    expect(e.gatewayCode).toBe('FORBIDDEN');
    expect(e.message).toContain('operator.read');
  });
});
