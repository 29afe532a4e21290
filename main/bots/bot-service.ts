import { and, asc, eq, type Placeholder, sql } from 'drizzle-orm';
import { AppError } from '../../shared/contract/errors.ts';
import type { Params } from '../../shared/contract/requests.ts';
import type { Bot } from '../../shared/domain/bot.ts';
import { nameKey } from '../../shared/domain/common.ts';
import type { Db } from '../store/database.ts';
import { botRuntime, bots, fleets } from '../store/schema.ts';
import type { Mutator, Tx } from '../store/unit-of-work.ts';

export type BotRow = typeof bots.$inferSelect;

function toBot(row: BotRow): Bot {
  const { nameKey: _key, gatewayTokenRef: _ref, gatewayUrl, ...rest } = row;
  return gatewayUrl === null ? rest : { ...rest, gatewayUrl };
}

/** The audited shape of a bot: what an operator set (its gateway token only as a reference). */
function auditView(b: BotRow): Record<string, unknown> {
  const gateway =
    b.gatewayUrl === null ? {} : { gatewayUrl: b.gatewayUrl, gatewayTokenRef: b.gatewayTokenRef };
  return { name: b.name, fleetId: b.fleetId, tags: b.tags, ...gateway };
}

/** Where a connected bot's gateway is: its URL and the SecretStore reference of its token. */
export interface BotGateway {
  url: string;
  tokenRef: string;
}

/**
 * The lookups and the insert that every bot request runs, prepared once per database: building
 * and preparing them anew on each request cost more than the SQL itself.
 */
function prepareStatements(db: Db) {
  return {
    byId: db
      .select()
      .from(bots)
      .where(eq(bots.id, sql.placeholder('id')))
      .prepare(),
    fleetName: db
      .select({ name: fleets.name })
      .from(fleets)
      .where(eq(fleets.id, sql.placeholder('id')))
      .prepare(),
    sameName: db
      .select({ id: bots.id, name: bots.name })
      .from(bots)
      .where(and(eq(bots.fleetId, sql.placeholder('fleetId')), eq(bots.nameKey, sql.placeholder('key'))))
      .prepare(),
    /** The bots of a fleet whose name keys are in a JSON array (one index lookup each). */
    sameNames: db
      .select({ name: bots.name, nameKey: bots.nameKey })
      .from(bots)
      .where(
        and(
          eq(bots.fleetId, sql.placeholder('fleetId')),
          sql`${bots.nameKey} IN (SELECT value FROM json_each(${sql.placeholder('keys')}))`,
        ),
      )
      .prepare(),
    insert: db
      .insert(bots)
      .values({
        id: sql.placeholder('id'),
        fleetId: sql.placeholder('fleetId'),
        name: sql.placeholder('name'),
        nameKey: sql.placeholder('nameKey'),
        tags: sql.placeholder('tags'),
        createdAt: sql.placeholder('createdAt'),
        updatedAt: sql.placeholder('updatedAt'),
        gatewayUrl: sql.placeholder('gatewayUrl'),
        gatewayTokenRef: sql.placeholder('gatewayTokenRef'),
      } satisfies Record<keyof BotRow, Placeholder>) // a new column must be added here too
      .prepare(),
  };
}
const prepared = new WeakMap<Db, ReturnType<typeof prepareStatements>>();

function statements(db: Db): ReturnType<typeof prepareStatements> {
  let s = prepared.get(db);
  if (!s) {
    s = prepareStatements(db);
    prepared.set(db, s);
  }
  return s;
}

export function findRow(db: Db, id: string): BotRow {
  const row = statements(db).byId.get({ id });
  if (!row)
    throw new AppError('NOT_FOUND', `No bot with id "${id}". It may have been deleted; reload the fleet.`);
  return row;
}

function fleetName(db: Db, fleetId: string): string {
  const f = statements(db).fleetName.get({ id: fleetId });
  if (!f)
    throw new AppError(
      'NOT_FOUND',
      `No fleet with id "${fleetId}". Create the fleet first, or pick another one.`,
    );
  return f.name;
}

