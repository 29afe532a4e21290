import { z } from 'zod';
import { isoTimeSchema } from './common.ts';

export const resourceTypes = [
  'fleet',
  'bot',
  'aws',
  'settings',
  'manifest',
  'policy-exception',
  'secret',
  'changeset',
] as const;
export const resourceTypeSchema = z.enum(resourceTypes);
export type ResourceType = z.infer<typeof resourceTypeSchema>;

const jsonObject = z.record(z.string(), z.unknown());

export const auditEventSchema = z.object({
  seq: z.number().int().positive(),
  id: z.string(),
  ts: isoTimeSchema,
  actor: z.string(),
  action: z.string(),
  resourceType: resourceTypeSchema,
  resourceId: z.string(),
  /** The resource before and after the change; null where it did not exist. */
  diff: z.object({ before: jsonObject.nullable(), after: jsonObject.nullable() }),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditQuerySchema = z.strictObject({
  actor: z.string().max(256).optional(),
  resourceType: resourceTypeSchema.optional(),
  resourceId: z.string().max(64).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  /** Return events with seq lower than this (paging backwards in time). */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const auditPageSchema = z.object({
  events: z.array(auditEventSchema),
  nextBefore: z.number().int().nullable(),
});

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  problem: z
    .object({ seq: z.number().int(), kind: z.enum(['altered', 'removed', 'truncated']), message: z.string() })
    .nullable(),
});
export type AuditVerify = z.infer<typeof auditVerifySchema>;
