import { describe, expect, it } from 'vitest';
import { builtinTemplates } from '../../../shared/config/builtin-templates.ts';
import { secretRef } from '../../../shared/config/secrets.ts';
import { AppError } from '../../../shared/contract/errors.ts';
import { checkSecretBindings, GATEWAY_TOKEN_ENV, gatewayEnv, localGatewayConfig } from './gateway-config.ts';
import { botPaths } from './paths.ts';

const paths = botPaths('/data', 'b1');
const minimal = builtinTemplates.find((t) => t.metadata.name === 'minimal')?.spec.config as Record<
  string,
  unknown
>;

describe("a local bot's openclaw.json and environment", () => {
  it('binds loopback on the picked port with the token from the environment, logging into the bot folder', () => {
    const file = localGatewayConfig(
      {
        ...minimal,
        gateway: { mode: 'remote', port: 1, bind: 'lan', auth: { mode: 'password', password: 'pw' } },
      },
      { port: 29100, paths },
    );
    expect(file.gateway).toEqual({
      mode: 'local',
      port: 29100,
      bind: 'loopback',
      auth: { mode: 'token', token: { source: 'env', provider: 'default', id: GATEWAY_TOKEN_ENV } },
    });
    expect(file.logging).toMatchObject({ file: paths.logFile });
    expect(file.update).toEqual({ checkOnStart: false });
    expect(file.discovery).toEqual({ mdns: { mode: 'off' } });
    expect(JSON.stringify(file)).not.toContain('pw');
    expect(file.tools).toEqual(minimal.tools);
  });

  it('refuses keychain references the gateway cannot read, naming where they are', () => {
    const cfg = {
      ...minimal,
      channels: { slack: { botToken: secretRef('keychain', 'clawster/f/b/slack') } },
    };
    expect(() => localGatewayConfig(cfg, { port: 1, paths })).toThrow(
      /keychain references at channels\.slack\.botToken/,
    );
  });

  it("passes only PATH, the locale, the bot's folders, the switches, the token and its secrets", () => {
    const env = gatewayEnv({
      paths,
      token: 'tok',
      secrets: { SLACK_BOT_TOKEN: 's' },
      pathPrefix: '/rt/node/bin',
      base: {
        PATH: '/usr/bin',
        LANG: 'C.UTF-8',
        VITEST: 'true',
        NODE_OPTIONS: '--require x',
        AWS_SECRET_ACCESS_KEY: 'k',
      },
    });
    expect(env).toMatchObject({
      PATH: '/rt/node/bin:/usr/bin',
      LANG: 'C.UTF-8',
      HOME: paths.home,
      OPENCLAW_STATE_DIR: paths.stateDir,
      OPENCLAW_CONFIG_PATH: paths.config,
      TMPDIR: paths.tmp,
      OPENCLAW_DISABLE_BONJOUR: '1',
      OPENCLAW_NO_RESPAWN: '1',
      OPENCLAW_NO_AUTO_UPDATE: '1',
      OPENCLAW_GATEWAY_TOKEN: 'tok',
      SLACK_BOT_TOKEN: 's',
    });
    expect(env.VITEST).toBeUndefined();
    expect(env.NODE_OPTIONS).toBeUndefined();
    expect(env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
  });

  it('refuses secret variables that are invalid, repeated or the target’s own', () => {
    expect(() => checkSecretBindings([{ env: 'OPENCLAW_GATEWAY_TOKEN', ref: 'a/b' }])).toThrow(AppError);
    expect(() => checkSecretBindings([{ env: 'PATH', ref: 'a/b' }])).toThrow(
      /cannot be a secret's variable name/,
    );
    expect(() =>
      checkSecretBindings([
        { env: 'A_KEY', ref: 'a/b' },
        { env: 'A_KEY', ref: 'a/c' },
      ]),
    ).toThrow(/Two secrets are bound to A_KEY/);
    expect(() => checkSecretBindings([{ env: 'SLACK_BOT_TOKEN', ref: 'a/b' }])).not.toThrow();
  });
});
