import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from './json.ts';
import { openclawConfigSchema } from './openclaw-model.ts';
import { validateOpenclawConfig } from './validate.ts';

describe('the OpenClaw config model', () => {
  it('reports wrong values with full paths', () => {
    const config = {
      gateway: { port: 70000, bind: '0.0.0.0', auth: { mode: 'magic' } },
      channels: { slack: { dmPolicy: 'everyone' } },
      agents: { defaults: { sandbox: { mode: 'sometimes' } } },
    };
    expect(validateOpenclawConfig(config).map((i) => i.path)).toEqual([
      'config.agents.defaults.sandbox.mode',
      'config.channels.slack.dmPolicy',
      'config.gateway.auth.mode',
      'config.gateway.bind',
      'config.gateway.port',
    ]);
  });

  it('accepts secret references where OpenClaw takes credentials, and refuses them elsewhere', () => {
    const ref = { $secret: { store: 'aws-sm', ref: 'prod/bot', key: 'token' } };
    expect(
      validateOpenclawConfig({ gateway: { auth: { token: ref } }, channels: { slack: { botToken: ref } } }),
    ).toEqual([]);
    expect(validateOpenclawConfig({ gateway: { bind: ref } }).map((i) => i.path)).toEqual([
      'config.gateway.bind',
    ]);
  });

  it('never drops keys it does not model, at any depth, and keeps meta as it is', () => {
    const extra = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 8 }).map((k) => `zz${k}`),
      fc.jsonValue({ maxDepth: 2 }),
      { maxKeys: 3 },
    );
    fc.assert(
      fc.property(extra, extra, extra, (top, inGateway, inSlack) => {
        const config = {
          ...top,
          meta: { lastTouchedVersion: '2026.9.6', lastTouchedAt: 1758000000000, futureMeta: 'kept' },
          gateway: { port: 18789, ...inGateway, auth: { mode: 'token', ...inGateway } },
          channels: { slack: { enabled: true, ...inSlack } },
        } as JsonObject;
        expect(openclawConfigSchema.parse(config)).toEqual(config);
        expect(validateOpenclawConfig(config)).toEqual([]);
      }),
    );
  });
});
