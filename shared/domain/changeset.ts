import { z } from 'zod';
import { idSchema, isoTimeSchema } from './common.ts';
import { manifestApplySchema, manifestChangeSchema, manifestRefSchema } from './manifest.ts';

/**
 * Change sets: a change to the manifests (templates, profiles, overlays, bot overrides), kept as
 * a record, then rolled out to the deployed bots whose config it changes, wave by wave. Each wave
 * is redeployed and must become healthy (and stay so for the bake time) before the next starts;
 * a wave that fails rolls the whole change back automatically. A finished change set can be
 * rolled back with one action.
 */
export const rolloutStrategySchema = z.discriminatedUnion('kind', [
  /** Every bot at once, in one wave. */
  z.strictObject({ kind: z.literal('all') }),
  /** Waves of `percent` % of the bots each (rounded up), until all have it. */
  z.strictObject({ kind: z.literal('percentage'), percent: z.number().int().min(1).max(100) }),
  /** `bots` canary bots first; when they are healthy, the rest in one wave. */
  z.strictObject({ kind: z.literal('canary'), bots: z.number().int().min(1).max(100) }),
]);
export type RolloutStrategy = z.infer<typeof rolloutStrategySchema>;

export const changeSetStatuses = [
  /** Recorded, not started: nothing changed yet. */
  'draft',
  /** The manifests are applied and bots are being updated, wave by wave. */
  'rolling-out',
  /** Every bot has the change and passed its health gate. */
  'completed',
  /** Going back to the manifests from before, and redeploying the bots that had the change. */
  'rolling-back',
  /** Rolled back: automatically after a failed wave, or by the operator. */
  'rolled-back',
  /** Stopped part way (a failed rollback, or Clawster closed during a rollout): roll back to finish. */
  'failed',
  /** A draft the operator dropped. */
  'discarded',
] as const;
export const changeSetStatusSchema = z.enum(changeSetStatuses);
export type ChangeSetStatus = z.infer<typeof changeSetStatusSchema>;

export const rolloutBotStatuses = [
  'pending',
  'updating',
  'healthy',
  'failed',
  /** Not updated: stopped on purpose, or the rollout ended before its wave. */
  'skipped',
  'rolled-back',
] as const;
export const rolloutBotStatusSchema = z.enum(rolloutBotStatuses);
export type RolloutBotStatus = z.infer<typeof rolloutBotStatusSchema>;

export const rolloutBotSchema = z.object({
  botId: idSchema,
  botName: z.string(),
  fleetId: idSchema,
  fleetName: z.string(),
  /** 1-based wave number. */
  wave: z.number().int().positive(),
  status: rolloutBotStatusSchema,
  /** Why it failed or was skipped, or what it is waiting for. */
  message: z.string().optional(),
  updatedAt: isoTimeSchema.nullable(),
});
export type RolloutBot = z.infer<typeof rolloutBotSchema>;

/** A manifest the change set writes: its version before (null: created by it) and after. */
export const changeSetManifestSchema = z.object({
  ref: manifestRefSchema,
  label: z.string(),
  before: z.number().int().positive().nullable(),
  after: z.number().int().positive().nullable(),
});
export type ChangeSetManifest = z.infer<typeof changeSetManifestSchema>;

export const changeSetSchema = z.object({
  id: idSchema,
  title: z.string(),
  description: z.string(),
  status: changeSetStatusSchema,
  strategy: rolloutStrategySchema,
  /** How long a bot has to become healthy after its redeploy. */
  healthTimeoutSec: z.number().int().positive(),
  /** How long a wave must then stay healthy before the next one starts. */
  bakeSec: z.number().int().nonnegative(),
  files: manifestApplySchema.shape.files,
  /** What the manifests change: from the dry run at creation, then from the apply at start. */
  changes: z.array(manifestChangeSchema),
  /** Bots whose config the change set changes, over all fleets. */
  botsChanged: z.number().int().nonnegative(),
  manifests: z.array(changeSetManifestSchema),
  bots: z.array(rolloutBotSchema),
  /** Why the rollout stopped, in one line an operator can act on. */
  failure: z.string().nullable(),
  actor: z.string(),
  createdAt: isoTimeSchema,
  startedAt: isoTimeSchema.nullable(),
  finishedAt: isoTimeSchema.nullable(),
});
export type ChangeSet = z.infer<typeof changeSetSchema>;

/** A change set without its manifest files: what `changeset.changed` pushes at every step. */
export const changeSetInfoSchema = changeSetSchema.omit({ files: true });
export type ChangeSetInfo = z.infer<typeof changeSetInfoSchema>;

/** `cs` without its files (they can be megabytes, and no step changes them). */
export function infoOf(cs: ChangeSet): ChangeSetInfo {
  const { files: _files, ...info } = cs;
  return info;
}

export const changeSetSummarySchema = changeSetSchema
  .omit({ files: true, changes: true, manifests: true, bots: true })
  .extend({
    counts: z.record(rolloutBotStatusSchema, z.number().int().nonnegative()),
  });
export type ChangeSetSummary = z.infer<typeof changeSetSummarySchema>;

export const changeSetCreateSchema = z.strictObject({
  title: z.string().trim().min(1, 'Give the change set a title').max(200),
  description: z.string().max(4000).default(''),
  files: manifestApplySchema.shape.files,
  strategy: rolloutStrategySchema.default({ kind: 'all' }),
  healthTimeoutSec: z.number().int().min(5).max(3600).default(120),
  bakeSec: z.number().int().min(0).max(3600).default(30),
});
export type ChangeSetCreate = z.input<typeof changeSetCreateSchema>;

export const changeSetByIdSchema = z.strictObject({ id: idSchema });

/** How many of a rollout's bots are in each status (every status present, 0 when none). */
export function countByStatus(
  bots: readonly { status: RolloutBotStatus }[],
): Record<RolloutBotStatus, number> {
  const counts: Record<RolloutBotStatus, number> = {
    pending: 0,
    updating: 0,
    healthy: 0,
    failed: 0,
    skipped: 0,
    'rolled-back': 0,
  };
  for (const b of bots) counts[b.status] += 1;
  return counts;
}

/** A change set's list row: without its files, changes, manifests and bots, with the counts. */
export function toSummary(cs: ChangeSetInfo): ChangeSetSummary {
  const { changes: _changes, manifests: _manifests, bots, ...rest } = cs;
  return { ...rest, counts: countByStatus(bots) };
}
