import { z } from 'zod';
import { idSchema, isoTimeSchema, nameSchema, tagsSchema } from './common.ts';

export const environments = ['dev', 'staging', 'prod'] as const;
export const environmentSchema = z.enum(environments);
export type Environment = z.infer<typeof environmentSchema>;

export const fleetSchema = z.object({
  id: idSchema,
  name: z.string(),
  environment: environmentSchema,
  tags: z.array(z.string()),
  description: z.string(),
  botCount: z.number().int().nonnegative(),
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
});
export type FleetCreate = z.input<typeof fleetCreateSchema>;

export const fleetUpdateSchema = z.strictObject({
  id: idSchema,
  name: nameSchema.optional(),
  environment: environmentSchema.optional(),
  tags: tagsSchema.optional(),
  description: descriptionSchema.optional(),
});

export const fleetDeleteSchema = z.strictObject({
  id: idSchema,
  force: z.boolean().default(false),
});