function assertNameFree(tx: Pick<Tx, 'db'>, fleetId: string, name: string, exceptId?: string): string {
  const key = nameKey(name);
  const clash = statements(tx.db).sameName.get({ fleetId, key });
  if (clash && clash.id !== exceptId) {
    throw new AppError(
      'CONFLICT',
      `Fleet "${fleetName(tx.db, fleetId)}" already has a bot named "${clash.name}" (names are case-insensitive). Choose another name.`,
      [{ path: 'name', message: 'already in use' }],
    );
  }
  return key;
}

/** Inserts one bot inside a transaction with its audit event; the caller pushes the change. */
function insertAudited(tx: Tx, row: BotRow): Bot {
  statements(tx.db).insert.run(row);
  tx.audit({
    action: 'bot.create',
    resourceType: 'bot',
    resourceId: row.id,
    before: null,
    after: auditView(row),
  });
  return toBot(row);
}

/** Inserts one bot inside a transaction, with its audit event and change event. */
export function insertBot(tx: Tx, row: BotRow): Bot {
  const bot = insertAudited(tx, row);
  tx.emit('bot.changed', { kind: 'created', item: bot });
  return bot;
}

/** Sets a bot's tags inside a transaction (audited as a bot update); nothing when they are the same. */
export function retagBot(tx: Tx, id: string, tags: string[]): void {
  const before = findRow(tx.db, id);
  if (JSON.stringify(before.tags) === JSON.stringify(tags)) return;
  const after: BotRow = { ...before, tags, updatedAt: tx.now };
  tx.db.update(bots).set({ tags, updatedAt: tx.now }).where(eq(bots.id, id)).run();
  tx.audit({
    action: 'bot.update',
    resourceType: 'bot',
    resourceId: id,
    before: auditView(before),
    after: auditView(after),
  });
  tx.emit('bot.changed', { kind: 'updated', item: toBot(after) });
}

