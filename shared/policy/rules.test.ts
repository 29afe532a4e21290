import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../config/json.ts';
import { deepMerge } from '../config/merge.ts';
import { secretRef } from '../config/secrets.ts';
import { evaluate } from './evaluate.ts';
import { ruleIds } from './packs.ts';
import type { PolicyContext } from './types.ts';

/** `${NAME}`: OpenClaw's env substitution, written without a template literal. */
const env = (name: string) => ['$', '{', name, '}'].join('');

/**
 * Each rule: a config it flags and a near-identical config it passes. Configs start from one
 * hardened base and differ from it by a small patch (merged with the one deep merge).
 */
const ref = (name: string) => secretRef('keychain', `clawster/test/${name}`);
const base: JsonObject = {
  gateway: { mode: 'local', port: 18789, bind: 'loopback', auth: { mode: 'token', token: ref('gateway') } },
  agents: { defaults: { sandbox: { mode: 'all' } } },
  tools: { profile: 'messaging', elevated: { enabled: false } },
  channels: {
    telegram: { enabled: true, botToken: ref('telegram'), dmPolicy: 'pairing', groupPolicy: 'allowlist' },
  },
};
const context: PolicyContext = {
  environment: 'prod',
  botName: 'alpha',
  botId: 'bot-alpha',
  fleetId: 'fleet-1',
  openclawVersion: '2026.9.6',
};
const INTEGRITY = `sha512-${'A'.repeat(86)}==`;
const AWS_KEY = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
const OPENAI_KEY = ['sk-proj-', 'abcdefghijklmnopqrstuvwxyz012345'].join('');
const PEM = [
  '-----BEGIN OPENSSH ',
  'PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----',
].join('');

