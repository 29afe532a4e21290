import { z } from 'zod';
import { alertSettingsSchema, alertSettingsUpdateSchema } from '../alerts/settings.ts';
import { auditPageSchema, auditQuerySchema, auditVerifySchema } from '../domain/audit.ts';
import {
  awsBootstrapReportSchema,
  awsBootstrapSchema,
  awsCredentialsSavedSchema,
  awsCredentialsSummarySchema,
  awsEcsSettingsSchema,
  awsIdentitySchema,
  awsProfileSchema,
  awsSetKeysSchema,
  awsSettingsSchema,
  awsUseProfileSchema,
} from '../domain/aws.ts';
import {
  botCreateManyResultSchema,
  botCreateManySchema,
  botCreateSchema,
  botSchema,
  botUpdateSchema,
} from '../domain/bot.ts';
import {
  changeSetByIdSchema,
  changeSetCreateSchema,
  changeSetSchema,
  changeSetSummarySchema,
} from '../domain/changeset.ts';
import { idSchema } from '../domain/common.ts';
import { fleetCreateSchema, fleetDeleteSchema, fleetSchema, fleetUpdateSchema } from '../domain/fleet.ts';
import {
  botConnectResultSchema,
  botConnectSchema,
  botHealthSchema,
  gatewayEndpointSchema,
  gatewaySetTokenSchema,
  gatewaySummarySchema,
  gatewayTestSchema,
} from '../domain/gateway.ts';
import {
  botActionSchema,
  botBulkResultSchema,
  botBulkSchema,
  botDestroyResultSchema,
  botDestroySchema,
  botEventsPageSchema,
  botEventsQuerySchema,
  botRuntimeSchema,
  reconcileReportSchema,
  reconcileRunSchema,
  targetStatusSchema,
} from '../domain/lifecycle.ts';
import {
  logsFollowResultSchema,
  logsFollowSchema,
  logsPageResultSchema,
  logsPageSchema,
  logsUnfollowSchema,
} from '../domain/logs.ts';
import {
  applyPlanSchema,
  botExplainSchema,
  manifestApplySchema,
  manifestCatalogSchema,
  manifestDeleteSchema,
  manifestDiffResultSchema,
  manifestDiffSchema,
  manifestDocSchema,
  manifestExportResultSchema,
  manifestListSchema,
  manifestRefSchema,
  manifestSummarySchema,
  manifestVersionGetSchema,
  manifestVersionSchema,
  manifestVersionsSchema,
} from '../domain/manifest.ts';
import { openclawChecksReportSchema } from '../domain/openclaw-checks.ts';
import {
  fleetEvaluationSchema,
  policyEvaluateFleetSchema,
  policyExceptionCreateSchema,
  policyExceptionListSchema,
  policyExceptionRecordSchema,
  policyExceptionRevokeSchema,
  policyRuleSchema,
} from '../domain/policy.ts';
import {
  secretListSchema,
  secretPutResultSchema,
  secretPutSchema,
  secretRefParamsSchema,
} from '../domain/secrets.ts';

export interface RequestDef {
  params: z.ZodType;
  result: z.ZodType;
  /** Whether the request changes state (and so writes an audit event). */
  mutates: boolean;
}

const byId = z.strictObject({ id: idSchema });
const none = z.strictObject({});
const def = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R, mutates: boolean) => ({
  params,
  result,
  mutates,
});

