import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHash } from '../../main/audit/audit-hash.ts';
import { canonicalJson } from '../../shared/config/canonical.ts';
import type { AuditVerify } from '../../shared/domain/audit.ts';
import { startControlPlane, type TestControlPlane } from '../support/control-plane.ts';
import { repoRoot } from '../support/serve-process.ts';

let t: TestControlPlane;

/**
 * Six events: 1 fleet.create, 2 bot.create a, 3 bot.create b, 4 fleet.update, 5 bot.update a,
 * 6 bot.delete b.
 */
beforeEach(async () => {
  t = startControlPlane();
  const fleet = await t.call('fleet.create', { name: 'prod', environment: 'prod' });
  const a = await t.call('bot.create', { fleetId: fleet.id, name: 'a' });
  const b = await t.call('bot.create', { fleetId: fleet.id, name: 'b' });
  await t.call('fleet.update', { id: fleet.id, tags: ['eu'] });
  await t.call('bot.update', { id: a.id, name: 'a2' });
  await t.call('bot.delete', { id: b.id });
});
afterEach(() => t.cleanup());

/** What an attacker with the file would do: open it directly, drop our triggers, change rows. */
function tamper(...statements: string[]): void {
  const db = new Database(join(t.dir, 'clawster.db'));
  try {
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all();
    for (const name of triggers) db.exec(`DROP TRIGGER "${String(name)}"`);
    for (const s of statements) db.exec(s);
  } finally {
    db.close();
  }
}

/** Restarts the control plane on the tampered file and asks it to verify the chain. */
async function verifyAfterRestart(): Promise<AuditVerify> {
  await t.reopen();
  return t.call('audit.verify', {});
}

interface Row {
  seq: number;
  id: string;
  ts: string;
  actor: string;
  action: string;
  resource_type: string;
  resource_id: string;
  diff: string;
  hash: string;
}

function row(seq: number): Row {
  return t.cp.store.sqlite.prepare('SELECT * FROM audit_events WHERE seq = ?').get(seq) as Row;
}

/** An INSERT of a well-formed event chained onto `prev`: what a careful forger would write. */
function forged(seq: number, prevHash: string, action: string): string {
  const fields = {
    seq,
    id: `forged-${seq}`,
    ts: '2026-03-10T12:00:00.000Z',
    actor: 'mallory',
    action,
    resourceType: 'fleet',
    resourceId: 'id-1',
    diff: canonicalJson({ before: null, after: { name: 'x' } }),
  };
  const hash = auditHash(prevHash, fields);
  const q = (s: string | number) => (typeof s === 'number' ? String(s) : `'${s.replaceAll("'", "''")}'`);
  return `INSERT OR REPLACE INTO audit_events (seq, id, ts, actor, action, resource_type, resource_id, diff, prev_hash, hash) VALUES (${[
    fields.seq,
    fields.id,
    fields.ts,
    fields.actor,
    fields.action,
    fields.resourceType,
    fields.resourceId,
    fields.diff,
    prevHash,
    hash,
  ]
    .map(q)
    .join(', ')})`;
}

