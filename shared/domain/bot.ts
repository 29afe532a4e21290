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

/** The most bots one request may add. */
export const MAX_BOTS_PER_REQUEST = 10_000;

export const botCreateManySchema = z.strictObject({
  fleetId: idSchema,
  bots: z
    .array(z.strictObject({ name: nameSchema, tags: tagsSchema.default([]) }))
    .min(1, 'List at least one bot')
    .max(
      MAX_BOTS_PER_REQUEST,
      `At most ${MAX_BOTS_PER_REQUEST.toLocaleString('en-US')} bots can be added at once; split the list`,
    ),
});

export const botCreateManyResultSchema = z.object({
  fleetId: idSchema,
  count: z.number().int().nonnegative(),
  ids: z.array(idSchema),
});

/** Pushed once for a `bot.createMany`: every bot it added to the fleet, in the order listed. */
export const botsCreatedSchema = z.object({
  fleetId: idSchema,
  items: z.array(botSchema),
});

export const botUpdateSchema = z.strictObject({
  id: idSchema,
  name: nameSchema.optional(),
  tags: tagsSchema.optional(),
});