/** Every request the renderer (or any client) can make of the control plane, by name. */
export const requests = {
  'app.info': def(
    none,
    z.object({
      version: z.string(),
      actor: z.string(),
      dataDir: z.string(),
      host: z.enum(['electron', 'web']),
    }),
    false,
  ),

  'fleet.list': def(none, z.array(fleetSchema), false),
  'fleet.get': def(byId, fleetSchema, false),
  'fleet.create': def(fleetCreateSchema, fleetSchema, true),
  'fleet.update': def(fleetUpdateSchema, fleetSchema, true),
  'fleet.delete': def(fleetDeleteSchema, z.object({ id: idSchema, deletedBots: z.number().int() }), true),

  'bot.list': def(z.strictObject({ fleetId: idSchema }), z.array(botSchema), false),
  'bot.get': def(byId, botSchema, false),
  'bot.create': def(botCreateSchema, botSchema, true),
  'bot.createMany': def(botCreateManySchema, botCreateManyResultSchema, true),
  'bot.update': def(botUpdateSchema, botSchema, true),
  'bot.delete': def(byId, z.object({ id: idSchema }), true),
  'bot.gateway.test': def(gatewayTestSchema, gatewaySummarySchema, false),
  'bot.connect': def(botConnectSchema, botConnectResultSchema, true),
  'bot.gateway.setToken': def(gatewaySetTokenSchema, botHealthSchema, true),
  'bot.gateway.retry': def(byId, botHealthSchema, false),
  /** Watches an ECS bot's gateway live at the endpoint the operator gives (its own token is used). */
  'bot.gateway.setEndpoint': def(gatewayEndpointSchema, botRuntimeSchema, true),
  'bot.gateway.info': def(byId, gatewaySummarySchema, false),
  'bot.deploy': def(botActionSchema, botRuntimeSchema, true),
  'bot.start': def(botActionSchema, botRuntimeSchema, true),
  'bot.stop': def(botActionSchema, botRuntimeSchema, true),
  'bot.restart': def(botActionSchema, botRuntimeSchema, true),
  'bot.destroy': def(botDestroySchema, botDestroyResultSchema, true),
  'bot.runtime.get': def(botActionSchema, botRuntimeSchema.nullable(), false),
  /** What the bot's target (ECS or this workstation) reports now; the lifecycle follows it. */
  'bot.target.status': def(botActionSchema, targetStatusSchema, false),
  'bot.runtime.list': def(z.strictObject({ fleetId: idSchema }), z.array(botRuntimeSchema), false),
  'bot.events.list': def(botEventsQuerySchema, botEventsPageSchema, false),
  'bot.bulk': def(botBulkSchema, botBulkResultSchema, true),
  'bot.logs.page': def(logsPageSchema, logsPageResultSchema, false),
  'bot.logs.follow': def(logsFollowSchema, logsFollowResultSchema, false),
  'bot.logs.unfollow': def(logsUnfollowSchema, z.object({ stopped: z.boolean() }), false),
  'reconcile.run': def(reconcileRunSchema, reconcileReportSchema, true),
  'bot.health.list': def(z.strictObject({ fleetId: idSchema }), z.array(botHealthSchema), false),

  'manifest.list': def(manifestListSchema, z.array(manifestSummarySchema), false),
  'manifest.get': def(z.strictObject({ ref: manifestRefSchema }), manifestDocSchema, false),
  'manifest.catalog': def(none, manifestCatalogSchema, false),
  'manifest.apply': def(manifestApplySchema, applyPlanSchema, true),
  'manifest.delete': def(manifestDeleteSchema, z.object({ version: z.number().int() }), true),
  'manifest.versions': def(manifestVersionsSchema, z.array(manifestVersionSchema), false),
  'manifest.version.get': def(manifestVersionGetSchema, manifestDocSchema.shape.manifest.nullable(), false),
  'manifest.diff': def(manifestDiffSchema, manifestDiffResultSchema, false),
  'manifest.export': def(none, manifestExportResultSchema, false),
  'bot.explain': def(byId, botExplainSchema, false),
  /** The last run of OpenClaw's own checks of a deployed local bot (null before the first). */
  'bot.checks.get': def(byId, openclawChecksReportSchema.nullable(), false),
  /** Runs OpenClaw's security audit and doctor for a deployed local bot now (8 to 15 s). */
  'bot.checks.run': def(byId, openclawChecksReportSchema, false),
  /** The secrets bots' configs refer to, per store, with whether each is set (never a value). */
  'secrets.list': def(none, secretListSchema, false),
  /** Stores a secret; when it existed (a rotation), the deployed bots that read it are restarted. */
  'secrets.put': def(secretPutSchema, secretPutResultSchema, true),
  /** Removes a secret no deployed bot reads (Secrets Manager: scheduled, with its recovery window). */
  'secrets.delete': def(secretRefParamsSchema, z.object({ removed: z.boolean() }), true),
  /** The notification settings (minimum severity, quiet hours, pause). */
  'alerts.settings.get': def(none, alertSettingsSchema, false),
  'alerts.settings.update': def(alertSettingsUpdateSchema, alertSettingsSchema, true),

  /** Change sets, newest first (without their files and per-bot progress). */
  'changeset.list': def(none, z.array(changeSetSummarySchema), false),
  'changeset.get': def(changeSetByIdSchema, changeSetSchema, false),
  /** Records a draft after a dry run of its manifests: refused (nothing stored) when the apply would be. */
  'changeset.create': def(changeSetCreateSchema, changeSetSchema, true),
  /** Applies the manifests and starts the rollout; progress comes as `changeset.changed`. */
  'changeset.start': def(changeSetByIdSchema, changeSetSchema, true),
  /** Restores the manifests from before and redeploys the bots that had the change. */
  'changeset.rollback': def(changeSetByIdSchema, changeSetSchema, true),
  /** Drops a draft (kept in the history as discarded). */
  'changeset.discard': def(changeSetByIdSchema, changeSetSchema, true),

  'policy.rules': def(none, z.array(policyRuleSchema), false),
  'policy.evaluateFleet': def(policyEvaluateFleetSchema, fleetEvaluationSchema, false),
  'policy.exception.create': def(policyExceptionCreateSchema, policyExceptionRecordSchema, true),
  'policy.exception.list': def(policyExceptionListSchema, z.array(policyExceptionRecordSchema), false),
  'policy.exception.revoke': def(policyExceptionRevokeSchema, policyExceptionRecordSchema, true),

  'audit.list': def(auditQuerySchema, auditPageSchema, false),
  'audit.facets': def(
    none,
    z.object({ actors: z.array(z.string()), resourceTypes: z.array(z.string()) }),
    false,
  ),
  'audit.verify': def(none, auditVerifySchema, false),

  'aws.credentials.get': def(none, awsCredentialsSummarySchema, false),
  'aws.credentials.setKeys': def(awsSetKeysSchema, awsCredentialsSavedSchema, true),
  'aws.credentials.useProfile': def(awsUseProfileSchema, awsCredentialsSavedSchema, true),
  'aws.credentials.verify': def(none, awsIdentitySchema, false),
  'aws.credentials.clear': def(none, z.object({ removed: z.boolean() }), true),
  'aws.profiles.list': def(none, z.array(awsProfileSchema), false),
  'aws.bootstrap': def(awsBootstrapSchema, awsBootstrapReportSchema, true),
  'aws.settings.get': def(none, awsSettingsSchema, false),
  'aws.settings.set': def(awsEcsSettingsSchema, awsSettingsSchema, true),
} as const satisfies Record<string, RequestDef>;

export type Requests = typeof requests;
export type RequestName = keyof Requests;
/** What a caller passes (defaults may be left out). */
export type ParamsIn<N extends RequestName> = z.input<Requests[N]['params']>;
/** What a handler receives, after parsing. */
export type Params<N extends RequestName> = z.output<Requests[N]['params']>;
export type ResultOf<N extends RequestName> = z.output<Requests[N]['result']>;

export const requestNames = Object.keys(requests) as RequestName[];

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requests, name);
}
