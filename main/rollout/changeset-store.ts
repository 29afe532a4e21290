import { desc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../shared/contract/errors.ts';
import {
  type ChangeSet,
  type ChangeSetSummary,
  changeSetSchema,
  infoOf,
  toSummary,
} from '../../shared/domain/changeset.ts';
import type { Db } from '../store/database.ts';
import { changeSets } from '../store/schema.ts';

/** Reading and writing change set rows; the JSON columns are parsed with the domain schemas. */
type Row = typeof changeSets.$inferSelect;

function toChangeSet(row: Row): ChangeSet {
  return changeSetSchema.parse(row);
}

export function getChangeSet(db: Db, id: string): ChangeSet {
  const row = db.select().from(changeSets).where(eq(changeSets.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', `There is no change set "${id}". Reload the list.`);
  return toChangeSet(row);
}

export function listChangeSets(db: Db): ChangeSetSummary[] {
  return db
    .select()
    .from(changeSets)
    .orderBy(desc(changeSets.createdAt), desc(changeSets.id))
    .all()
    .map((row) => toSummary(infoOf(toChangeSet(row))));
}

/** The change sets whose rollout or rollback is under way (at most one, by construction). */
export function activeChangeSets(db: Db): ChangeSet[] {
  return db
    .select()
    .from(changeSets)
    .where(inArray(changeSets.status, ['rolling-out', 'rolling-back']))
    .all()
    .map(toChangeSet);
}

export function insertChangeSet(db: Db, cs: ChangeSet): void {
  db.insert(changeSets).values(cs).run();
}

/** Writes every mutable field of `cs` (status, progress, manifests, failure, times). */
export function saveChangeSet(db: Db, cs: ChangeSet): void {
  db.update(changeSets)
    .set({
      status: cs.status,
      manifests: cs.manifests,
      bots: cs.bots,
      failure: cs.failure,
      startedAt: cs.startedAt,
      finishedAt: cs.finishedAt,
    })
    .where(eq(changeSets.id, cs.id))
    .run();
}
