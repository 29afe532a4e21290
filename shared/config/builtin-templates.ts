import type { TemplateManifest } from '../manifests/schema.ts';
import { API_VERSION } from '../manifests/schema.ts';
import type { JsonObject } from './json.ts';
import { secretRef } from './secrets.ts';

/**
 * The built-in templates, the one source of truth (resources/templates/*.yaml are generated from
 * these; a test keeps them equal). Each is a complete OpenClaw config with OpenClaw's key names,
 * hardened along docs/gateway/security/hardened-baseline.md: gateway on loopback with token auth,
 * DMs by pairing, groups by allowlist, every agent sandboxed, no elevated or host exec, secrets
 * only as references (one per bot: `{fleet}/{bot}` is filled in at deploy). Each passes the
 * production policy pack with no critical finding.
 */
const keychain = (name: string) => secretRef('keychain', `clawster/{fleet}/{bot}/${name}`);

function hardenedBase(): JsonObject {
  return {
    gateway: {
      mode: 'local',
      port: 18789,
      bind: 'loopback',
      auth: { mode: 'token', token: keychain('gateway-token') },
    },
    session: { dmScope: 'per-channel-peer' },
    agents: { defaults: { sandbox: { mode: 'all', scope: 'agent', workspaceAccess: 'rw' } } },
    tools: {
      profile: 'messaging',
      deny: ['group:automation', 'group:runtime'],
      fs: { workspaceOnly: true },
      exec: { security: 'deny', ask: 'always' },
      elevated: { enabled: false },
    },
    discovery: { mdns: { mode: 'off' } },
  };
}

function template(name: string, description: string, tags: string[], extra: JsonObject): TemplateManifest {
  return {
    apiVersion: API_VERSION,
    kind: 'Template',
    metadata: { name, labels: { 'clawster.dev/builtin': 'true' }, tags },
    spec: { description, config: { ...hardenedBase(), ...extra } },
  };
}

export const builtinTemplates: readonly TemplateManifest[] = [
  template(
    'minimal',
    'A gateway and one sandboxed agent, reachable through the Control UI on loopback only.',
    ['minimal'],
    {},
  ),
  template('slack-bot', 'A Slack bot in Socket Mode: DMs by pairing, channels by allowlist.', ['slack'], {
    channels: {
      slack: {
        enabled: true,
        botToken: keychain('slack-bot-token'),
        appToken: keychain('slack-app-token'),
        dmPolicy: 'pairing',
        groupPolicy: 'allowlist',
        allowBots: false,
      },
    },
  }),
  template(
    'webhook-bot',
    'A bot driven by authenticated HTTP webhooks (POST /hooks/agent) routed to its main agent.',
    ['webhook'],
    {
      hooks: {
        enabled: true,
        path: '/hooks',
        token: keychain('hooks-token'),
        allowedAgentIds: ['main'],
        defaultSessionKey: 'hook:main',
        allowRequestSessionKey: false,
      },
    },
  ),
  template(
    'telegram',
    'A Telegram bot: DMs by pairing, groups by allowlist and only when mentioned.',
    ['telegram'],
    {
      channels: {
        telegram: {
          enabled: true,
          botToken: keychain('telegram-bot-token'),
          dmPolicy: 'pairing',
          groupPolicy: 'allowlist',
          groups: { '*': { requireMention: true } },
        },
      },
    },
  ),
  template(
    'discord',
    'A Discord bot: DMs by pairing, servers by allowlist, other bots ignored.',
    ['discord'],
    {
      channels: {
        discord: {
          enabled: true,
          token: keychain('discord-bot-token'),
          dmPolicy: 'pairing',
          groupPolicy: 'allowlist',
          allowBots: false,
        },
      },
    },
  ),
];
