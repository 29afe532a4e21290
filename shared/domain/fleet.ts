import { z } from 'zod';
import { idSchema, isoTimeSchema, nameSchema, tagsSchema } from './common.ts';

export const environments = ['dev', 'staging', 'prod'] as const;
export const environmentSchema = z.enum(environments);
export type Environment = z.infer<typeof environmentSchema>;

/** What the reconciler does about config drift in a fleet: report it, or heal it. */
export const driftModes = ['notify', 'heal'] as const;
export const driftModeSchema = z.enum(driftModes);
export type DriftMode = z.infer<typeof driftModeSchema>;

/** Where a fleet's bots run: this workstation (the default), or AWS ECS (Settings > AWS first). */
export const deployTargets = ['local', 'ecs'] as const;
export const deployTargetSchema = z.enum(deployTargets);
export type DeployTarget = z.infer<typeof deployTargetSchema>;

export const fleetSchema = z.object({
  id: idSchema,
  name: z.string(),
  environment: environmentSchema,
  tags: z.array(z.string()),
  description: z.string(),
  botCount: z.number().int().nonnegative(),
  driftMode: driftModeSchema,
  target: deployTargetSchema,
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
});
export type Fleet = z.infer<typeof fleetSchema>;

export const descriptionSchema = z.string().trim().max(2000, 'Description must be at most 2,000 characters');

export const fleetCreateSchema = z.strictObject({
  name: nameSchema,
  environment: environmentSchema,
  tags: tagsSchema.default([]),
  description: descriptionSchema.default(''),
  driftMode: driftModeSchema.default('notify'),
  target: deployTargetSchema.default('local'),
});
export type FleetCreate = z.input<typeof fleetCreateSchema>;

export const fleetUpdateSchema = z.strictObject({
  id: idSchema,
  name: nameSchema.optional(),
  environment: environmentSchema.optional(),
  tags: tagsSchema.optional(),
  description: descriptionSchema.optional(),
  driftMode: driftModeSchema.optional(),
  target: deployTargetSchema.optional(),
});

export const fleetDeleteSchema = z.strictObject({
  id: idSchema,
  force: z.boolean().default(false),
});
