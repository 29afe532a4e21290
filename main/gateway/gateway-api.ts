import type { z } from 'zod';
import type { GatewayConnection } from './connection.ts';
import { GatewayError, isGatewayError } from './errors.ts';
import type { EventFrame } from './frames.ts';
import * as s from './schemas.ts';

export type GatewayHealth = z.infer<typeof s.health>;
export type GatewayStatus = z.infer<typeof s.status>;
export type ConfigSnapshot = z.infer<typeof s.configSnapshot>;
export type ConfigWriteResult = z.infer<typeof s.configWrite>;
export type ConfigSchemaLookup = z.infer<typeof s.schemaLookup>;
export type LogsTail = z.infer<typeof s.logsTail>;
export type UsageCost = z.infer<typeof s.usageCost>;
export type UsageStatus = z.infer<typeof s.usageStatus>;
export type SessionsUsage = z.infer<typeof s.sessionsUsage>;
export type ChannelsStatus = z.infer<typeof s.channelsStatus>;
export type AgentsList = z.infer<typeof s.agentsList>;
export type UpdateStatus = z.infer<typeof s.updateStatus>;
export type RestartRequest = z.infer<typeof s.restartRequest>;
export type ConfigChanged = z.infer<typeof s.configChanged>;
export type AgentEvent = z.infer<typeof s.agentEvent>;
export type ChatEvent = z.infer<typeof s.chatEvent>;

export interface ConfigPatchParams {
  /** A JSON merge patch: an object (sent as JSON) or JSON5 text. */
  patch: Record<string, unknown> | string;
  /** The `hash` of the config.get this patch is based on. Always required. */
  baseHash: string;
  note?: string;
  /** Paths whose arrays are replaced instead of merged. */
  replacePaths?: string[];
  restartDelayMs?: number;
}

export interface ConfigApplyParams {
  /** The whole config, as an object or JSON5 text. */
  config: Record<string, unknown> | string;
  baseHash: string;
  note?: string;
}

export interface CallOptions {
  timeoutMs?: number;
}

/** The OpenClaw text that marks a stale baseHash (it carries no detail code of its own). */
const STALE_HASH = /config changed since last load/i;

/** Typed wrappers for the gateway methods the control plane uses. */
export interface GatewayApi {
  readonly connection: GatewayConnection;
  health(o?: CallOptions): Promise<GatewayHealth>;
  status(o?: CallOptions): Promise<GatewayStatus>;
  configGet(o?: CallOptions): Promise<ConfigSnapshot>;
  /** Merge-patches the config; a stale `baseHash` fails with a CONFLICT GatewayError. */
  configPatch(p: ConfigPatchParams, o?: CallOptions): Promise<ConfigWriteResult>;
  /** Replaces the whole config; a stale `baseHash` fails with a CONFLICT GatewayError. */
  configApply(p: ConfigApplyParams, o?: CallOptions): Promise<ConfigWriteResult>;
  configSchemaLookup(path: string, o?: CallOptions): Promise<ConfigSchemaLookup>;
  logsTail(p?: { cursor?: number; limit?: number; maxBytes?: number }, o?: CallOptions): Promise<LogsTail>;
  usageCost(p?: { days?: number }, o?: CallOptions): Promise<UsageCost>;
  usageStatus(o?: CallOptions): Promise<UsageStatus>;
  sessionsUsage(p?: Record<string, unknown>, o?: CallOptions): Promise<SessionsUsage>;
  channelsStatus(o?: CallOptions): Promise<ChannelsStatus>;
  agentsList(o?: CallOptions): Promise<AgentsList>;
  updateStatus(o?: CallOptions): Promise<UpdateStatus>;
  /** Asks the gateway to restart itself; the connection reconnects on its own afterwards. */
  requestRestart(p: { reason: string }, o?: CallOptions): Promise<RestartRequest>;
  onHealth(listener: (health: GatewayHealth) => void): () => void;
  onTick(listener: (ts: number) => void): () => void;
  onConfigChanged(listener: (e: ConfigChanged) => void): () => void;
  /** Agent run events (lifecycle, assistant, tool items, usage), kept for traces. */
  onAgent(listener: (e: AgentEvent, frame: EventFrame) => void): () => void;
  /** Chat events (delta, final, error), kept for traces. */
  onChat(listener: (e: ChatEvent, frame: EventFrame) => void): () => void;
}

