import { z } from 'zod';
import type { JsonObject } from '../config/json.ts';
import { environmentSchema } from '../domain/fleet.ts';

export const severities = ['critical', 'warn', 'info'] as const;
export type Severity = (typeof severities)[number];

/** What a rule is about, shown with every finding. */
export interface RuleMeta {
  id: string;
  title: string;
  /** Why it matters, in one or two sentences an operator can act on. */
  why: string;
  /** How to fix it. */
  fix: string;
}

/** One place a rule found a problem. `detail` never contains a secret value. */
export interface RuleHit {
  path: string;
  detail?: string;
}

export const placementSchema = z.strictObject({
  target: z.enum(['local', 'ecs']),
  /** The machine a local bot runs on ('localhost' when left out). */
  host: z.string().min(1).max(253).optional(),
  /** OPENCLAW_STATE_DIR the target gives the bot. */
  stateDir: z.string().min(1).max(4096).optional(),
});
export type Placement = z.infer<typeof placementSchema>;

/** What the cross-bot rules need to know about another bot. */
export const peerInfoSchema = z.strictObject({
  /** Identity of the bot (its id, or `fleet/name`). */
  key: z.string().min(1),
  name: z.string(),
  placement: placementSchema.optional(),
  gatewayPort: z.number().int().optional(),
  workspaces: z.array(z.string()).readonly().default([]),
});
export type PeerInfo = z.output<typeof peerInfoSchema>;

const iamStatement = z.looseObject({
  Effect: z.string().optional(),
  Action: z.union([z.string(), z.array(z.string())]).optional(),
  NotAction: z.union([z.string(), z.array(z.string())]).optional(),
  Resource: z.union([z.string(), z.array(z.string())]).optional(),
  NotResource: z.union([z.string(), z.array(z.string())]).optional(),
});
export const iamPolicySchema = z.looseObject({ Statement: z.union([iamStatement, z.array(iamStatement)]) });
export type IamPolicy = z.infer<typeof iamPolicySchema>;

export const policyContextSchema = z.strictObject({
  environment: environmentSchema,
  botName: z.string(),
  botId: z.string().optional(),
  fleetId: z.string().optional(),
  fleetName: z.string().optional(),
  /** The OpenClaw version the bot runs (or will run); the resolved manifest's when left out. */
  openclawVersion: z.string().optional(),
  placement: placementSchema.optional(),
  /** Other bots of the fleet or host, for the cross-bot rules. */
  otherBots: z.array(peerInfoSchema).optional(),
  /** Environment variables the target sets for the bot (checked for plaintext secrets). */
  env: z.record(z.string(), z.unknown()).optional(),
  /** The ECS task role's IAM policies, for ECS bots. */
  ecsTaskRole: z.strictObject({ arn: z.string().optional(), policies: z.array(iamPolicySchema) }).optional(),
});
export type PolicyContext = z.input<typeof policyContextSchema>;

/** An operator's exception: one rule waived for one bot or fleet, with a reason, until a date. */
export const policyExceptionSchema = z.strictObject({
  ruleId: z.string().min(1).max(128),
  scope: z.enum(['bot', 'fleet']),
  /** The bot's or fleet's id. */
  id: z.string().min(1).max(64),
  reason: z.string().trim().min(3, 'Give a reason').max(2000),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type PolicyException = z.infer<typeof policyExceptionSchema>;

export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  why: string;
  fix: string;
  path: string;
  detail?: string;
  /** The exception that waives this finding (it then never blocks). */
  exception?: PolicyException;
  /** An exception that matched but has expired. */
  expiredException?: PolicyException;
}

/** One config's result; treat it as read-only (a clean result is one shared, frozen value). */
export interface Evaluation {
  readonly findings: readonly Finding[];
  /** Whether a critical finding without a valid exception blocks applying this config. */
  readonly blocked: boolean;
  readonly counts: Readonly<Record<Severity, number>>;
}

/** What the engine evaluates: a resolved bot (see config/resolve.ts) or any `{config, installs}`. */
export interface PolicySubject {
  config: JsonObject;
  installs?: JsonObject;
  openclawVersion?: string | undefined;
}
