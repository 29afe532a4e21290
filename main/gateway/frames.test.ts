import { describe, expect, it } from 'vitest';
import { parseChallenge, parseHelloOk, parseInbound } from './frames.ts';

describe('gateway frames', () => {
  it('reads responses (ok and error) and events, and ignores anything else', () => {
    expect(parseInbound('{"type":"res","id":"7","ok":true,"payload":{"ok":true}}')).toEqual({
      type: 'res',
      id: '7',
      ok: true,
      payload: { ok: true },
    });
    const err = parseInbound(
      '{"type":"res","id":"1","ok":false,"error":{"code":"UNAVAILABLE","message":"gateway starting; retry shortly","retryable":true,"retryAfterMs":500,"details":{"reason":"startup-sidecars"}}}',
    );
    expect(err).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', retryAfterMs: 500, retryable: true },
    });
    expect(parseInbound('{"type":"event","event":"tick","payload":{"ts":1},"seq":7}')).toEqual({
      type: 'event',
      event: 'tick',
      payload: { ts: 1 },
      seq: 7,
    });
    for (const junk of ['not json', '[]', '{"type":"res"}', '{"type":"req","id":"1","method":"x"}'])
      expect(parseInbound(junk)).toBeNull();
  });

  it('accepts a challenge only with a nonce and a non-negative integer ts', () => {
    expect(parseChallenge({ nonce: 'n', ts: 1795464186205 })).toEqual({ nonce: 'n', ts: 1795464186205 });
    expect(parseChallenge({ nonce: 'n', ts: -1 })).toBeNull();
    expect(parseChallenge({ nonce: '', ts: 1 })).toBeNull();
    expect(parseChallenge({ nonce: 'n', ts: 1.5 })).toBeNull();
  });

  it('keeps what it needs of hello-ok and shares the method list between connections', () => {
    const payload = {
      type: 'hello-ok',
      protocol: 4,
      server: { version: '2026.9.6', connId: 'c1' },
      features: { methods: ['health', 'status'], events: ['tick'] },
      snapshot: { uptimeMs: 5, presence: [{ big: true }], health: { ok: true } },
      auth: { method: 'token', role: 'operator', scopes: ['operator.read'], deviceToken: 'dt' },
      policy: { maxPayload: 26214400, tickIntervalMs: 30000 },
    };
    const a = parseHelloOk(payload);
    const b = parseHelloOk(structuredClone(payload));
    expect(a).toMatchObject({
      protocol: 4,
      server: { version: '2026.9.6', connId: 'c1' },
      auth: { deviceToken: 'dt', scopes: ['operator.read'] },
      policy: { tickIntervalMs: 30000 },
      snapshot: { uptimeMs: 5, health: { ok: true } },
    });
    expect(a?.snapshot).not.toHaveProperty('presence');
    expect(a?.features.methods).toBe(b?.features.methods);
    expect(parseHelloOk({ ...payload, server: {} })).toBeNull();
  });
});
