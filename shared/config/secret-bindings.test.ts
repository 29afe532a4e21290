import { describe, expect, it } from 'vitest';
import { bindSecrets } from './secret-bindings.ts';
import { secretRef } from './secrets.ts';

const who = { bot: 'Support Bot', fleet: 'Prod EU', environment: 'prod' };

describe('bindSecrets', () => {
  it('turns each secret reference into an env reference and a binding to the expanded reference', () => {
    const { config, bindings } = bindSecrets(
      {
        gateway: {
          auth: { mode: 'token', token: secretRef('keychain', 'clawster/{fleet}/{bot}/gateway-token') },
        },
        channels: {
          slack: {
            botToken: secretRef('keychain', 'slack/{bot}'),
            appToken: secretRef('keychain', 'slack-app'),
          },
        },
        models: { providers: { list: [{ apiKey: secretRef('aws-sm', '{env}/openai', 'apiKey') }] } },
      },
      who,
      ['gateway.auth.token'],
    );
    expect(config.channels).toEqual({
      slack: {
        botToken: { source: 'env', provider: 'default', id: 'SECRET_CHANNELS_SLACK_BOTTOKEN' },
        appToken: { source: 'env', provider: 'default', id: 'SECRET_CHANNELS_SLACK_APPTOKEN' },
      },
    });
    expect(config.gateway).toEqual({
      auth: { mode: 'token', token: secretRef('keychain', 'clawster/{fleet}/{bot}/gateway-token') },
    });
    expect(bindings).toEqual([
      {
        env: 'SECRET_CHANNELS_SLACK_BOTTOKEN',
        path: 'channels.slack.botToken',
        ref: secretRef('keychain', 'slack/support-bot'),
      },
      {
        env: 'SECRET_CHANNELS_SLACK_APPTOKEN',
        path: 'channels.slack.appToken',
        ref: secretRef('keychain', 'slack-app'),
      },
      {
        env: 'SECRET_MODELS_PROVIDERS_LIST_0_APIKEY',
        path: 'models.providers.list[0].apiKey',
        ref: secretRef('aws-sm', 'prod/openai', 'apiKey'),
      },
    ]);
  });

  it('writes an env template string where OpenClaw takes no SecretRef (hooks.token)', () => {
    const { config, bindings } = bindSecrets(
      { hooks: { enabled: true, token: secretRef('keychain', 'hooks') } },
      who,
    );
    expect(config.hooks).toEqual({ enabled: true, token: '$' + '{SECRET_HOOKS_TOKEN}' });
    expect(bindings).toEqual([
      { env: 'SECRET_HOOKS_TOKEN', path: 'hooks.token', ref: secretRef('keychain', 'hooks') },
    ]);
  });

  it('gives two paths that read alike two variables', () => {
    const { bindings } = bindSecrets(
      { a: { 'b-c': secretRef('keychain', 'x'), b_c: secretRef('keychain', 'y') } },
      who,
    );
    expect(bindings.map((b) => b.env)).toEqual(['SECRET_A_B_C', 'SECRET_A_B_C_2']);
  });
});