interface Variant {
  config?: JsonObject;
  installs?: JsonObject;
  context?: Partial<PolicyContext>;
}
const cases: Record<string, { flag: Variant; pass: Variant }> = {
  'gateway.bind_no_auth': {
    flag: { config: { gateway: { bind: 'lan', auth: null } } },
    pass: { config: { gateway: { bind: 'lan' } } },
  },
  'gateway.auth_none': {
    flag: { config: { gateway: { auth: { mode: 'none', token: null } } } },
    pass: { config: { gateway: { auth: { mode: 'token' } } } },
  },
  'gateway.token_too_short': {
    flag: { config: { gateway: { auth: { token: 'tiny-token' } } } },
    pass: { config: { gateway: { auth: { token: 'a-much-longer-token-of-forty-characters!' } } } },
  },
  'hooks.token_reuse_gateway_token': {
    flag: { config: { hooks: { enabled: true, token: ref('gateway') } } },
    pass: { config: { hooks: { enabled: true, token: ref('hooks') } } },
  },
  'gateway.control_ui_origins': {
    flag: { config: { gateway: { bind: 'lan', controlUi: { allowedOrigins: ['*'] } } } },
    pass: {
      config: { gateway: { bind: 'lan', controlUi: { allowedOrigins: ['https://ops.example.com'] } } },
    },
  },
  'gateway.tailscale_funnel': {
    flag: { config: { gateway: { tailscale: { mode: 'funnel' } } } },
    pass: { config: { gateway: { tailscale: { mode: 'serve' } } } },
  },
  'gateway.terminal_exposed': {
    flag: { config: { gateway: { bind: 'tailnet' } } },
    pass: { config: { gateway: { bind: 'tailnet', terminal: { enabled: false } } } },
  },
  'secrets.plaintext': {
    flag: {
      config: {
        env: { vars: { OPENAI_API_KEY: OPENAI_KEY } },
        channels: { telegram: { botToken: '123456:literal' } },
      },
      context: { env: { AWS_ACCESS_KEY_ID: AWS_KEY } },
    },
    pass: {
      config: {
        env: { vars: { OPENAI_API_KEY: ref('openai') } },
        channels: { telegram: { botToken: `${env('TELEGRAM_BOT_TOKEN')}` } },
      },
      context: { env: { AWS_REGION: 'eu-west-1' } },
    },
  },
  'secrets.url_credentials': {
    flag: {
      config: { mcp: { servers: { docs: { url: 'https://deploy:hunter2hunter2@mcp.example.com/mcp' } } } },
    },
    pass: {
      config: {
        mcp: { servers: { docs: { url: `https://deploy:${env('MCP_PASSWORD')}@mcp.example.com/mcp` } } },
      },
    },
  },
  'config.dangerous_flags': {
    flag: { config: { gateway: { controlUi: { dangerouslyDisableDeviceAuth: true } } } },
    pass: { config: { gateway: { controlUi: { dangerouslyDisableDeviceAuth: false } } } },
  },
  'channels.open_dm_policy': {
    flag: { config: { channels: { telegram: { dmPolicy: 'open', allowFrom: ['*'] } } } },
    pass: { config: { channels: { telegram: { dmPolicy: 'allowlist', allowFrom: ['tg:123'] } } } },
  },
  'channels.open_group_policy': {
    flag: { config: { channels: { telegram: { accounts: { alerts: { groupPolicy: 'open' } } } } } },
    pass: { config: { channels: { telegram: { accounts: { alerts: { groupPolicy: 'allowlist' } } } } } },
  },
  'tools.open_groups_with_elevated': {
    flag: {
      config: {
        channels: { telegram: { groupPolicy: 'open' } },
        tools: { profile: 'coding', elevated: null },
      },
    },
    pass: {
      config: {
        channels: { telegram: { groupPolicy: 'open' } },
        tools: { profile: 'coding', elevated: { enabled: false } },
      },
    },
  },
  'tools.open_surfaces_with_runtime_or_fs': {
    flag: {
      config: {
        channels: { telegram: { dmPolicy: 'open' } },
        tools: { profile: 'coding' },
        agents: { defaults: { sandbox: { mode: 'off' } } },
      },
    },
    pass: {
      config: {
        channels: { telegram: { dmPolicy: 'open' } },
        tools: { profile: 'coding' },
        agents: { defaults: { sandbox: { mode: 'non-main' } } },
      },
    },
  },
  'tools.unsandboxed_runtime': {
    flag: { config: { tools: { profile: 'coding' }, agents: { defaults: { sandbox: { mode: 'off' } } } } },
    pass: {
      config: {
        tools: { profile: 'coding', deny: ['group:runtime', 'group:fs'] },
        agents: { defaults: { sandbox: { mode: 'off' } } },
      },
    },
  },
  'sandbox.off': {
    flag: { config: { agents: { list: [{ id: 'ops', sandbox: { mode: 'off' } }] } } },
    pass: { config: { agents: { list: [{ id: 'ops', sandbox: { mode: 'non-main' } }] } } },
  },
  'sandbox.host_network': {
    flag: { config: { agents: { defaults: { sandbox: { docker: { network: 'host' } } } } } },
    pass: { config: { agents: { defaults: { sandbox: { docker: { network: 'bridge' } } } } } },
  },
  'sandbox.docker_socket': {
    flag: {
      config: {
        agents: {
          defaults: {
            sandbox: {
              docker: { binds: ['/srv/data:/data:ro', '/var/run/docker.sock:/var/run/docker.sock'] },
            },
          },
        },
      },
    },
    pass: {
      config: {
        agents: { defaults: { sandbox: { docker: { binds: ['/srv/data:/data:ro', '/srv/cache:/cache'] } } } },
      },
    },
  },
  'supply_chain.unpinned': {
    flag: { installs: { plugins: { 'voice-call': { spec: '@openclaw/voice-call' } } } },
    pass: {
      installs: {
        plugins: { 'voice-call': { spec: '@openclaw/voice-call@2026.9.1', integrity: INTEGRITY } },
      },
    },
  },
  'openclaw.version_advisory': {
    flag: { context: { openclawVersion: '2026.3.8' } },
    pass: { context: { openclawVersion: '2026.9.6' } },
  },
  'openclaw.version_unpinned': {
    flag: { context: { openclawVersion: 'latest' } },
    pass: { context: { openclawVersion: '2026.9.6' } },
  },
  'fleet.port_spacing': {
    flag: {
      context: {
        placement: { target: 'local' },
        otherBots: [{ key: 'bot-beta', name: 'beta', placement: { target: 'local' }, gatewayPort: 18800 }],
      },
    },
    pass: {
      context: {
        placement: { target: 'local' },
        otherBots: [{ key: 'bot-beta', name: 'beta', placement: { target: 'local' }, gatewayPort: 18809 }],
      },
    },
  },
  'fleet.shared_workspace': {
    flag: {
      config: { agents: { defaults: { workspace: '/srv/bots/alpha' } } },
      context: {
        placement: { target: 'local' },
        otherBots: [
          {
            key: 'bot-beta',
            name: 'beta',
            placement: { target: 'local' },
            gatewayPort: 18809,
            workspaces: ['/srv/bots//alpha/'],
          },
        ],
      },
    },
    pass: {
      config: { agents: { defaults: { workspace: '/srv/bots/alpha' } } },
      context: {
        placement: { target: 'local' },
        otherBots: [
          {
            key: 'bot-beta',
            name: 'beta',
            placement: { target: 'local' },
            gatewayPort: 18809,
            workspaces: ['/srv/bots/beta'],
          },
        ],
      },
    },
  },
  'cloud.ecs_task_role_wildcard': {
    flag: {
      context: {
        placement: { target: 'ecs' },
        ecsTaskRole: {
          policies: [{ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bots/*' }] }],
        },
      },
    },
    pass: {
      context: {
        placement: { target: 'ecs' },
        ecsTaskRole: {
          policies: [
            { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bots/*' }] },
          ],
        },
      },
    },
  },
};

function run(v: Variant) {
  const config = deepMerge(base, v.config ?? {}) as JsonObject;
  return evaluate(
    { config, installs: v.installs ?? {} },
    { ...context, ...v.context },
    { now: '2026-10-01T00:00:00Z' },
  );
}

describe('policy rules', () => {
  it('have a flag/pass case for every rule', () => {
    expect(Object.keys(cases).sort()).toEqual([...ruleIds].sort());
  });

  it('find nothing in the hardened base', () => {
    expect(run({}).findings).toEqual([]);
  });

  for (const [ruleId, { flag, pass }] of Object.entries(cases)) {
    describe(ruleId, () => {
      it('flags the unsafe config', () => {
        const found = run(flag).findings.filter((f) => f.ruleId === ruleId);
        expect(found.length).toBeGreaterThan(0);
        for (const f of found) {
          expect(f.path).not.toBe('');
          expect(f.why.length).toBeGreaterThan(10);
          expect(f.fix.length).toBeGreaterThan(10);
        }
      });

      it('passes the near-identical safe config', () => {
        expect(run(pass).findings.filter((f) => f.ruleId === ruleId)).toEqual([]);
      });
    });
  }

  it('names the exact path of each plaintext secret and never repeats the secret', () => {
    const e = run({
      config: {
        env: { vars: { OPENAI_API_KEY: OPENAI_KEY } },
        agents: { defaults: { sandbox: { ssh: { identityData: PEM } } } },
        models: { providers: { mock: { apiKey: 'x-literal' } } },
      },
      context: { env: { AWS_ACCESS_KEY_ID: AWS_KEY } },
    });
    const paths = e.findings.filter((f) => f.ruleId === 'secrets.plaintext').map((f) => f.path);
    expect(paths).toEqual([
      'config.agents.defaults.sandbox.ssh.identityData',
      'config.env.vars.OPENAI_API_KEY',
      'config.models.providers.mock.apiKey',
      'env.AWS_ACCESS_KEY_ID',
    ]);
    const text = JSON.stringify(e);
    for (const secret of [OPENAI_KEY, AWS_KEY, 'b3BlbnNzaC1rZXktdjEAAAAA', 'x-literal'])
      expect(text).not.toContain(secret);
  });

  it('finds secrets by their shape under any key, and URL credentials in query strings and bot paths', () => {
    const e = run({
      config: {
        plugins: {
          entries: {
            custom: { config: { note: `use ${AWS_KEY}`, hook: 'https://x.example.com/h?token=abc123' } },
          },
        },
        channels: {
          telegram: { apiRoot: 'https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw' },
        },
      },
    });
    const byRule = (id: string) => e.findings.filter((f) => f.ruleId === id).map((f) => f.path);
    expect(byRule('secrets.plaintext')).toEqual(['config.plugins.entries.custom.config.note']);
    expect(byRule('secrets.url_credentials')).toEqual([
      'config.channels.telegram.apiRoot',
      'config.plugins.entries.custom.config.hook',
    ]);
  });

  it('does not mistake ordinary settings for secrets', () => {
    const e = run({
      config: {
        gateway: { auth: { mode: 'token' } },
        agents: { defaults: { contextTokens: 200000, model: { primary: 'anthropic/claude-opus-4-6' } } },
        channels: { telegram: { tokenFile: '/run/secrets/telegram', allowFrom: ['tg:123456789'] } },
        hooks: { defaultSessionKey: 'hook:main' },
        mcp: {
          servers: {
            remote: {
              url: 'https://example.com/mcp',
              headers: { Authorization: `Bearer ${env('MCP_TOKEN')}` },
            },
          },
        },
      },
    });
    expect(e.findings).toEqual([]);
  });
});
