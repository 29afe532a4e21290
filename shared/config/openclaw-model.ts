import { z } from 'zod';
import { openclawSecretRefSchema, secretRefSchema } from './secrets.ts';

/**
 * The part of the OpenClaw config (`openclaw.json`) that Clawster reads, as zod schemas. Key
 * names follow OpenClaw's docs (gateway/config-*.md) and src/config/zod-schema*.ts. Every object
 * is loose: keys this model does not know pass through untouched (validation only checks; it
 * never rewrites a config), and OpenClaw's `meta` block is kept as it is.
 */
const loose = z.looseObject;
const str = z.string();
const strList = z.array(z.string());
const bool = z.boolean();

/** Where OpenClaw takes a credential: a literal, an OpenClaw SecretRef, or a Clawster reference. */
export const secretInputSchema = z.union([str, secretRefSchema, openclawSecretRefSchema]);
/** Values of env-var maps: strings, or a Clawster reference replaced at deploy time. */
const envMap = z.record(z.string(), z.union([str, z.number(), bool, secretRefSchema]));

export const gatewayBindModes = ['auto', 'lan', 'loopback', 'custom', 'tailnet'] as const;
export const gatewayAuthModes = ['none', 'token', 'password', 'trusted-proxy'] as const;
export const dmPolicies = ['pairing', 'allowlist', 'open', 'disabled'] as const;
export const groupPolicies = ['open', 'allowlist', 'disabled'] as const;
export const sandboxModes = ['off', 'non-main', 'all'] as const;
export const toolProfiles = ['minimal', 'coding', 'messaging', 'full'] as const;

const gatewaySchema = loose({
  mode: z.enum(['local', 'remote']).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  bind: z.enum(gatewayBindModes).optional(),
  customBindHost: str.optional(),
  publicOrigin: str.optional(),
  auth: loose({
    mode: z.enum(gatewayAuthModes).optional(),
    token: secretInputSchema.optional(),
    password: secretInputSchema.optional(),
    allowTailscale: bool.optional(),
    rateLimit: loose({}).optional(),
    trustedProxy: loose({ userHeader: str.optional(), allowUsers: strList.optional() }).optional(),
  }).optional(),
  controlUi: loose({
    enabled: bool.optional(),
    basePath: str.optional(),
    allowedOrigins: strList.optional(),
    allowInsecureAuth: bool.optional(),
  }).optional(),
  tailscale: loose({ mode: z.enum(['off', 'serve', 'funnel']).optional() }).optional(),
  terminal: loose({ enabled: bool.optional(), shell: str.optional() }).optional(),
  trustedProxies: strList.optional(),
  remote: loose({
    url: str.optional(),
    token: secretInputSchema.optional(),
    password: secretInputSchema.optional(),
  }).optional(),
  reload: loose({ mode: z.enum(['off', 'hybrid', 'restart', 'hot']).optional() }).optional(),
  tls: loose({ enabled: bool.optional() }).optional(),
});

const hooksSchema = loose({
  enabled: bool.optional(),
  path: str.optional(),
  token: secretInputSchema.optional(),
  defaultSessionKey: str.optional(),
  allowRequestSessionKey: bool.optional(),
  allowedSessionKeyPrefixes: strList.optional(),
  allowedAgentIds: strList.optional(),
  presets: strList.optional(),
  mappings: z.array(loose({})).optional(),
});

const accessPolicy = {
  enabled: bool.optional(),
  dmPolicy: z.enum(dmPolicies).optional(),
  groupPolicy: z.enum(groupPolicies).optional(),
  allowFrom: z.array(z.union([str, z.number()])).optional(),
  groupAllowFrom: z.array(z.union([str, z.number()])).optional(),
  botToken: secretInputSchema.optional(),
  appToken: secretInputSchema.optional(),
  userToken: secretInputSchema.optional(),
  signingSecret: secretInputSchema.optional(),
  token: secretInputSchema.optional(),
  webhookSecret: secretInputSchema.optional(),
};
const channelSchema = loose({
  ...accessPolicy,
  accounts: z.record(z.string(), loose(accessPolicy)).optional(),
});
const channelsSchema = z.record(z.string(), channelSchema);

const sandboxSchema = loose({
  mode: z.enum(sandboxModes).optional(),
  backend: str.optional(),
  scope: z.enum(['session', 'agent', 'shared']).optional(),
  workspaceAccess: z.enum(['none', 'ro', 'rw']).optional(),
  docker: loose({
    network: str.optional(),
    binds: strList.optional(),
    image: str.optional(),
    env: envMap.optional(),
  }).optional(),
  browser: loose({ enabled: bool.optional(), network: str.optional(), binds: strList.optional() }).optional(),
});

const toolsSchema = loose({
  profile: z.enum(toolProfiles).optional(),
  allow: strList.optional(),
  alsoAllow: strList.optional(),
  deny: strList.optional(),
  elevated: loose({ enabled: bool.optional() }).optional(),
  exec: loose({
    security: z.enum(['deny', 'allowlist', 'full']).optional(),
    ask: z.enum(['off', 'on-miss', 'always']).optional(),
  }).optional(),
  fs: loose({ workspaceOnly: bool.optional() }).optional(),
});

const agentSchema = loose({
  id: str.optional(),
  workspace: str.optional(),
  sandbox: sandboxSchema.optional(),
  tools: toolsSchema.optional(),
});
const agentsSchema = loose({
  defaults: loose({ workspace: str.optional(), sandbox: sandboxSchema.optional() }).optional(),
  list: z.array(agentSchema).optional(),
  entries: z.record(z.string(), agentSchema).optional(),
});

const extensionEntry = loose({
  enabled: bool.optional(),
  apiKey: secretInputSchema.optional(),
  env: envMap.optional(),
});

/** Each top-level section of `openclaw.json` this model checks; others pass through unchecked. */
export const openclawSections = {
  meta: loose({ lastTouchedVersion: str.optional(), lastTouchedAt: z.union([str, z.number()]).optional() }),
  env: loose({ shellEnv: loose({ enabled: bool.optional() }).optional(), vars: envMap.optional() }),
  gateway: gatewaySchema,
  hooks: hooksSchema,
  channels: channelsSchema,
  agents: agentsSchema,
  tools: toolsSchema,
  session: loose({ dmScope: str.optional() }),
  logging: loose({
    level: str.optional(),
    file: str.optional(),
  }),
  discovery: loose({ mdns: loose({ mode: z.enum(['off', 'minimal', 'full']).optional() }).optional() }),
  skills: loose({
    load: loose({ extraDirs: strList.optional() }).optional(),
    entries: z.record(z.string(), extensionEntry).optional(),
  }),
  plugins: loose({
    enabled: bool.optional(),
    allow: strList.optional(),
    deny: strList.optional(),
    load: loose({ paths: strList.optional() }).optional(),
    entries: z.record(z.string(), extensionEntry).optional(),
  }),
  models: loose({
    providers: z
      .record(z.string(), loose({ baseUrl: str.optional(), apiKey: secretInputSchema.optional() }))
      .optional(),
  }),
  mcp: loose({
    servers: z.record(z.string(), loose({ url: str.optional(), env: envMap.optional() })).optional(),
  }),
} as const;

/** The whole model as one schema (for editors); validate.ts checks section by section. */
export const openclawConfigSchema = z.looseObject(
  Object.fromEntries(Object.entries(openclawSections).map(([k, s]) => [k, s.optional()])),
);

export type OpenclawSection = keyof typeof openclawSections;