function read<S extends z.ZodType>(schema: S, method: string, payload: unknown): z.output<S> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new GatewayError(
    'BAD_RESPONSE',
    `The gateway's answer to ${method} is not what Clawster expects` +
      (first ? ` (${first.path.join('.') || 'root'}: ${first.message}).` : '.') +
      ' The gateway may run an OpenClaw version Clawster does not support.',
    { method },
  );
}

const asRaw = (v: Record<string, unknown> | string) => (typeof v === 'string' ? v : JSON.stringify(v));

export function createGatewayApi(conn: GatewayConnection): GatewayApi {
  const call = async <S extends z.ZodType>(schema: S, method: string, params: unknown, o?: CallOptions) =>
    read(schema, method, await conn.request(method, params, o));

  /** A refused write is a conflict when the gateway says so, or when the hash moved on since. */
  const write = async (
    method: string,
    params: Record<string, unknown>,
    baseHash: string,
    o?: CallOptions,
  ) => {
    try {
      return await call(s.configWrite, method, params, o);
    } catch (e) {
      if (!isGatewayError(e) || e.gatewayCode !== 'REJECTED') throw e;
      let stale = STALE_HASH.test(e.message);
      if (!stale) {
        const now = await call(s.configSnapshot, 'config.get', {}, o).catch(() => null);
        stale = now !== null && now.hash !== baseHash;
      }
      if (!stale) throw e;
      throw new GatewayError(
        'CONFLICT',
        `The bot's config changed on the gateway since Clawster last read it, so ${method} was refused ` +
          'and nothing was written. Reload the config, review the difference and apply again.',
        { method, ...(e.extras.remoteCode ? { remoteCode: e.extras.remoteCode } : {}) },
      );
    }
  };

  const listen = <S extends z.ZodType>(
    event: string,
    schema: S,
    fn: (v: z.output<S>, f: EventFrame) => void,
  ) =>
    conn.on(event, (payload, frame) => {
      const parsed = schema.safeParse(payload);
      if (parsed.success) fn(parsed.data, frame);
    });

  return {
    connection: conn,
    health: (o) => call(s.health, 'health', {}, o),
    status: (o) => call(s.status, 'status', {}, o),
    configGet: (o) => call(s.configSnapshot, 'config.get', {}, o),
    configPatch: (p, o) =>
      write(
        'config.patch',
        {
          raw: asRaw(p.patch),
          baseHash: p.baseHash,
          ...(p.note !== undefined ? { note: p.note } : {}),
          ...(p.replacePaths !== undefined ? { replacePaths: p.replacePaths } : {}),
          ...(p.restartDelayMs !== undefined ? { restartDelayMs: p.restartDelayMs } : {}),
        },
        p.baseHash,
        o,
      ),
    configApply: (p, o) =>
      write(
        'config.apply',
        { raw: asRaw(p.config), baseHash: p.baseHash, ...(p.note !== undefined ? { note: p.note } : {}) },
        p.baseHash,
        o,
      ),
    configSchemaLookup: (path, o) => call(s.schemaLookup, 'config.schema.lookup', { path }, o),
    logsTail: (p = {}, o) => call(s.logsTail, 'logs.tail', p, o),
    usageCost: (p = {}, o) => call(s.usageCost, 'usage.cost', p, o),
    usageStatus: (o) => call(s.usageStatus, 'usage.status', {}, o),
    sessionsUsage: (p = {}, o) => call(s.sessionsUsage, 'sessions.usage', p, o),
    channelsStatus: (o) => call(s.channelsStatus, 'channels.status', {}, o),
    agentsList: (o) => call(s.agentsList, 'agents.list', {}, o),
    updateStatus: (o) => call(s.updateStatus, 'update.status', {}, o),
    requestRestart: (p, o) => call(s.restartRequest, 'gateway.restart.request', p, o),
    onHealth: (fn) => listen('health', s.health, fn),
    onTick: (fn) => listen('tick', s.tick, (t) => fn(t.ts)),
    onConfigChanged: (fn) => listen('config.changed', s.configChanged, fn),
    onAgent: (fn) => listen('agent', s.agentEvent, fn),
    onChat: (fn) => listen('chat', s.chatEvent, fn),
  };
}
