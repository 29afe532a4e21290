import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { AppError } from '../../shared/contract/errors.ts';
import {
  type BotRuntime,
  canTransition,
  type DeploymentEvent,
  type LifecycleState,
  lastErrorSchema,
  lifecycleStateSchema,
} from '../../shared/domain/lifecycle.ts';
import type { Db } from '../store/database.ts';
import { botRuntime, bots, deploymentEvents } from '../store/schema.ts';

/**
 * The lifecycle record of deployed bots in SQLite: one `bot_runtime` row per bot, and every
 * transition appended to `deployment_events` with its cause. A transition the lifecycle does not
 * allow is refused (it would be a bug in the caller), and nothing is written.
 */
type RuntimeRow = typeof botRuntime.$inferSelect;

export function toRuntime(row: RuntimeRow): BotRuntime {
  const lastError = lastErrorSchema.safeParse(row.lastError);
  return {
    botId: row.botId,
    target: row.target,
    desiredState: row.desiredState,
    state: row.state,
    stateSince: row.stateSince,
    openclawVersion: row.openclawVersion,
    configHash: row.configHash,
    port: row.port,
    startedAt: row.startedAt,
    restartCount: row.restartCount,
    lastError: lastError.success ? lastError.data : null,
    updatedAt: row.updatedAt,
  };
}

function toEvent(row: typeof deploymentEvents.$inferSelect): DeploymentEvent {
  return {
    ...row,
    fromState: row.fromState === null ? null : lifecycleStateSchema.parse(row.fromState),
    toState: lifecycleStateSchema.parse(row.toState),
  };
}

/** The part of a fleet a pass covers (a fleet, one bot, or all): a filter on `bots`, for a query joining it. */
export function inScope(scope: {
  fleetId?: string | undefined;
  botId?: string | undefined;
}): SQL | undefined {
  return and(
    scope.fleetId ? eq(bots.fleetId, scope.fleetId) : undefined,
    scope.botId ? eq(bots.id, scope.botId) : undefined,
  );
}

export function getRuntime(db: Db, botId: string): BotRuntime | null {
  const row = db.select().from(botRuntime).where(eq(botRuntime.botId, botId)).get();
  return row ? toRuntime(row) : null;
}

/** The deployed config as last written (secret references only), for the reconciler. */
export function deployedConfig(db: Db, botId: string): unknown {
  return (
    db.select({ c: botRuntime.deployedConfig }).from(botRuntime).where(eq(botRuntime.botId, botId)).get()
      ?.c ?? null
  );
}

export interface Transition {
  to: LifecycleState;
  cause: string;
  message: string;
  actor: string;
  at: string;
  /** Other fields to set with the state. */
  set?: Partial<Omit<RuntimeRow, 'botId' | 'state' | 'stateSince' | 'updatedAt'>>;
}

/**
 * Moves a bot to a new state and records the event; creates the row for a first deploy (`create`
 * gives the target and desired state). Returns the new runtime and the event.
 */
export function transition(
  db: Db,
  botId: string,
  t: Transition,
  create?: { target: 'local' | 'ecs'; desiredState: 'running' | 'stopped' },
): { runtime: BotRuntime; event: DeploymentEvent } {
  const before = db.select().from(botRuntime).where(eq(botRuntime.botId, botId)).get();
  const from = before?.state ?? null;
  if (!canTransition(from, t.to))
    throw new AppError(
      'CONFLICT',
      `The bot is ${from ?? 'not deployed'}; it cannot become ${t.to} now. Reload and try again.`,
    );
  const stateSince = from === t.to && before ? before.stateSince : t.at;
  if (before) {
    db.update(botRuntime)
      .set({ ...t.set, state: t.to, stateSince, updatedAt: t.at })
      .where(eq(botRuntime.botId, botId))
      .run();
  } else {
    if (!create) throw new AppError('NOT_FOUND', 'The bot has not been deployed yet. Deploy it first.');
    db.insert(botRuntime)
      .values({ botId, ...create, ...t.set, state: t.to, stateSince, updatedAt: t.at })
      .run();
  }
  const row = db
    .insert(deploymentEvents)
    .values({
      botId,
      at: t.at,
      fromState: from,
      toState: t.to,
      cause: t.cause,
      message: t.message,
      actor: t.actor,
    })
    .returning()
    .get();
  const after = db.select().from(botRuntime).where(eq(botRuntime.botId, botId)).get();
  if (!after) throw new AppError('INTERNAL', 'The runtime record vanished while it was written.');
  return { runtime: toRuntime(after), event: toEvent(row) };
}

/** A page of a bot's deployment events, newest first. */
export function listEvents(
  db: Db,
  botId: string,
  page: { before?: number; limit: number },
): { events: DeploymentEvent[]; nextBefore: number | null } {
  const rows = db
    .select()
    .from(deploymentEvents)
    .where(
      page.before === undefined
        ? eq(deploymentEvents.botId, botId)
        : and(eq(deploymentEvents.botId, botId), lt(deploymentEvents.seq, page.before)),
    )
    .orderBy(desc(deploymentEvents.seq))
    .limit(page.limit + 1)
    .all();
  const events = rows.slice(0, page.limit).map(toEvent);
  const last = events.at(-1);
  return { events, nextBefore: rows.length > page.limit && last ? last.seq : null };
}
