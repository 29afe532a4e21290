import { describe, expect, it } from 'vitest';
import { checkGatewayUrl } from './url-policy.ts';

describe('gateway URL policy', () => {
  it('allows wss:// anywhere and ws:// on loopback, private networks, Tailscale and .local', () => {
    for (const ok of [
      'wss://bots.example.com',
      'ws://127.0.0.1:18789',
      'ws://localhost:18789',
      'ws://[::1]:18789',
      'ws://10.0.0.5:18789',
      'ws://192.168.1.20:18789',
      'ws://100.101.102.103:18789',
      'ws://bot-7.tail1234.ts.net:18789',
      'ws://bot.local:18789',
    ])
      expect(() => checkGatewayUrl(ok)).not.toThrow();
    expect(checkGatewayUrl('http://127.0.0.1:18789/')).toBe('ws://127.0.0.1:18789');
  });

  it('refuses plain ws:// to a public host, saying what to do instead', () => {
    expect(() => checkGatewayUrl('ws://203.0.113.7:18789')).toThrow(/wss:\/\/.*SSH tunnel/);
    expect(() => checkGatewayUrl('ws://bots.example.com')).toThrow(/over plain ws:\/\//);
    expect(() => checkGatewayUrl('ftp://x')).toThrow(/not a gateway URL/);
    expect(() => checkGatewayUrl('not a url')).toThrow(/not a URL/);
  });
});
