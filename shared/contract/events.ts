import { z } from 'zod';
import { alertInputSchema } from '../alerts/alerts.ts';
import { alertSettingsSchema } from '../alerts/settings.ts';
import { auditEventSchema } from '../domain/audit.ts';
import { botSchema, botsCreatedSchema } from '../domain/bot.ts';
import { changeSetInfoSchema } from '../domain/changeset.ts';
import { idSchema } from '../domain/common.ts';
import { fleetSchema } from '../domain/fleet.ts';
import { botHealthSchema } from '../domain/gateway.ts';
import { botRuntimeSchema, deploymentEventSchema } from '../domain/lifecycle.ts';
import { logsAppendedSchema } from '../domain/logs.ts';
import { manifestChangedSchema } from '../domain/manifest.ts';
import { openclawChecksReportSchema } from '../domain/openclaw-checks.ts';
import { policyExceptionRecordSchema } from '../domain/policy.ts';
import { runtimeInstallProgressSchema } from '../domain/runtime-install.ts';

const changeOf = <T extends z.ZodType, D extends z.ZodRawShape>(item: T, deleted: D) =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('created'), item }),
    z.object({ kind: z.literal('updated'), item }),
    z.object({ kind: z.literal('deleted'), id: idSchema, ...deleted }),
  ]);

/** Every event the control plane pushes to its clients, by name. */
export const events = {
  'fleet.changed': changeOf(fleetSchema, {}),
  'bot.changed': changeOf(botSchema, { fleetId: idSchema }),
  /** The bots one `bot.createMany` added (one event instead of a `bot.changed` each). */
  'bot.createdMany': botsCreatedSchema,
  'audit.appended': auditEventSchema,
  /** A connected bot's live gateway health changed (pushed by the gateway, not polled). */
  'bot.health.changed': botHealthSchema,
  /** A deployed bot's lifecycle state changed (or a field of its runtime record). */
  'bot.runtime.changed': botRuntimeSchema,
  /** One lifecycle transition with its cause, as the bot page's timeline shows it. */
  'bot.deployment.event': deploymentEventSchema,
  /** New lines of a followed log (bot.logs.follow), already filtered. */
  'bot.logs.appended': logsAppendedSchema,
  /** A manifest was created, changed or deleted (a new version). */
  'manifest.changed': manifestChangedSchema,
  'policy.exception.changed': policyExceptionRecordSchema,
  /** OpenClaw's own checks (security audit, doctor) of a local bot ran. */
  'bot.checks.changed': openclawChecksReportSchema,
  /** Something the operator should hear about (drift found, a deploy refused, a critical check): the shell notifies. */
  'alert.raised': alertInputSchema,
  /** The notification settings changed (Settings page or the tray's pause). */
  'alerts.settings.changed': alertSettingsSchema,
  /** Installing an OpenClaw runtime for a deploy: each step, then done or failed. */
  'runtime.install.progress': runtimeInstallProgressSchema,
  /** A change set was created, started, moved a bot forward, finished, failed or was rolled back (without its files). */
  'changeset.changed': changeSetInfoSchema,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]>;

export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
