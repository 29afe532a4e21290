import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { AppError } from '../../shared/contract/errors.ts';
import type { Params } from '../../shared/contract/requests.ts';
import type { PolicyExceptionRecord } from '../../shared/domain/policy.ts';
import { ruleIds } from '../../shared/policy/packs.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../store/database.ts';
import { bots, fleets, policyExceptions } from '../store/schema.ts';
import type { Mutator, Tx } from '../store/unit-of-work.ts';
import type { ExceptionRow } from './exception-store.ts';

/** Whether an exception waives findings at `nowIso`: not revoked and not yet expired. */
export function isActive(row: Pick<ExceptionRow, 'revokedAt' | 'expiresAt'>, nowIso: string): boolean {
  return row.revokedAt === null && Date.parse(row.expiresAt) > Date.parse(nowIso);
}

/** How far ahead an exception may expire: exceptions are meant to be revisited. */
const MAX_AHEAD_MS = 365 * 24 * 3600 * 1000;

/** Names of the targets of `rows`, by scope and id. */
function targetNames(db: Db, rows: readonly ExceptionRow[]): Map<string, string> {
  const names = new Map<string, string>();
  const ids = (scope: 'bot' | 'fleet') => [
    ...new Set(rows.filter((r) => r.scope === scope).map((r) => r.targetId)),
  ];
  const botIds = ids('bot');
  const fleetIds = ids('fleet');
  if (botIds.length > 0) {
    for (const b of db
      .select({ id: bots.id, name: bots.name })
      .from(bots)
      .where(inArray(bots.id, botIds))
      .all())
      names.set(`bot:${b.id}`, b.name);
  }
  if (fleetIds.length > 0) {
    for (const f of db
      .select({ id: fleets.id, name: fleets.name })
      .from(fleets)
      .where(inArray(fleets.id, fleetIds))
      .all())
      names.set(`fleet:${f.id}`, f.name);
  }
  return names;
}

function toRecord(row: ExceptionRow, targetName: string, nowIso: string): PolicyExceptionRecord {
  return {
    exceptionId: row.id,
    ruleId: row.ruleId,
    scope: row.scope,
    id: row.targetId,
    reason: row.reason,
    expiresAt: row.expiresAt,
    targetName,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    revokedAt: row.revokedAt,
    revokedBy: row.revokedBy,
    active: isActive(row, nowIso),
  };
}

/** A deleted bot or fleet keeps its exceptions (they are never deleted): they then show its id. */
function nameOf(names: Map<string, string>, r: ExceptionRow): string {
  return names.get(`${r.scope}:${r.targetId}`) ?? `(deleted ${r.scope} ${r.targetId})`;
}

function recordsOf(db: Db, rows: readonly ExceptionRow[], nowIso: string): PolicyExceptionRecord[] {
  const names = targetNames(db, rows);
  return rows.map((r) => toRecord(r, nameOf(names, r), nowIso));
}

/** The audited shape of an exception. */
function auditView(row: ExceptionRow): Record<string, unknown> {
  const { id: _id, createdAt: _at, createdBy: _by, ...rest } = row;
  return rest;
}

/** The bot's or fleet's name; NOT_FOUND when it does not exist. */
function targetName(db: Db, scope: 'bot' | 'fleet', id: string): string {
  const row =
    scope === 'bot'
      ? db.select({ name: bots.name }).from(bots).where(eq(bots.id, id)).get()
      : db.select({ name: fleets.name }).from(fleets).where(eq(fleets.id, id)).get();
  if (!row)
    throw new AppError(
      'NOT_FOUND',
      `No ${scope} with id "${id}". It may have been deleted; pick another ${scope}.`,
      [{ path: 'id', message: `no ${scope} with this id` }],
    );
  return row.name;
}

/** The expiry as a UTC instant, after `now` and at most a year ahead. */
function checkExpiry(expiresAt: string, nowIso: string): string {
  const at = Date.parse(expiresAt);
  const now = Date.parse(nowIso);
  const latest = new Date(now + MAX_AHEAD_MS).toISOString();
  if (!(at > now))
    throw new AppError('VALIDATION', `The expiry ${expiresAt} is not in the future (now is ${nowIso}).`, [
      { path: 'expiresAt', message: 'must be in the future' },
    ]);
  if (at > now + MAX_AHEAD_MS)
    throw new AppError(
      'VALIDATION',
      `The expiry ${expiresAt} is more than a year ahead; choose a date by ${latest} and renew the exception then.`,
      [{ path: 'expiresAt', message: `at most one year ahead (by ${latest})` }],
    );
  return new Date(at).toISOString();
}

