import { isNull } from 'drizzle-orm';
import type { PolicyException } from '../../shared/policy/types.ts';
import type { Db } from '../store/database.ts';
import { policyExceptions } from '../store/schema.ts';

export type ExceptionRow = typeof policyExceptions.$inferSelect;

export function toPolicyException(row: ExceptionRow): PolicyException {
  return {
    ruleId: row.ruleId,
    scope: row.scope,
    id: row.targetId,
    reason: row.reason,
    expiresAt: row.expiresAt,
  };
}

/**
 * The exceptions the policy engine is given: every one not revoked. Expired ones are included so
 * that a finding can say its exception has expired; the engine waives nothing with them.
 */
export function activeExceptions(db: Db): PolicyException[] {
  return db
    .select()
    .from(policyExceptions)
    .where(isNull(policyExceptions.revokedAt))
    .all()
    .map(toPolicyException);
}
