import type BetterSqlite3 from 'better-sqlite3';
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { AuditEvent, AuditVerify } from '../../shared/domain/audit.ts';
import { auditEventSchema } from '../../shared/domain/audit.ts';
import type { Db } from '../store/database.ts';
import { auditEvents } from '../store/schema.ts';
import { auditHash, GENESIS_HASH } from './audit-hash.ts';

export interface AuditQuery {
  actor?: string | undefined;
  resourceType?: string | undefined;
  resourceId?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  before?: number | undefined;
  limit: number;
}

type Row = typeof auditEvents.$inferSelect;

function toEvent(row: Row): AuditEvent {
  return auditEventSchema.parse({ ...row, diff: JSON.parse(row.diff) });
}

/** Newest first, `limit` at a time; `nextBefore` pages on to older events. */
export function listAudit(db: Db, q: AuditQuery): { events: AuditEvent[]; nextBefore: number | null } {
  const where: SQL[] = [];
  if (q.actor) where.push(eq(auditEvents.actor, q.actor));
  if (q.resourceType) where.push(eq(auditEvents.resourceType, q.resourceType));
  if (q.resourceId) where.push(eq(auditEvents.resourceId, q.resourceId));
  if (q.since) where.push(gte(auditEvents.ts, new Date(q.since).toISOString()));
  if (q.until) where.push(lte(auditEvents.ts, new Date(q.until).toISOString()));
  if (q.before) where.push(lt(auditEvents.seq, q.before));
  const rows = db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(q.limit + 1)
    .all();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { events: page.map(toEvent), nextBefore: rows.length > q.limit && last ? last.seq : null };
}

export function auditFacets(sqlite: BetterSqlite3.Database): { actors: string[]; resourceTypes: string[] } {
  const actors = sqlite
    .prepare('SELECT DISTINCT actor FROM audit_events ORDER BY actor')
    .pluck()
    .all() as string[];
  const resourceTypes = sqlite
    .prepare('SELECT DISTINCT resource_type FROM audit_events ORDER BY resource_type')
    .pluck()
    .all() as string[];
  return { actors, resourceTypes };
}

interface RawRow {
  seq: number;
  id: string;
  ts: string;
  actor: string;
  action: string;
  resource_type: string;
  resource_id: string;
  diff: string;
  prev_hash: string;
  hash: string;
}

/**
 * Walks the whole chain in order and names the first event that was altered or removed, and
 * checks the head row (the newest event Clawster wrote) against the end of the chain, which
 * tells events cut from the end, or added or replaced there outside Clawster. It reads one
 * snapshot, so a change committed meanwhile by another process cannot look like tampering.
 */
export function verifyAudit(sqlite: BetterSqlite3.Database): AuditVerify {
  return sqlite.transaction(() => walkChain(sqlite))();
}

function walkChain(sqlite: BetterSqlite3.Database): AuditVerify {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const rows = sqlite
    .prepare('SELECT * FROM audit_events ORDER BY seq')
    .iterate() as IterableIterator<RawRow>;
  for (const r of rows) {
    if (r.seq !== expectedSeq) {
      const gap =
        r.seq - 1 === expectedSeq
          ? `Event #${expectedSeq} is`
          : `Events #${expectedSeq} to #${r.seq - 1} are`;
      return problem(checked, expectedSeq, 'removed', `${gap} missing from the audit log.`);
    }
    const fields = {
      seq: r.seq,
      id: r.id,
      ts: r.ts,
      actor: r.actor,
      action: r.action,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      diff: r.diff,
    };
    if (r.prev_hash !== prevHash) {
      return problem(
        checked,
        r.seq,
        'altered',
        `Event #${r.seq} does not link to the event before it: that event, or this one, was altered.`,
      );
    }
    if (auditHash(prevHash, fields) !== r.hash) {
      return problem(
        checked,
        r.seq,
        'altered',
        `Event #${r.seq} (${r.action} ${r.resource_type} at ${r.ts}) was altered.`,
      );
    }
    prevHash = r.hash;
    expectedSeq += 1;
    checked += 1;
  }
  const head = sqlite.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
    | { seq: number; hash: string }
    | undefined;
  return checkHead(head, expectedSeq - 1, prevHash, checked);
}

/** Compares the end of an intact chain (`lastSeq`, `lastHash`) with the head row. */
function checkHead(
  head: { seq: number; hash: string } | undefined,
  lastSeq: number,
  lastHash: string,
  checked: number,
): AuditVerify {
  if (!head) {
    if (lastSeq === 0) return { ok: true, checked, problem: null };
    return problem(
      checked,
      lastSeq + 1,
      'truncated',
      `The record of the newest event is missing, so events after #${lastSeq} may have been removed from the end.`,
    );
  }
  if (head.seq > lastSeq) {
    const from = lastSeq + 1;
    const what = from === head.seq ? `Event #${from} was` : `Events #${from} to #${head.seq} were`;
    return problem(checked, from, 'truncated', `${what} removed from the end of the audit log.`);
  }
  if (head.seq < lastSeq) {
    const from = head.seq + 1;
    const what = from === lastSeq ? `Event #${from} was` : `Events #${from} to #${lastSeq} were`;
    return problem(
      checked,
      from,
      'altered',
      `${what} added outside Clawster: the newest event Clawster wrote is #${head.seq}.`,
    );
  }
  if (head.hash !== lastHash) {
    return problem(
      checked,
      lastSeq,
      'altered',
      `Event #${lastSeq} is not the event Clawster wrote last: it was replaced, or the record of the newest event was changed.`,
    );
  }
  return { ok: true, checked, problem: null };
}

function problem(
  checked: number,
  seq: number,
  kind: 'altered' | 'removed' | 'truncated',
  message: string,
): AuditVerify {
  return { ok: false, checked, problem: { seq, kind, message } };
}
