import { z } from 'zod';

/**
 * What Clawster reads of each gateway answer (observed on OpenClaw 2026.9.6). Every schema is
 * loose: members Clawster does not read pass through untouched, so a newer gateway that adds
 * fields still parses; a missing or retyped member Clawster relies on fails as BAD_RESPONSE.
 */
const loose = z.looseObject;
const num = z.number();
const counts = z.record(z.string(), z.unknown());

export const eventLoop = loose({ degraded: z.boolean().optional(), reasons: z.array(z.string()).optional() });

export const health = loose({
  ok: z.boolean(),
  ts: num,
  durationMs: num.optional(),
  channels: z.record(z.string(), z.unknown()).optional(),
  agents: z.array(loose({ agentId: z.string() })).optional(),
  eventLoop: eventLoop.optional(),
});

export const status = loose({
  runtimeVersion: z.string().optional(),
  eventLoop: eventLoop.optional(),
  tasks: counts.optional(),
  sessions: counts.optional(),
  processMemory: counts.optional(),
});

export const configSnapshot = loose({
  path: z.string(),
  exists: z.boolean(),
  /** The opaque authored revision every write must name as its baseHash. */
  hash: z.string(),
  parsed: z.unknown(),
  valid: z.boolean().optional(),
  issues: z.array(z.unknown()).optional(),
  configRevisionHash: z.string().optional(),
  appliedConfigHash: z.string().optional(),
});

export const configWrite = loose({
  ok: z.boolean(),
  path: z.string().optional(),
  hash: z.string(),
  config: z.unknown().optional(),
  changedPaths: z.array(z.string()).optional(),
  sentinel: loose({
    payload: loose({ stats: loose({ requiresRestart: z.boolean().optional() }).optional() }).optional(),
  })
    .nullable()
    .optional(),
});

export const schemaLookup = loose({
  path: z.string(),
  schema: z.unknown().optional(),
  reloadKind: z.enum(['hot', 'restart', 'none']).optional(),
});

export const logsTail = loose({
  file: z.string(),
  cursor: num,
  size: num,
  lines: z.array(z.string()),
});

const usageTotals = loose({ totalTokens: num, totalCost: num });

export const usageCost = loose({
  days: num.optional(),
  totals: usageTotals,
  daily: z.array(loose({ date: z.string() })).optional(),
  cacheStatus: loose({ status: z.string() }).optional(),
});

export const usageStatus = loose({ updatedAt: num.optional(), providers: z.array(z.unknown()) });

export const sessionsUsage = loose({
  sessions: z.array(z.unknown()),
  totals: usageTotals.optional(),
  aggregates: z.unknown().optional(),
});

export const channelsStatus = loose({
  channels: z.record(z.string(), z.unknown()),
  channelOrder: z.array(z.string()).optional(),
  channelAccounts: z.record(z.string(), z.unknown()).optional(),
});

export const agentsList = loose({
  defaultId: z.string().optional(),
  agents: z.array(loose({ id: z.string(), model: loose({ primary: z.string().optional() }).optional() })),
});

export const updateStatus = loose({
  sentinel: z.unknown().nullable().optional(),
  updateAvailable: z.unknown().nullable().optional(),
});

export const restartRequest = loose({
  ok: z.boolean(),
  status: z.string(),
  preflight: loose({ safe: z.boolean(), blockers: z.array(z.unknown()).optional() }).optional(),
});

export const tick = loose({ ts: num });

export const configChanged = loose({ path: z.string().optional(), hash: z.string(), ts: num.optional() });

export const agentEvent = loose({
  runId: z.string(),
  stream: z.string(),
  data: z.unknown().optional(),
  seq: num.optional(),
  ts: num.optional(),
  sessionKey: z.string().optional(),
});

export const chatEvent = loose({
  runId: z.string().optional(),
  sessionKey: z.string().optional(),
  state: z.string(),
});
