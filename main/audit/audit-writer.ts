import type BetterSqlite3 from 'better-sqlite3';
import { canonicalJson } from '../../shared/config/canonical.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { AuditEvent, ResourceType } from '../../shared/domain/audit.ts';
import { auditHash, GENESIS_HASH } from './audit-hash.ts';

export interface AuditEntry {
  action: string;
  resourceType: ResourceType;
  resourceId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditWriter {
  /** Appends one event; must run inside the transaction of the change it records. */
  append(entry: AuditEntry, ts: string, actor: string, id: string): AuditEvent;
}

/**
 * The only code that writes audit events. It inserts; nothing anywhere updates or deletes them
 * (the database refuses that too). Each event links to the one before it by hash.
 */
export function createAuditWriter(sqlite: BetterSqlite3.Database): AuditWriter {
  const head = sqlite.prepare('SELECT seq, hash FROM audit_head WHERE id = 1');
  const insert = sqlite.prepare(
    `INSERT INTO audit_events (seq, id, ts, actor, action, resource_type, resource_id, diff, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setHead = sqlite.prepare(
    `INSERT INTO audit_head (id, seq, hash, updated_at) VALUES (1, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, updated_at = excluded.updated_at`,
  );
  return {
    append(entry, ts, actor, id) {
      const last = head.get() as { seq: number; hash: string } | undefined;
      const seq = (last?.seq ?? 0) + 1;
      const prevHash = last?.hash ?? GENESIS_HASH;
      const diffValue = { before: entry.before, after: entry.after };
      const diff = canonicalJson(diffValue);
      const fields = {
        seq,
        id,
        ts,
        actor,
        action: entry.action,
        resourceType: entry.resourceType,
        resourceId: entry.resourceId,
        diff,
      };
      const hash = auditHash(prevHash, fields);
      try {
        insert.run(
          seq,
          id,
          ts,
          actor,
          entry.action,
          entry.resourceType,
          entry.resourceId,
          diff,
          prevHash,
          hash,
        );
        setHead.run(seq, hash, ts);
      } catch (e) {
        // The change this event records rolls back with it: nothing unaudited is ever kept.
        throw new AppError(
          'UNAVAILABLE',
          `The audit log could not record this change (${e instanceof Error ? e.message : String(e)}), so nothing was changed. ` +
            'Verify the audit log on the Audit Log page to see what happened to it.',
        );
      }
      return { ...fields, diff: diffValue, prevHash, hash };
    },
  };
}
