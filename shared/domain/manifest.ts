import { z } from 'zod';
import { type ManifestKind, manifestKinds, manifestSchema, refNameSchema } from '../manifests/schema.ts';
import { idSchema, isoTimeSchema } from './common.ts';
import { findingSchema } from './policy.ts';

/**
 * The contract of the manifest store: Templates, Profiles and Overlays are named; a Bot manifest
 * belongs to one bot (by id), its `metadata.name`, `fleet`, `environment` and `tags` always read
 * from the bot and its fleet. Built-in templates are read-only and listed with `builtin: true`.
 */
export const manifestKindSchema = z.enum(manifestKinds);
export type { ManifestKind };

/** Which manifest: a named Template, Profile or Overlay, or the Bot manifest of one bot. */
export const manifestRefSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.enum(['Template', 'Profile', 'Overlay']), name: refNameSchema }),
  z.strictObject({ kind: z.literal('Bot'), botId: idSchema }),
]);
export type ManifestRef = z.infer<typeof manifestRefSchema>;

export const manifestSummarySchema = z.object({
  kind: manifestKindSchema,
  /** The template, profile or overlay name; the bot's name for a Bot manifest. */
  name: z.string(),
  botId: idSchema.optional(),
  fleetId: idSchema.optional(),
  fleetName: z.string().optional(),
  /** 0 for a built-in template; 1, 2, ... for stored versions. */
  version: z.number().int().nonnegative(),
  /** The config hash (shared/config/hash.ts) of the manifest's canonical form. */
  hash: z.string(),
  builtin: z.boolean(),
  updatedAt: isoTimeSchema.nullable(),
  updatedBy: z.string().nullable(),
});
export type ManifestSummary = z.infer<typeof manifestSummarySchema>;

export const manifestListSchema = z.strictObject({ kind: manifestKindSchema.optional() });

export const manifestDocSchema = z.object({
  summary: manifestSummarySchema,
  /** The manifest as parsed and normalized (shared/manifests/normalize.ts). */
  manifest: manifestSchema,
});
export type ManifestDoc = z.infer<typeof manifestDocSchema>;

/** Everything the resolver needs, for the editors' live preview in the renderer. */
export const manifestCatalogSchema = z.object({
  templates: z.array(manifestSchema),
  profiles: z.array(manifestSchema),
  overlays: z.array(manifestSchema),
});

const MAX_TEXT = 10 * 1024 * 1024;

/**
 * Apply: manifests as YAML or JSON text (one or many files; YAML may hold several documents).
 * All or nothing: any invalid manifest, unresolvable bot or blocking policy finding refuses the
 * whole apply and nothing changes. `dryRun` returns the same plan and changes nothing.
 */
export const manifestApplySchema = z.strictObject({
  files: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(1024),
        text: z.string().max(MAX_TEXT, 'A file may hold at most 10 MB of manifests'),
      }),
    )
    .min(1, 'Give at least one file')
    .max(10_000),
  dryRun: z.boolean().default(false),
});
export type ManifestApply = z.input<typeof manifestApplySchema>;

export const changeSchema = z.object({
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

export const planActionSchema = z.enum(['create', 'update', 'unchanged']);

/** What an apply does to one manifest. */
export const manifestChangeSchema = z.object({
  kind: manifestKindSchema,
  name: z.string(),
  fleetName: z.string().optional(),
  action: planActionSchema,
  /** The version it gets (the current one when unchanged). */
  version: z.number().int().nonnegative(),
  diff: z.array(changeSchema),
});

/** A problem resolving a bot's layers (a missing template, a lock broken, a wrong environment). */
export const resolveProblemSchema = z.object({
  code: z.enum(['MISSING_REF', 'ENVIRONMENT', 'LOCKED']),
  layer: z.object({ kind: manifestKindSchema, name: z.string() }),
  path: z.string(),
  message: z.string(),
});

/** What an apply does to one bot's desired `openclaw.json` (bots whose config does not change are left out). */
export const botPlanSchema = z.object({
  botId: idSchema.optional(),
  fleetName: z.string(),
  name: z.string(),
  /** `create` when the apply creates this bot. */
  action: planActionSchema,
  configDiff: z.array(changeSchema),
  problems: z.array(resolveProblemSchema),
  findings: z.array(findingSchema),
  blocked: z.boolean(),
});

export const applyPlanSchema = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  manifests: z.array(manifestChangeSchema),
  bots: z.array(botPlanSchema),
  /** Bots whose config changes, over all fleets (the `bots` list may be capped for size). */
  botsChanged: z.number().int().nonnegative(),
  /** Why the apply is refused (dry run) or was refused; empty when it can go ahead. */
  refusals: z.array(z.string()),
});
export type ApplyPlan = z.infer<typeof applyPlanSchema>;

export const manifestVersionSchema = z.object({
  version: z.number().int().positive(),
  hash: z.string(),
  actor: z.string(),
  createdAt: isoTimeSchema,
  /** True for the version that records the manifest's deletion. */
  deleted: z.boolean(),
});

export const manifestVersionsSchema = z.strictObject({ ref: manifestRefSchema });
export const manifestVersionGetSchema = z.strictObject({
  ref: manifestRefSchema,
  version: z.number().int().positive(),
});
export const manifestDiffSchema = z.strictObject({
  ref: manifestRefSchema,
  from: z.number().int().positive(),
  to: z.number().int().positive(),
});
export const manifestDiffResultSchema = z.object({
  from: z.object({ version: z.number().int(), manifest: manifestSchema.nullable() }),
  to: z.object({ version: z.number().int(), manifest: manifestSchema.nullable() }),
  diff: z.array(changeSchema),
});

export const manifestDeleteSchema = z.strictObject({ ref: manifestRefSchema });

/** Export: one YAML file per manifest, by relative path (templates/, profiles/, overlays/, bots/<fleet>/). */
export const manifestExportResultSchema = z.object({
  files: z.array(z.object({ path: z.string(), text: z.string() })),
});

export const explainLineSchema = z.object({
  path: z.string(),
  value: z.unknown(),
  layer: z.object({ kind: manifestKindSchema, name: z.string() }).nullable(),
});

/** A bot's resolved config with, on every value, the layer that set it, and its policy findings. */
export const botExplainSchema = z.object({
  botId: idSchema,
  /** False for a bot without a Bot manifest (nothing to resolve yet). */
  configured: z.boolean(),
  layers: z.array(z.object({ kind: manifestKindSchema, name: z.string() })),
  config: z.record(z.string(), z.unknown()).nullable(),
  installs: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string().nullable(),
  lines: z.array(explainLineSchema),
  problems: z.array(resolveProblemSchema),
  findings: z.array(findingSchema),
  blocked: z.boolean(),
});
export type BotExplain = z.infer<typeof botExplainSchema>;

export const manifestChangedSchema = z.object({
  kind: manifestKindSchema,
  name: z.string(),
  botId: idSchema.optional(),
  version: z.number().int().positive(),
  deleted: z.boolean(),
});
