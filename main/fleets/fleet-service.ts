import { asc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../shared/contract/errors.ts';
import type { Params } from '../../shared/contract/requests.ts';
import { nameKey } from '../../shared/domain/common.ts';
import type { Fleet } from '../../shared/domain/fleet.ts';
import { deleteBotRow } from '../bots/bot-service.ts';
import type { Db } from '../store/database.ts';
import { botRuntime, bots, fleets } from '../store/schema.ts';
import type { Mutator, Tx } from '../store/unit-of-work.ts';

type FleetRow = typeof fleets.$inferSelect;

/** The fleet as the contract shows it; `bot_count` is kept by triggers on bots (migration 0004). */
function toFleet(row: FleetRow): Fleet {
  const { nameKey: _key, ...rest } = row;
  return rest;
}

/** The audited shape of a fleet: what an operator set, without derived counts. */
function auditView(f: FleetRow): Record<string, unknown> {
  return {
    name: f.name,
    environment: f.environment,
    tags: f.tags,
    description: f.description,
    driftMode: f.driftMode,
    target: f.target,
  };
}

/** A fleet moves to another target only while none of its bots is deployed on the current one. */
function assertNothingDeployed(db: Db, fleet: FleetRow): void {
  const deployed = db
    .select({ name: bots.name })
    .from(botRuntime)
    .innerJoin(bots, eq(bots.id, botRuntime.botId))
    .where(eq(bots.fleetId, fleet.id))
    .all();
  if (deployed.length === 0) return;
  const where = fleet.target === 'local' ? 'on this workstation' : 'on AWS ECS';
  throw new AppError(
    'CONFLICT',
    `Fleet "${fleet.name}" still has ${deployed.length} bot${deployed.length === 1 ? '' : 's'} deployed ${where} (${deployed
      .slice(0, 3)
      .map((b) => b.name)
      .join(
        ', ',
      )}${deployed.length > 3 ? ', …' : ''}). Destroy them there first, then change where the fleet runs.`,
    [{ path: 'target', message: 'bots are still deployed on the current target' }],
  );
}

export function listFleets(db: Db): Fleet[] {
  return db.select().from(fleets).orderBy(asc(fleets.nameKey)).all().map(toFleet);
}

function findRow(db: Db, id: string): FleetRow {
  const row = db.select().from(fleets).where(eq(fleets.id, id)).get();
  if (!row)
    throw new AppError(
      'NOT_FOUND',
      `No fleet with id "${id}". It may have been deleted; reload the fleet list.`,
    );
  return row;
}

export function getFleet(db: Db, id: string): Fleet {
  const row = findRow(db, id);
  return toFleet(row);
}

function assertNameFree(tx: Tx, name: string, exceptId?: string): string {
  const key = nameKey(name);
  const clash = tx.db
    .select({ id: fleets.id, name: fleets.name })
    .from(fleets)
    .where(eq(fleets.nameKey, key))
    .get();
  if (clash && clash.id !== exceptId) {
    throw new AppError(
      'CONFLICT',
      `A fleet named "${clash.name}" already exists (names are case-insensitive). Choose another name.`,
      [{ path: 'name', message: 'already in use' }],
    );
  }
  return key;
}

/** Pushes the fleet's new bot count after bots join or leave it. */
export function emitFleetUpdated(tx: Tx, fleetId: string): void {
  const row = rowById(tx.db).get({ id: fleetId });
  if (row) tx.emit('fleet.changed', { kind: 'updated', item: toFleet(row) });
}

/** Runs after every bot create and delete: prepared once per database. */
const byIdStatements = new WeakMap<Db, ReturnType<typeof prepareRowById>>();
function prepareRowById(db: Db) {
  return db
    .select()
    .from(fleets)
    .where(eq(fleets.id, sql.placeholder('id')))
    .prepare();
}
function rowById(db: Db): ReturnType<typeof prepareRowById> {
  let s = byIdStatements.get(db);
  if (!s) {
    s = prepareRowById(db);
    byIdStatements.set(db, s);
  }
  return s;
}

/** Adds a fleet inside a transaction, with its audit event and change event (refused when the name is taken). */
export function insertFleet(tx: Tx, p: Params<'fleet.create'>): Fleet {
  const key = assertNameFree(tx, p.name);
  const row: FleetRow = {
    id: tx.newId(),
    name: p.name,
    nameKey: key,
    environment: p.environment,
    tags: p.tags,
    description: p.description,
    createdAt: tx.now,
    updatedAt: tx.now,
    botCount: 0,
    driftMode: p.driftMode,
    target: p.target,
  };
  tx.db.insert(fleets).values(row).run();
  tx.audit({
    action: 'fleet.create',
    resourceType: 'fleet',
    resourceId: row.id,
    before: null,
    after: auditView(row),
  });
  const fleet = toFleet(row);
  tx.emit('fleet.changed', { kind: 'created', item: fleet });
  return fleet;
}

export function createFleetService(mutate: Mutator) {
  return {
    create(p: Params<'fleet.create'>): Fleet {
      return mutate((tx) => insertFleet(tx, p));
    },

    update(p: Params<'fleet.update'>): Fleet {
      return mutate((tx) => {
        const before = findRow(tx.db, p.id);
        const after: FleetRow = {
          ...before,
          name: p.name ?? before.name,
          nameKey: p.name !== undefined ? assertNameFree(tx, p.name, before.id) : before.nameKey,
          environment: p.environment ?? before.environment,
          tags: p.tags ?? before.tags,
          description: p.description ?? before.description,
          driftMode: p.driftMode ?? before.driftMode,
          target: p.target ?? before.target,
        };
        if (after.target !== before.target) assertNothingDeployed(tx.db, before);
        const fleet = toFleet(before);
        if (JSON.stringify(auditView(before)) === JSON.stringify(auditView(after))) return fleet;
        after.updatedAt = tx.now;
        tx.db.update(fleets).set(after).where(eq(fleets.id, before.id)).run();
        tx.audit({
          action: 'fleet.update',
          resourceType: 'fleet',
          resourceId: before.id,
          before: auditView(before),
          after: auditView(after),
        });
        const updated = toFleet(after);
        tx.emit('fleet.changed', { kind: 'updated', item: updated });
        return updated;
      });
    },

    delete(p: Params<'fleet.delete'>): { id: string; deletedBots: number } {
      return mutate((tx) => {
        const row = findRow(tx.db, p.id);
        const members = tx.db.select().from(bots).where(eq(bots.fleetId, row.id)).all();
        if (members.length > 0 && !p.force) {
          throw new AppError(
            'PRECONDITION',
            `Fleet "${row.name}" still has ${members.length} bot${members.length === 1 ? '' : 's'}. Delete them first, or delete the fleet with force to remove them too.`,
          );
        }
        for (const b of members) deleteBotRow(tx, b);
        tx.db.delete(fleets).where(eq(fleets.id, row.id)).run();
        tx.audit({
          action: 'fleet.delete',
          resourceType: 'fleet',
          resourceId: row.id,
          before: auditView(row),
          after: null,
        });
        tx.emit('fleet.changed', { kind: 'deleted', id: row.id });
        return { id: row.id, deletedBots: members.length };
      });
    },
  };
}
export type FleetService = ReturnType<typeof createFleetService>;
