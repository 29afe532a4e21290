import { z } from 'zod';
import { idSchema, isoTimeSchema, nameSchema, tagsSchema } from './common.ts';

/** A bot's gateway as the operator sees it, live. */
export const healthStates = [
  'connecting',
  'healthy',
  'degraded',
  'down',
  'pairing-required',
  'auth-failed',
  'unknown',
] as const;
export type HealthState = (typeof healthStates)[number];

export const gatewayErrorSchema = z.object({
  /** The gateway error code (e.g. PAIRING_REQUIRED, AUTH_TOKEN_MISMATCH, UNREACHABLE). */
  code: z.string(),
  message: z.string(),
  /** Facts to act on: requestId and approveCommand for pairing, retrying, retryAfterMs. */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type GatewayErrorInfo = z.infer<typeof gatewayErrorSchema>;

export const botHealthSchema = z.object({
  botId: idSchema,
  state: z.enum(healthStates),
  /** The OpenClaw version of the gateway (from its hello). */
  version: z.string().nullable(),
  /** When the gateway process started; uptime is now minus this. */
  startedAt: isoTimeSchema.nullable(),
  lastTickAt: isoTimeSchema.nullable(),
  lastHealthAt: isoTimeSchema.nullable(),
  /** When `state` last changed. */
  since: isoTimeSchema,
  lastError: gatewayErrorSchema.nullable(),
});
export type BotHealth = z.infer<typeof botHealthSchema>;

export const channelSummarySchema = z.object({
  id: z.string(),
  /** Whether the channel reports itself configured/running, when it says. */
  configured: z.boolean().nullable(),
  running: z.boolean().nullable(),
});

export const agentSummarySchema = z.object({
  id: z.string(),
  model: z.string().nullable(),
  isDefault: z.boolean(),
});

/** What "Test connection" and bot.gateway.info show of a gateway. */
export const gatewaySummarySchema = z.object({
  url: z.string(),
  version: z.string(),
  uptimeMs: z.number().nullable(),
  health: z.object({ ok: z.boolean().nullable(), degraded: z.boolean() }),
  channels: z.array(channelSummarySchema),
  agents: z.array(agentSummarySchema),
});
export type GatewaySummary = z.infer<typeof gatewaySummarySchema>;

/** A gateway token as typed by the operator: never stored in SQLite, logged or returned. */
const tokenSchema = z.string().trim().min(1, 'Token is required').max(4096, 'Token is too long');
const urlSchema = z.string().trim().min(1, 'URL is required').max(2048, 'URL is too long');

export const gatewayTestSchema = z.strictObject({ url: urlSchema, token: tokenSchema });
/** Where the gateway of a bot on ECS can be reached from this workstation (VPN, tailnet, private DNS). */
export const gatewayEndpointSchema = z.strictObject({ id: idSchema, url: urlSchema });

export const botConnectSchema = z.strictObject({
  fleetId: idSchema,
  name: nameSchema,
  url: urlSchema,
  token: tokenSchema,
  tags: tagsSchema.default([]),
});
export type BotConnect = z.input<typeof botConnectSchema>;

export const botConnectResultSchema = z.object({
  botId: idSchema,
  health: botHealthSchema,
  /** The summary when the gateway let Clawster in; null while pairing is pending. */
  summary: gatewaySummarySchema.nullable(),
});

export const gatewaySetTokenSchema = z.strictObject({ id: idSchema, token: tokenSchema });
