import { z } from 'zod';
import { policyExceptionSchema, severities } from '../policy/types.ts';
import { idSchema, isoTimeSchema } from './common.ts';
import { environmentSchema } from './fleet.ts';

/** The contract of the policy engine's requests: rules, fleet evaluation and exceptions. */
export const severitySchema = z.enum(severities);

export const findingSchema = z.object({
  ruleId: z.string(),
  severity: severitySchema,
  title: z.string(),
  why: z.string(),
  fix: z.string(),
  path: z.string(),
  detail: z.string().optional(),
  exception: policyExceptionSchema.optional(),
  expiredException: policyExceptionSchema.optional(),
});

/** A rule and its severity in each environment's pack (`off` where the pack skips it). */
export const policyRuleSchema = z.object({
  id: z.string(),
  title: z.string(),
  why: z.string(),
  fix: z.string(),
  severities: z.record(environmentSchema, z.enum([...severities, 'off'])),
});

/** The whole fleet through the policy engine, as it is configured now. */
export const policyEvaluateFleetSchema = z.strictObject({ fleetId: idSchema });
export const fleetEvaluationSchema = z.object({
  fleetId: idSchema,
  environment: environmentSchema,
  evaluatedAt: isoTimeSchema,
  bots: z.array(
    z.object({
      botId: idSchema,
      name: z.string(),
      configured: z.boolean(),
      blocked: z.boolean(),
      counts: z.record(severitySchema, z.number().int()),
      findings: z.array(findingSchema),
      /** Resolve problems, as messages (a bot that cannot be resolved is not evaluated). */
      problems: z.array(z.string()),
    }),
  ),
});

/** An exception as stored: who recorded it, and whether it was revoked. */
export const policyExceptionRecordSchema = policyExceptionSchema.extend({
  exceptionId: idSchema,
  /** The bot's or fleet's name when it was listed. */
  targetName: z.string(),
  createdAt: isoTimeSchema,
  createdBy: z.string(),
  revokedAt: isoTimeSchema.nullable(),
  revokedBy: z.string().nullable(),
  /** Whether it waives findings now (not revoked, not expired). */
  active: z.boolean(),
});
export type PolicyExceptionRecord = z.infer<typeof policyExceptionRecordSchema>;

export const policyExceptionCreateSchema = policyExceptionSchema;
export const policyExceptionListSchema = z.strictObject({
  scope: z.enum(['bot', 'fleet']).optional(),
  id: idSchema.optional(),
  /** Include revoked and expired ones (default: only active). */
  all: z.boolean().default(false),
});
export const policyExceptionRevokeSchema = z.strictObject({ exceptionId: idSchema });
