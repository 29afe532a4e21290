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
  // One transaction wrapper for every change: better-sqlite3 builds four functions per wrapper.
  const inTransaction = deps.store.sqlite.transaction((work: (tx: Tx) => unknown, tx: Tx) => work(tx));
  return <T>(fn: (tx: Tx) => T): T => {
    const queued: (() => void)[] = [];
    const appended: AuditEvent[] = [];
    const now = deps.clock.now().toISOString();
    const tx: Tx = {
      db: deps.store.db,
      now,
      newId: deps.newId,
      audit: (entry) => appended.push(deps.audit.append(entry, now, deps.actor, deps.newId())),
      emit: (event, payload) => queued.push(() => deps.bus.emit(event, payload)),
    };
    // IMMEDIATE takes the write lock at the start, so that two processes sharing the data
    // directory wait for each other (busy_timeout) instead of one failing half way.
    const result = inTransaction.immediate(fn, tx) as T;
    for (const push of queued) push();
    for (const a of appended) deps.bus.emit('audit.appended', a);
    return result;
  };
}
