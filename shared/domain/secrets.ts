import { z } from 'zod';
import { secretStores } from '../config/secrets.ts';
import { idSchema, isoTimeSchema } from './common.ts';

/**
 * Bot secrets as the operator manages them: channel tokens and model API keys, in the keychain
 * (local bots) or in AWS Secrets Manager (ECS bots), named by the reference manifests use
 * (`$secret: {store, ref}`). Values go in and never come back out; SQLite holds references only.
 */
export const secretNameSchema = z
  .string()
  .min(1, 'Give the secret a name')
  .max(512, 'A secret name has at most 512 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9/_.+=@{}-]*$/,
    'Use letters, digits and / _ . + = @ - (the reference manifests use)',
  );

export const secretPutSchema = z.strictObject({
  store: z.enum(secretStores),
  name: secretNameSchema,
  value: z.string().min(1, 'A secret needs a value').max(65_536, 'A secret holds at most 64 KiB'),
});

export const secretRefParamsSchema = z.strictObject({
  store: z.enum(secretStores),
  name: secretNameSchema,
});

/** One bot redeployed (or restarted) because a secret it reads was rotated. */
export const secretRedeploySchema = z.object({
  botId: idSchema,
  ok: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const secretPutResultSchema = z.object({
  store: z.enum(secretStores),
  name: z.string(),
  /** False when a value was already stored (a rotation). */
  created: z.boolean(),
  /** The deployed bots that read it, restarted so that they read the new value. */
  redeployed: z.array(secretRedeploySchema),
});

/** A secret some bot's config refers to, and whether its store holds it. */
export const secretEntrySchema = z.object({
  store: z.enum(secretStores),
  name: z.string(),
  /** Bots whose resolved config refers to it. */
  usedBy: z.array(z.object({ botId: idSchema, botName: z.string(), path: z.string() })),
  /** Whether the store holds a value (null: the store could not be asked, e.g. AWS not set up). */
  present: z.boolean().nullable(),
  lastChangedAt: isoTimeSchema.optional(),
});
export const secretListSchema = z.object({
  items: z.array(secretEntrySchema),
  /** Why a store could not be asked, when one could not. */
  problems: z.array(z.string()),
});
export type SecretEntry = z.infer<typeof secretEntrySchema>;
