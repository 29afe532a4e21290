import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counterIds, dumpTables, T0 } from '../../test/support/control-plane.ts';
import { verifyAudit } from '../audit/audit-reader.ts';
import { createAuditWriter } from '../audit/audit-writer.ts';
import { fixedClock } from '../clock.ts';
import { createEventBus } from '../events/bus.ts';
import { openStore, type Store } from './database.ts';
import { fleets } from './schema.ts';
import { createMutator, type Mutator } from './unit-of-work.ts';

let dir = '';
let store: Store;
let reader: Database.Database;
let mutate: Mutator;
let pushed: { event: string; committed: boolean; inTransaction: boolean }[];
let listenerErrors: unknown[];

const fleetRow = (id: string, now: string) => ({
  id,
  name: id,
  nameKey: id,
  environment: 'dev' as const,
  tags: [],
  description: '',
  createdAt: now,
  updatedAt: now,
});

const seqOf = (p: unknown) => (typeof p === 'object' && p !== null && 'seq' in p ? p.seq : -1);
const itemIdOf = (p: unknown) =>
  typeof p === 'object' && p !== null && 'item' in p && typeof p.item === 'object' && p.item && 'id' in p.item
    ? p.item.id
    : '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clawster-uow-'));
  store = openStore(join(dir, 'clawster.db'));
  // A second connection, like another process: it sees only what was committed.
  reader = new Database(store.file, { readonly: true });
  pushed = [];
  listenerErrors = [];
  const bus = createEventBus((e) => listenerErrors.push(e));
  bus.on((event, payload) => {
    // Whether the other connection already sees what the event announces.
    const seen =
      event === 'audit.appended'
        ? reader.prepare('SELECT count(*) FROM audit_events WHERE seq = ?').pluck().get(seqOf(payload))
        : reader.prepare('SELECT count(*) FROM fleets WHERE id = ?').pluck().get(itemIdOf(payload));
    pushed.push({ event, committed: seen === 1, inTransaction: store.sqlite.inTransaction });
  });
  mutate = createMutator({
    store,
    audit: createAuditWriter(store.sqlite),
    bus,
    clock: fixedClock(T0),
    actor: 'tester',
    newId: counterIds(),
  });
});
afterEach(() => {
  reader.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('mutate', () => {
  it('pushes events only after the transaction has committed, audit events last', () => {
    const result = mutate((tx) => {
      const row = fleetRow('f1', tx.now);
      tx.db.insert(fleets).values(row).run();
      tx.audit({ action: 'fleet.create', resourceType: 'fleet', resourceId: 'f1', before: null, after: {} });
      tx.emit('fleet.changed', {
        kind: 'created',
        item: { ...row, botCount: 0, driftMode: 'notify', target: 'local' },
      });
      expect(pushed).toEqual([]);
      return 'done';
    });
    expect(result).toBe('done');
    expect(pushed).toEqual([
      { event: 'fleet.changed', committed: true, inTransaction: false },
      { event: 'audit.appended', committed: true, inTransaction: false },
    ]);
  });

  it('rolls everything back when the change throws: rows, audit events, the chain head, and pushes nothing', () => {
    const before = dumpTables(store.sqlite);
    const failure = new Error('half way');
    expect(() =>
      mutate((tx) => {
        const row = fleetRow('f1', tx.now);
        tx.db.insert(fleets).values(row).run();
        tx.audit({
          action: 'fleet.create',
          resourceType: 'fleet',
          resourceId: 'f1',
          before: null,
          after: {},
        });
        tx.emit('fleet.changed', {
          kind: 'created',
          item: { ...row, botCount: 0, driftMode: 'notify', target: 'local' },
        });
        throw failure;
      }),
    ).toThrow(failure);
    expect(dumpTables(store.sqlite)).toBe(before);
    expect(pushed).toEqual([]);
    expect(store.sqlite.inTransaction).toBe(false);

    // The chain goes on from where it was, as if the failed change never happened.
    mutate((tx) =>
      tx.audit({ action: 'fleet.create', resourceType: 'fleet', resourceId: 'f2', before: null, after: {} }),
    );
    expect(store.sqlite.prepare('SELECT seq FROM audit_events').pluck().all()).toEqual([1]);
    expect(verifyAudit(store.sqlite)).toEqual({ ok: true, checked: 1, problem: null });
  });

  it('rolls back when the database itself refuses a row (a constraint), and pushes nothing', () => {
    mutate((tx) => tx.db.insert(fleets).values(fleetRow('f1', tx.now)).run());
    const before = dumpTables(store.sqlite);
    expect(() =>
      mutate((tx) => {
        tx.audit({
          action: 'fleet.create',
          resourceType: 'fleet',
          resourceId: 'f1',
          before: null,
          after: {},
        });
        tx.db.insert(fleets).values(fleetRow('f1', tx.now)).run();
      }),
    ).toThrow(/UNIQUE constraint failed/);
    expect(dumpTables(store.sqlite)).toBe(before);
    expect(pushed).toEqual([]);
  });

  it('gives every row and audit event of one change the same instant', () => {
    mutate((tx) => {
      tx.db.insert(fleets).values(fleetRow('f1', tx.now)).run();
      tx.audit({ action: 'a', resourceType: 'fleet', resourceId: 'f1', before: null, after: {} });
      tx.audit({ action: 'b', resourceType: 'fleet', resourceId: 'f1', before: null, after: {} });
    });
    expect(store.sqlite.prepare('SELECT DISTINCT ts FROM audit_events').pluck().all()).toEqual([T0]);
    expect(store.sqlite.prepare('SELECT created_at FROM fleets').pluck().get()).toBe(T0);
  });

  it('keeps a change when a listener throws, and reports the listener error', () => {
    const bus = createEventBus((e) => listenerErrors.push(e));
    bus.on(() => {
      throw new Error('listener bug');
    });
    const m = createMutator({
      store,
      audit: createAuditWriter(store.sqlite),
      bus,
      clock: fixedClock(T0),
      actor: 'tester',
      newId: counterIds('x'),
    });
    m((tx) => tx.audit({ action: 'a', resourceType: 'fleet', resourceId: 'f', before: null, after: {} }));
    expect(store.sqlite.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(1);
    expect(listenerErrors).toEqual([new Error('listener bug')]);
  });
});
