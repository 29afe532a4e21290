import { z } from 'zod';
import { idSchema, isoTimeSchema } from './common.ts';

/**
 * The lifecycle of a deployed bot. `pending`: a deploy was asked for; `provisioning`: Clawster is
 * preparing and starting it (runtime, config, process, waiting for the gateway to be ready);
 * `running`: ready and healthy; `degraded`: running but its health says otherwise; `stopped`: on
 * purpose; `error`: it failed, with the reason and the log tail, and the next action is possible.
 */
export const lifecycleStates = [
  'pending',
  'provisioning',
  'running',
  'degraded',
  'stopped',
  'error',
] as const;
export const lifecycleStateSchema = z.enum(lifecycleStates);
export type LifecycleState = z.infer<typeof lifecycleStateSchema>;

/** Which states each state may move to; anything else is a bug, refused loudly. */
const transitions: Readonly<Record<LifecycleState, readonly LifecycleState[]>> = {
  pending: ['provisioning', 'error', 'stopped'],
  provisioning: ['running', 'degraded', 'error', 'stopped'],
  running: ['degraded', 'stopped', 'error', 'provisioning'],
  degraded: ['running', 'stopped', 'error', 'provisioning'],
  stopped: ['provisioning', 'pending', 'error'],
  error: ['pending', 'provisioning', 'stopped'],
};

export function canTransition(from: LifecycleState | null, to: LifecycleState): boolean {
  if (from === null) return to === 'pending' || to === 'provisioning';
  return from === to || transitions[from].includes(to);
}

/** The operator actions, and the states from which each one makes sense. */
export const lifecycleActions = ['deploy', 'start', 'stop', 'restart', 'redeploy', 'destroy'] as const;
export type LifecycleAction = (typeof lifecycleActions)[number];

export function allowedActions(state: LifecycleState | null): LifecycleAction[] {
  switch (state) {
    case null:
      return ['deploy'];
    case 'pending':
    case 'provisioning':
      return ['stop', 'destroy'];
    case 'running':
    case 'degraded':
      return ['stop', 'restart', 'redeploy', 'destroy'];
    case 'stopped':
      return ['start', 'redeploy', 'destroy'];
    case 'error':
      return ['start', 'redeploy', 'stop', 'destroy'];
  }
}

export const lastErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** The last lines of the bot's log when it failed (never secrets: logs are redacted). */
  logTail: z.array(z.string()).optional(),
});

export const botRuntimeSchema = z.object({
  botId: idSchema,
  target: z.enum(['local', 'ecs']),
  desiredState: z.enum(['running', 'stopped']),
  state: lifecycleStateSchema,
  stateSince: isoTimeSchema,
  openclawVersion: z.string().nullable(),
  configHash: z.string().nullable(),
  port: z.number().int().nullable(),
  /** When the current process started (uptime is measured from it); null when not running. */
  startedAt: isoTimeSchema.nullable(),
  restartCount: z.number().int().nonnegative(),
  lastError: lastErrorSchema.nullable(),
  updatedAt: isoTimeSchema,
});
export type BotRuntime = z.infer<typeof botRuntimeSchema>;

export const deploymentEventSchema = z.object({
  seq: z.number().int().positive(),
  botId: idSchema,
  at: isoTimeSchema,
  fromState: lifecycleStateSchema.nullable(),
  toState: lifecycleStateSchema,
  /** What caused it: an operator action, the reconciler, a health change, the process exiting. */
  cause: z.string(),
  message: z.string(),
  actor: z.string(),
});
export type DeploymentEvent = z.infer<typeof deploymentEventSchema>;

export const botActionSchema = z.strictObject({ id: idSchema });
export const botDestroySchema = z.strictObject({
  id: idSchema,
  /** The bot's name, typed by the operator to confirm (compared ignoring case). */
  confirmName: z.string().min(1, "Type the bot's name to confirm").max(128),
});
export const botDestroyResultSchema = z.object({ id: idSchema, removed: z.array(z.string()) });
export const botEventsQuerySchema = z.strictObject({
  id: idSchema,
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export const botEventsPageSchema = z.object({
  events: z.array(deploymentEventSchema),
  nextBefore: z.number().int().nullable(),
});

/** A reconcile pass over every deployed bot in scope (all of them, or one fleet, or one bot). */
export const reconcileRunSchema = z.strictObject({
  fleetId: idSchema.optional(),
  botId: idSchema.optional(),
});
export const reconcileStatuses = ['unmanaged', 'in-sync', 'drifted', 'healed', 'error'] as const;
export const reconcileReportSchema = z.object({
  startedAt: isoTimeSchema,
  ms: z.number().int().nonnegative(),
  counts: z.record(z.enum(reconcileStatuses), z.number().int()),
  results: z.array(
    z.object({
      botId: idSchema,
      status: z.enum(reconcileStatuses),
      /** The drifted paths. */
      changes: z.array(z.string()),
      /** Why drift was not healed, or the error. */
      detail: z.string().optional(),
    }),
  ),
});

/**
 * How live gateway health moves a deployed bot: a running bot whose gateway reports degraded or
 * down becomes degraded; a degraded one that is healthy again is running. Null: no change (a
 * stopped, failed or starting bot's health is the lifecycle's business, not health's).
 */
export function healthTransition(
  state: LifecycleState,
  health: 'connecting' | 'healthy' | 'degraded' | 'down' | 'pairing-required' | 'auth-failed' | 'unknown',
): 'degraded' | 'running' | null {
  if (state === 'running' && (health === 'degraded' || health === 'down' || health === 'auth-failed'))
    return 'degraded';
  if (state === 'degraded' && health === 'healthy') return 'running';
  return null;
}

/** One action on many bots (the fleet table's selection); each bot's progress arrives as bot.runtime.changed. */
export const botBulkSchema = z
  .strictObject({
    action: z.enum(['deploy', 'redeploy', 'start', 'stop', 'restart', 'destroy']),
    ids: z.array(idSchema).min(1, 'Select at least one bot').max(500, 'Act on at most 500 bots at once'),
    /** For destroy: the number of bots, typed by the operator to confirm. */
    confirmCount: z.number().int().optional(),
  })
  .refine((p) => p.action !== 'destroy' || p.confirmCount === p.ids.length, {
    path: ['confirmCount'],
    message: 'Type the number of bots to destroy to confirm',
  });
export const botBulkResultSchema = z.object({
  results: z.array(
    z.object({
      botId: idSchema,
      ok: z.boolean(),
      runtime: botRuntimeSchema.nullable().optional(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});

/**
 * What a bot's target says of it right now (an ECS service and its task, or the local process):
 * the bot page shows it beside the lifecycle, which follows it.
 */
export const targetStatusSchema = z.object({
  state: z.enum(['running', 'starting', 'deploying', 'stopping', 'stopped', 'failed', 'absent']),
  health: z.enum(['healthy', 'unhealthy', 'unknown']),
  desired: z.number().int(),
  running: z.number().int(),
  configVersion: z.string().optional(),
  /** One sentence, e.g. "1 of 1 task running, healthy". */
  detail: z.string(),
  instances: z.array(
    z.object({
      /** The ECS task id (for `aws ecs execute-command --task`), or the process id. */
      id: z.string(),
      state: z.string(),
      health: z.enum(['healthy', 'unhealthy', 'unknown']),
      startedAt: z.string().optional(),
      stoppedReason: z.string().optional(),
    }),
  ),
  /** Newest first: ECS service events, process exits. */
  events: z.array(z.object({ at: z.string(), message: z.string() })),
});
export type TargetStatus = z.infer<typeof targetStatusSchema>;