describe('audit.verify on a tampered file', () => {
  it('passes an untouched chain, having checked every event', async () => {
    expect(t.counts().audit).toBe(6);
    expect(await verifyAfterRestart()).toEqual({ ok: true, checked: 6, problem: null });
  });

  it('names an event whose diff was changed', async () => {
    const diff = JSON.parse(row(3).diff) as { after: { name: string } };
    diff.after.name = 'innocent';
    tamper(`UPDATE audit_events SET diff = '${JSON.stringify(diff)}' WHERE seq = 3`);
    expect(await verifyAfterRestart()).toEqual({
      ok: false,
      checked: 2,
      problem: {
        seq: 3,
        kind: 'altered',
        message: 'Event #3 (bot.create bot at 2026-03-10T12:00:00.000Z) was altered.',
      },
    });
  });

  it.each([
    ['actor', "actor = 'someone-else'", 2],
    ['time', "ts = '2020-01-01T00:00:00.000Z'", 1],
    ['action', "action = 'fleet.create'", 5],
    ['resource', "resource_id = 'id-999'", 4],
    ['hash', "hash = '00'", 6],
  ])('names an event whose %s was changed', async (_what, set, seq) => {
    tamper(`UPDATE audit_events SET ${set} WHERE seq = ${seq}`);
    const result = await verifyAfterRestart();
    expect(result).toMatchObject({ ok: false, checked: seq - 1, problem: { seq, kind: 'altered' } });
  });

  it('names an event that no longer links to the one before it', async () => {
    tamper("UPDATE audit_events SET prev_hash = 'ff' WHERE seq = 5");
    expect((await verifyAfterRestart()).problem).toEqual({
      seq: 5,
      kind: 'altered',
      message: 'Event #5 does not link to the event before it: that event, or this one, was altered.',
    });
  });

  it('names a removed middle event', async () => {
    tamper('DELETE FROM audit_events WHERE seq = 3');
    expect(await verifyAfterRestart()).toEqual({
      ok: false,
      checked: 2,
      problem: { seq: 3, kind: 'removed', message: 'Event #3 is missing from the audit log.' },
    });
  });

  it('names the first of several removed events', async () => {
    tamper('DELETE FROM audit_events WHERE seq IN (2, 3, 4)');
    expect((await verifyAfterRestart()).problem).toEqual({
      seq: 2,
      kind: 'removed',
      message: 'Events #2 to #4 are missing from the audit log.',
    });
  });

  it('names a removed first event', async () => {
    tamper('DELETE FROM audit_events WHERE seq = 1');
    expect((await verifyAfterRestart()).problem).toMatchObject({ seq: 1, kind: 'removed' });
  });

  it('names events removed from the end', async () => {
    tamper('DELETE FROM audit_events WHERE seq >= 5');
    expect(await verifyAfterRestart()).toEqual({
      ok: false,
      checked: 4,
      problem: {
        seq: 5,
        kind: 'truncated',
        message: 'Events #5 to #6 were removed from the end of the audit log.',
      },
    });
  });

  it('names the last event when only it was removed', async () => {
    tamper('DELETE FROM audit_events WHERE seq = 6');
    expect((await verifyAfterRestart()).problem).toEqual({
      seq: 6,
      kind: 'truncated',
      message: 'Event #6 was removed from the end of the audit log.',
    });
  });

  it('notices a log emptied of every event', async () => {
    tamper('DELETE FROM audit_events');
    expect(await verifyAfterRestart()).toMatchObject({
      ok: false,
      checked: 0,
      problem: { seq: 1, kind: 'truncated' },
    });
  });

  it('notices events appended outside Clawster, even correctly chained ones', async () => {
    tamper(forged(7, row(6).hash, 'fleet.create'));
    expect(await verifyAfterRestart()).toEqual({
      ok: false,
      checked: 7,
      problem: {
        seq: 7,
        kind: 'altered',
        message: 'Event #7 was added outside Clawster: the newest event Clawster wrote is #6.',
      },
    });
  });

  it('notices a last event replaced by a correctly chained forgery', async () => {
    tamper(forged(6, row(5).hash, 'bot.update'));
    expect((await verifyAfterRestart()).problem).toEqual({
      seq: 6,
      kind: 'altered',
      message:
        'Event #6 is not the event Clawster wrote last: it was replaced, or the record of the newest event was changed.',
    });
  });

  it('notices that the record of the newest event was removed', async () => {
    tamper('DELETE FROM audit_head');
    expect((await verifyAfterRestart()).problem).toEqual({
      seq: 7,
      kind: 'truncated',
      message:
        'The record of the newest event is missing, so events after #6 may have been removed from the end.',
    });
  });

  it('refuses every change while the audit log cannot record it, and changes nothing', async () => {
    // The head moved back to #4: the writer's next event would overwrite #5.
    tamper(`UPDATE audit_head SET seq = 4, hash = '${row(4).hash}'`);
    await t.reopen();
    const before = t.snapshot();
    t.events.length = 0;
    const error = await t.fail('fleet.create', { name: 'new', environment: 'dev' });
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(
      /^The audit log could not record this change \(UNIQUE constraint failed: audit_events.seq\), so nothing was changed\./,
    );
    expect(t.snapshot()).toBe(before);
    expect(t.events).toEqual([]);
  });

  it('keeps working after a restart on a file whose chain is broken', async () => {
    tamper('DELETE FROM audit_events WHERE seq = 2');
    await t.reopen();
    expect(await t.call('fleet.list', {})).toHaveLength(1);
    expect((await t.call('audit.list', {})).events.map((e) => e.seq)).toEqual([6, 5, 4, 3, 1]);
  });
});

describe('the audit log is append-only', () => {
  const refusals = [
    'UPDATE audit_events SET actor = ? WHERE seq = 1',
    'DELETE FROM audit_events WHERE seq = 1',
    'DELETE FROM audit_events',
  ];

  it.each(refusals)('the database refuses "%s" from the app\'s own connection', (sql) => {
    const db = t.cp.store.sqlite;
    const before = t.snapshot();
    const stmt = db.prepare(sql);
    expect(() => (sql.includes('?') ? stmt.run('x') : stmt.run())).toThrow('audit_events is append-only');
    expect(t.snapshot()).toBe(before);
  });

  it('refuses to replace an event in place (INSERT OR REPLACE)', () => {
    const before = t.snapshot();
    expect(() => t.cp.store.sqlite.exec(forged(3, row(2).hash, 'bot.create'))).toThrow(
      'audit_events is append-only',
    );
    expect(t.snapshot()).toBe(before);
  });

  it('refuses to move the record of the newest event back, or to remove it', () => {
    const db = t.cp.store.sqlite;
    const before = t.snapshot();
    expect(() => db.exec(`UPDATE audit_head SET seq = 5, hash = '${row(5).hash}'`)).toThrow(/audit_head/);
    expect(() => db.exec('DELETE FROM audit_head')).toThrow(/audit_head/);
    expect(() =>
      db.exec(
        `INSERT OR REPLACE INTO audit_head (id, seq, hash, updated_at) VALUES (1, 5, '${row(5).hash}', 'x')`,
      ),
    ).toThrow(/audit_head/);
    expect(t.snapshot()).toBe(before);
  });

  it('still verifies after those refusals, and goes on appending', async () => {
    const db = t.cp.store.sqlite;
    expect(() => db.exec('DELETE FROM audit_events WHERE seq = 6')).toThrow();
    await t.call('fleet.create', { name: 'next', environment: 'dev' });
    expect(await t.call('audit.verify', {})).toEqual({ ok: true, checked: 7, problem: null });
  });

  it('has no code that updates or deletes audit events: only the writer and reader touch the table', () => {
    const sources = readdirSync(join(repoRoot, 'main'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
      .map((e) => join(e.parentPath, e.name));
    const touching = sources
      .filter((f) => /audit_events|auditEvents/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(repoRoot, f))
      .sort();
    expect(touching).toEqual([
      'main/audit/audit-reader.ts',
      'main/audit/audit-writer.ts',
      'main/store/schema.ts',
    ]);
    for (const f of touching) {
      const text = readFileSync(join(repoRoot, f), 'utf8');
      expect(text, f).not.toMatch(/\b(UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+[`"']?audit_events/i);
      expect(text, f).not.toMatch(/\.(update|delete)\(\s*auditEvents\s*\)/);
    }
  });
});
