import { z } from 'zod';

export const idSchema = z.string().min(1).max(64);

/** A display name: trimmed, 1 to 64 printable characters. Uniqueness is case-insensitive. */
export const nameSchema = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(64, 'Name must be at most 64 characters')
  .refine((s) => !/\p{Cc}/u.test(s), 'Name must not contain control characters')
  // Direction overrides make a name read differently from what it is (in lists and the audit log).
  .refine((s) => !/[\u202A-\u202E\u2066-\u2069]/u.test(s), 'Name must not contain text-direction controls');

/** Tags: short labels like `team:payments`; duplicates are dropped, order kept. */
export const tagSchema = z
  .string()
  .trim()
  .min(1, 'Tag must not be empty')
  .max(63, 'Tag must be at most 63 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._:/-]*$/u, 'Tag may hold letters, digits and . _ : / - only');

export const tagsSchema = z
  .array(tagSchema)
  .max(32, 'At most 32 tags')
  .transform((tags) => [...new Set(tags)]);

export const isoTimeSchema = z.string();

/** The key used for case-insensitive uniqueness of names. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('en-US');
}
