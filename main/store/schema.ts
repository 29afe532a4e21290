import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const fleets = sqliteTable(
  'fleets',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    environment: text('environment', { enum: ['dev', 'staging', 'prod'] }).notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    description: text('description').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** Kept by triggers on bots (migration 0004), so no request counts a fleet's bots. */
    botCount: integer('bot_count').notNull().default(0),
    /** What the reconciler does about drift in this fleet: report it, or heal it. */
    driftMode: text('drift_mode', { enum: ['notify', 'heal'] })
      .notNull()
      .default('notify'),
    /** Where the fleet's bots run: this workstation, or AWS ECS. */
    target: text('target', { enum: ['local', 'ecs'] })
      .notNull()
      .default('local'),
  },
  (t) => [uniqueIndex('fleets_name_key').on(t.nameKey)],
);

export const bots = sqliteTable(
  'bots',
  {
    id: text('id').primaryKey(),
    fleetId: text('fleet_id')
      .notNull()
      .references(() => fleets.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** The OpenClaw gateway of a connected bot (ws:// or wss://); null for a bot not connected. */
    gatewayUrl: text('gateway_url'),
    /** Where its gateway token lives in the SecretStore (a reference; the token is never here). */
    gatewayTokenRef: text('gateway_token_ref'),
  },
  (t) => [uniqueIndex('bots_fleet_name_key').on(t.fleetId, t.nameKey)],
);

/** Append-only: migrations add triggers that refuse UPDATE and DELETE on this table. */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull(),
    ts: text('ts').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id').notNull(),
    diff: text('diff').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_ts').on(t.ts),
    index('audit_resource').on(t.resourceType, t.resourceId),
    index('audit_actor').on(t.actor),
  ],
);

/** One row: the newest event of the chain, so that removing events at the tail is detected too. */
export const auditHead = sqliteTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: integer('seq').notNull(),
  hash: text('hash').notNull(),
  updatedAt: text('updated_at').notNull().default(sql`CURRENT_TIMESTAMP`),
});

/**
 * Non-secret app settings as JSON by key (e.g. `aws.bootstrap`: the ARNs bootstrap recorded,
 * `aws.ecs`: the operator's ECS settings). Secrets never go here: only the keychain holds them.
 */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * The current manifests: Templates, Profiles and Overlays by name, a bot's Bot manifest by bot id
 * (`key` is `Kind/name`, or `Bot/<botId>`). `doc` is the normalized manifest; a Bot manifest's
 * name, fleet, environment and tags are read from its bot and fleet, never from here.
 */
export const manifests = sqliteTable(
  'manifests',
  {
    key: text('key').primaryKey(),
    kind: text('kind', { enum: ['Template', 'Profile', 'Overlay', 'Bot'] }).notNull(),
    name: text('name').notNull(),
    botId: text('bot_id').references(() => bots.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    doc: text('doc', { mode: 'json' }).$type<unknown>().notNull(),
    hash: text('hash').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [uniqueIndex('manifests_bot_id').on(t.botId), index('manifests_kind').on(t.kind)],
);

/** Append-only history of every manifest (a migration adds triggers refusing UPDATE and DELETE). `doc` NULL records a deletion. */
export const manifestVersions = sqliteTable(
  'manifest_versions',
  {
    key: text('key').notNull(),
    version: integer('version').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** No foreign key: the history outlives the bot. */
    botId: text('bot_id'),
    doc: text('doc', { mode: 'json' }).$type<unknown>(),
    hash: text('hash').notNull(),
    actor: text('actor').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.version] })],
);

/** Operators' policy exceptions: never deleted; revoking one sets revoked_at (a trigger allows nothing else). */
export const policyExceptions = sqliteTable(
  'policy_exceptions',
  {
    id: text('id').primaryKey(),
    ruleId: text('rule_id').notNull(),
    scope: text('scope', { enum: ['bot', 'fleet'] }).notNull(),
    targetId: text('target_id').notNull(),
    reason: text('reason').notNull(),
    expiresAt: text('expires_at').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    revokedAt: text('revoked_at'),
    revokedBy: text('revoked_by'),
  },
  (t) => [index('policy_exceptions_target').on(t.scope, t.targetId)],
);

