import { z } from 'zod';
import { idSchema, isoTimeSchema, nameSchema, tagsSchema } from './common.ts';

export const botSchema = z.object({
  id: idSchema,
  fleetId: idSchema,
  name: z.string(),
  tags: z.array(z.string()),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  /** The OpenClaw gateway this bot is connected to (absent for a bot that is not connected). */
  gatewayUrl: z.string().optional(),
});
export type Bot = z.infer<typeof botSchema>;

export const botCreateSchema = z.strictObject({
  fleetId: idSchema,
  name: nameSchema,
  tags: tagsSchema.default([]),
});
export type BotCreate = z.input<typeof botCreateSchema>;

export const botUpdateSchema = z.strictObject({
  id: idSchema,
  name: nameSchema.optional(),
  tags: tagsSchema.optional(),
});
