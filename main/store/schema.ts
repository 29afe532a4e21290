import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