/**
 * What Clawster runs for a bot it deploys (one row per deployed bot): where, the state it should
 * be in and the state it is in, and the config it last deployed (secrets only as references).
 */
export const botRuntime = sqliteTable('bot_runtime', {
  botId: text('bot_id')
    .primaryKey()
    .references(() => bots.id, { onDelete: 'cascade' }),
  target: text('target', { enum: ['local', 'ecs'] }).notNull(),
  desiredState: text('desired_state', { enum: ['running', 'stopped'] }).notNull(),
  state: text('state', {
    enum: ['pending', 'provisioning', 'running', 'degraded', 'stopped', 'error'],
  }).notNull(),
  stateSince: text('state_since').notNull(),
  openclawVersion: text('openclaw_version'),
  /** The hash (shared/config/hash.ts) of the resolved config last deployed. */
  configHash: text('config_hash'),
  /** The openclaw.json last deployed, as written (secret references, never values). */
  deployedConfig: text('deployed_config', { mode: 'json' }).$type<unknown>(),
  /** The gateway's own hash of its config after Clawster's last write. */
  gatewayHash: text('gateway_hash'),
  port: integer('port'),
  startedAt: text('started_at'),
  restartCount: integer('restart_count').notNull().default(0),
  /** The last error: `{ code, message, logTail? }`. */
  lastError: text('last_error', { mode: 'json' }).$type<unknown>(),
  updatedAt: text('updated_at').notNull(),
});

/** Every lifecycle transition of a bot with its cause, append-only (a migration adds the triggers). */
/** The last run of OpenClaw's own checks (security audit, doctor) of each deployed local bot. */
export const openclawChecks = sqliteTable('openclaw_checks', {
  botId: text('bot_id')
    .primaryKey()
    .references(() => bots.id, { onDelete: 'cascade' }),
  ranAt: text('ran_at').notNull(),
  /** The report (shared/domain/openclaw-checks.ts), its texts scrubbed of secret values. */
  report: text('report', { mode: 'json' }).$type<unknown>().notNull(),
});

export const deploymentEvents = sqliteTable(
  'deployment_events',
  {
    seq: integer('seq').primaryKey(),
    /** No foreign key: the history outlives the bot. */
    botId: text('bot_id').notNull(),
    at: text('at').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    cause: text('cause').notNull(),
    message: text('message').notNull(),
    actor: text('actor').notNull(),
  },
  (t) => [index('deployment_events_bot').on(t.botId, t.seq)],
);

/**
 * Change sets (shared/domain/changeset.ts): the manifests to apply, how to roll them out, and the
 * rollout's progress per bot. Rows are never deleted; a dropped draft is marked discarded.
 */
export const changeSets = sqliteTable(
  'change_sets',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', {
      enum: ['draft', 'rolling-out', 'completed', 'rolling-back', 'rolled-back', 'failed', 'discarded'],
    }).notNull(),
    strategy: text('strategy', { mode: 'json' }).$type<unknown>().notNull(),
    healthTimeoutSec: integer('health_timeout_sec').notNull(),
    bakeSec: integer('bake_sec').notNull(),
    /** The manifest files as given (secret references only: the dry run refuses plaintext). */
    files: text('files', { mode: 'json' }).$type<unknown>().notNull(),
    changes: text('changes', { mode: 'json' }).$type<unknown>().notNull(),
    botsChanged: integer('bots_changed').notNull(),
    /** Each manifest written, with its version before and after (for the rollback). */
    manifests: text('manifests', { mode: 'json' }).$type<unknown>().notNull(),
    bots: text('bots', { mode: 'json' }).$type<unknown>().notNull(),
    failure: text('failure'),
    actor: text('actor').notNull(),
    createdAt: text('created_at').notNull(),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
  },
  (t) => [index('change_sets_created').on(t.createdAt)],
);