/** Names listed in an operator message: the first few, then how many more. */
function someNames(names: readonly string[]): string {
  const shown = names
    .slice(0, 5)
    .map((n) => `"${n}"`)
    .join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

/** Refuses a batch when a name is listed twice or already used in the fleet (case-insensitive). */
function assertNamesFree(
  db: Db,
  fleetId: string,
  fleet: string,
  list: readonly { name: string }[],
  keys: readonly string[],
): void {
  const seen = new Map<string, number>();
  const repeated: string[] = [];
  const issues: { path: string; message: string }[] = [];
  keys.forEach((key, i) => {
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else {
      repeated.push(list[i]?.name ?? key);
      issues.push({ path: `bots.${i}.name`, message: `the same name as bots.${first}.name` });
    }
  });
  if (repeated.length > 0)
    throw new AppError(
      'VALIDATION',
      `The list names ${repeated.length === 1 ? 'a bot' : 'bots'} twice (names are case-insensitive): ${someNames(repeated)}. Remove the repeats; no bot was added.`,
      issues.slice(0, 100),
    );
  const order = (key: string) => seen.get(key) ?? 0;
  const taken = statements(db)
    .sameNames.all({ fleetId, keys: JSON.stringify(keys) })
    .sort((a, b) => order(a.nameKey) - order(b.nameKey));
  if (taken.length > 0)
    throw new AppError(
      'CONFLICT',
      `Fleet "${fleet}" already has ${taken.length === 1 ? 'a bot' : 'bots'} named ${someNames(taken.map((b) => b.name))} (names are case-insensitive). Choose other names; no bot was added.`,
      taken.slice(0, 100).map((b) => ({ path: `bots.${order(b.nameKey)}.name`, message: 'already in use' })),
    );
}

/** Removes one bot inside a transaction, with its audit event and change event. */
export function deleteBotRow(tx: Tx, row: BotRow): void {
  // A deployed bot runs somewhere (a process here, a service on ECS): it is destroyed, not forgotten.
  const deployed = tx.db
    .select({ target: botRuntime.target })
    .from(botRuntime)
    .where(eq(botRuntime.botId, row.id))
    .get();
  if (deployed)
    throw new AppError(
      'CONFLICT',
      `Bot "${row.name}" is deployed ${deployed.target === 'ecs' ? 'on AWS ECS' : 'on this workstation'}. Destroy it first (its page, Destroy…), then delete it.`,
    );
  tx.db.delete(bots).where(eq(bots.id, row.id)).run();
  tx.audit({
    action: 'bot.delete',
    resourceType: 'bot',
    resourceId: row.id,
    before: auditView(row),
    after: null,
  });
  tx.emit('bot.changed', { kind: 'deleted', id: row.id, fleetId: row.fleetId });
}

export function listBots(db: Db, fleetId: string): Bot[] {
  fleetName(db, fleetId);
  return db.select().from(bots).where(eq(bots.fleetId, fleetId)).orderBy(asc(bots.nameKey)).all().map(toBot);
}

export function getBot(db: Db, id: string): Bot {
  return toBot(findRow(db, id));
}

/** Throws what `create` would (no such fleet, name taken) without writing: a check before slow work. */
export function assertCanAddBot(db: Db, fleetId: string, name: string): void {
  fleetName(db, fleetId);
  assertNameFree({ db }, fleetId, name);
}

export function createBotService(mutate: Mutator, onMembershipChange: (tx: Tx, fleetId: string) => void) {
  return {
    /**
     * Adds a bot; with `gateway`, one connected to that gateway under the id the connection was
     * made for (its token is already in the SecretStore).
     */
    create(p: Params<'bot.create'>, gateway?: BotGateway & { botId: string }): Bot {
      return mutate((tx) => {
        fleetName(tx.db, p.fleetId);
        const bot = insertBot(tx, {
          id: gateway?.botId ?? tx.newId(),
          fleetId: p.fleetId,
          name: p.name,
          nameKey: assertNameFree(tx, p.fleetId, p.name),
          tags: p.tags,
          createdAt: tx.now,
          updatedAt: tx.now,
          gatewayUrl: gateway?.url ?? null,
          gatewayTokenRef: gateway?.tokenRef ?? null,
        });
        onMembershipChange(tx, p.fleetId);
        return bot;
      });
    },

    /**
     * Adds many bots to one fleet in one transaction: all of them, or none when any name is
     * taken (in the fleet, or twice in the list). Each bot gets its own audit event; clients get
     * one `bot.createdMany` with all of them (a `bot.changed` each would be thousands of frames,
     * each re-sorting a client's list).
     */
    createMany(p: Params<'bot.createMany'>): { fleetId: string; count: number; ids: string[] } {
      return mutate((tx) => {
        const fleet = fleetName(tx.db, p.fleetId);
        const keys = p.bots.map((b) => nameKey(b.name));
        assertNamesFree(tx.db, p.fleetId, fleet, p.bots, keys);
        const items: Bot[] = [];
        for (let i = 0; i < p.bots.length; i++) {
          const b = p.bots[i];
          const key = keys[i];
          if (!b || key === undefined) continue;
          const bot = insertAudited(tx, {
            id: tx.newId(),
            fleetId: p.fleetId,
            name: b.name,
            nameKey: key,
            tags: b.tags,
            createdAt: tx.now,
            updatedAt: tx.now,
            gatewayUrl: null,
            gatewayTokenRef: null,
          });
          items.push(bot);
        }
        tx.emit('bot.createdMany', { fleetId: p.fleetId, items });
        onMembershipChange(tx, p.fleetId);
        return { fleetId: p.fleetId, count: items.length, ids: items.map((b) => b.id) };
      });
    },

    update(p: Params<'bot.update'>): Bot {
      return mutate((tx) => {
        const before = findRow(tx.db, p.id);
        const after: BotRow = {
          ...before,
          name: p.name ?? before.name,
          nameKey:
            p.name !== undefined ? assertNameFree(tx, before.fleetId, p.name, before.id) : before.nameKey,
          tags: p.tags ?? before.tags,
        };
        if (JSON.stringify(auditView(before)) === JSON.stringify(auditView(after))) return toBot(before);
        after.updatedAt = tx.now;
        tx.db.update(bots).set(after).where(eq(bots.id, before.id)).run();
        tx.audit({
          action: 'bot.update',
          resourceType: 'bot',
          resourceId: before.id,
          before: auditView(before),
          after: auditView(after),
        });
        const bot = toBot(after);
        tx.emit('bot.changed', { kind: 'updated', item: bot });
        return bot;
      });
    },

    delete(p: Params<'bot.delete'>): { id: string } {
      return mutate((tx) => {
        const row = findRow(tx.db, p.id);
        deleteBotRow(tx, row);
        onMembershipChange(tx, row.fleetId);
        return { id: row.id };
      });
    },
  };
}
export type BotService = ReturnType<typeof createBotService>;