function findRow(db: Db, exceptionId: string): ExceptionRow {
  const row = db.select().from(policyExceptions).where(eq(policyExceptions.id, exceptionId)).get();
  if (!row)
    throw new AppError(
      'NOT_FOUND',
      `No policy exception with id "${exceptionId}". Reload the exception list.`,
    );
  return row;
}

function emitChanged(tx: Tx, row: ExceptionRow, name: string): PolicyExceptionRecord {
  const record = toRecord(row, name, tx.now);
  tx.emit('policy.exception.changed', record);
  return record;
}

export function listExceptions(
  db: Db,
  p: Params<'policy.exception.list'>,
  nowIso: string,
): PolicyExceptionRecord[] {
  const where: SQL[] = [];
  if (p.scope) where.push(eq(policyExceptions.scope, p.scope));
  if (p.id) where.push(eq(policyExceptions.targetId, p.id));
  const rows = db
    .select()
    .from(policyExceptions)
    .where(and(...where))
    .orderBy(desc(policyExceptions.createdAt), policyExceptions.id)
    .all();
  return recordsOf(db, p.all ? rows : rows.filter((r) => isActive(r, nowIso)), nowIso);
}

export interface ExceptionDeps {
  db: Db;
  mutate: Mutator;
  clock: Clock;
  /** Who makes the changes (the control plane's actor, as in the audit log). */
  actor: string;
}

export interface ExceptionService {
  create(p: Params<'policy.exception.create'>): PolicyExceptionRecord;
  list(p: Params<'policy.exception.list'>): PolicyExceptionRecord[];
  revoke(p: Params<'policy.exception.revoke'>): PolicyExceptionRecord;
}

/** Operators' exceptions: one rule waived on one bot or fleet, with a reason, until a date; every change audited. */
export function createExceptionService(deps: ExceptionDeps): ExceptionService {
  const { db, mutate, clock, actor } = deps;
  return {
    create(p) {
      if (!ruleIds.includes(p.ruleId))
        throw new AppError(
          'VALIDATION',
          `There is no policy rule "${p.ruleId}". Pick one of the rules policy.rules lists.`,
          [{ path: 'ruleId', message: `unknown rule "${p.ruleId}"` }],
        );
      return mutate((tx) => {
        const name = targetName(tx.db, p.scope, p.id);
        const row: ExceptionRow = {
          id: tx.newId(),
          ruleId: p.ruleId,
          scope: p.scope,
          targetId: p.id,
          reason: p.reason,
          expiresAt: checkExpiry(p.expiresAt, tx.now),
          createdAt: tx.now,
          createdBy: actor,
          revokedAt: null,
          revokedBy: null,
        };
        tx.audit({
          action: 'policy.exception.create',
          resourceType: 'policy-exception',
          resourceId: row.id,
          before: null,
          after: auditView(row),
        });
        tx.db.insert(policyExceptions).values(row).run();
        return emitChanged(tx, row, name);
      });
    },
    list: (p) => listExceptions(db, p, clock.now().toISOString()),
    revoke(p) {
      return mutate((tx) => {
        const before = findRow(tx.db, p.exceptionId);
        if (before.revokedAt !== null)
          throw new AppError(
            'CONFLICT',
            `The exception was already revoked by ${before.revokedBy ?? 'someone'} at ${before.revokedAt}.`,
          );
        const after: ExceptionRow = { ...before, revokedAt: tx.now, revokedBy: actor };
        tx.audit({
          action: 'policy.exception.revoke',
          resourceType: 'policy-exception',
          resourceId: before.id,
          before: auditView(before),
          after: auditView(after),
        });
        tx.db
          .update(policyExceptions)
          .set({ revokedAt: after.revokedAt, revokedBy: after.revokedBy })
          .where(eq(policyExceptions.id, before.id))
          .run();
        return emitChanged(tx, after, nameOf(targetNames(tx.db, [after]), after));
      });
    },
  };
}
