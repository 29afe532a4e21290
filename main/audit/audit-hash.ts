import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/config/canonical.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  seq: number;
  id: string;
  ts: string;
  actor: string;
  action: string;
  resourceType: string;
  resourceId: string;
  /** The diff exactly as stored (canonical JSON text). */
  diff: string;
}

/** The chain link: sha256 of the previous hash and the canonical form of this event. */
export function auditHash(prevHash: string, e: HashedFields): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(
      canonicalJson({
        seq: e.seq,
        id: e.id,
        ts: e.ts,
        actor: e.actor,
        action: e.action,
        resourceType: e.resourceType,
        resourceId: e.resourceId,
        diff: e.diff,
      }),
    )
    .digest('hex');
}
