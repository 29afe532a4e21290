import type { EventName, EventPayload } from '../../shared/contract/events.ts';
import type { AuditEvent } from '../../shared/domain/audit.ts';
import type { AuditEntry, AuditWriter } from '../audit/audit-writer.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events/bus.ts';
import type { Db, Store } from './database.ts';

export interface Tx {
  db: Db;
  /** The time of this change; every row and audit event it writes uses the same instant. */
  now: string;
  newId(): string;
  audit(entry: AuditEntry): void;
  /** Queued, and pushed to clients only once the transaction has committed. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type Mutator = <T>(fn: (tx: Tx) => T) => T;

interface Deps {
  store: Store;
  audit: AuditWriter;
  bus: EventBus;
  clock: Clock;
  actor: string;
  newId: () => string;
}

/**
 * Runs one change in one SQLite transaction: the rows, their audit events and nothing else.
 * If anything throws, all of it rolls back and no event is pushed.
 */
export function createMutator(deps: Deps): Mutator {
  return <T>(fn: (tx: Tx) => T): T => {
    const queued: (() => void)[] = [];
    const appended: AuditEvent[] = [];
    const now = deps.clock.now().toISOString();
    const result = deps.store.sqlite.transaction(() =>
      fn({
        db: deps.store.db,
        now,
        newId: deps.newId,
        audit: (entry) => appended.push(deps.audit.append(entry, now, deps.actor, deps.newId())),
        emit: (event, payload) => queued.push(() => deps.bus.emit(event, payload)),
      }),
    )();
    for (const push of queued) push();
    for (const a of appended) deps.bus.emit('audit.appended', a);
    return result;
  };
}
