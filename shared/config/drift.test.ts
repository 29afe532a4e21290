import { describe, expect, it } from 'vitest';
import { configDrift } from './drift.ts';
import { isPlainObject } from './json.ts';
import { deepMerge } from './merge.ts';
import { REDACTED } from './secrets.ts';

const desired = {
  gateway: {
    mode: 'local',
    port: 28790,
    bind: 'loopback',
    auth: { mode: 'token', token: { source: 'env', provider: 'default', id: 'GW_TOKEN' } },
  },
  channels: {
    slack: { botToken: { $secret: { store: 'keychain', ref: 'slack/{bot}' } }, dmPolicy: 'pairing' },
  },
  agents: { defaults: { sandbox: { mode: 'all' } } },
  tools: { allow: ['read', 'write'] },
};

describe('configDrift', () => {
  it('finds nothing when the live config is the desired one with its secrets redacted and a meta block', () => {
    const live = {
      ...desired,
      gateway: { ...desired.gateway, auth: { mode: 'token', token: REDACTED } },
      channels: { slack: { botToken: REDACTED, dmPolicy: 'pairing' } },
      meta: { lastTouchedVersion: '2026.9.6', lastTouchedAt: '2026-11-24T00:00:00Z' },
    };
    expect(configDrift(desired, live)).toEqual({ changes: [], patch: null });
  });

  it('reports changed, added and removed values and a merge patch that heals exactly them', () => {
    const live = {
      ...desired,
      gateway: { ...desired.gateway, bind: 'lan' },
      channels: { slack: { botToken: REDACTED, dmPolicy: 'open', allowFrom: ['*'] } },
      tools: { allow: ['read'] },
      agents: {},
    };
    const drift = configDrift(desired, live);
    expect(drift.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'added agents.defaults',
      'removed channels.slack.allowFrom',
      'changed channels.slack.dmPolicy',
      'changed gateway.bind',
      'changed tools.allow',
    ]);
    expect(drift.patch).toEqual({
      agents: { defaults: { sandbox: { mode: 'all' } } },
      channels: { slack: { allowFrom: null, dmPolicy: 'pairing' } },
      gateway: { bind: 'loopback' },
      tools: { allow: ['read', 'write'] },
    });
    // Applying the patch the way the gateway does (RFC 7396) gives back the desired config.
    const healed = deepMerge(live, drift.patch ?? {});
    if (!isPlainObject(healed)) throw new Error('merge gave no object');
    expect(configDrift(desired, healed).changes).toEqual([]);
  });

  it('never sends the redaction marker back, and treats a redacted value where a number is wanted as drift', () => {
    const live = { ...desired, gateway: { ...desired.gateway, port: REDACTED } };
    const drift = configDrift(desired, live);
    expect(drift.patch).toEqual({ gateway: { port: 28790 } });
    expect(JSON.stringify(drift.patch)).not.toContain(REDACTED);
  });

  it('leaves the gateway-owned meta block alone even when Clawster has none', () => {
    const drift = configDrift(desired, { ...desired, meta: { x: 1 }, extra: true });
    expect(drift.patch).toEqual({ extra: null });
  });
});
