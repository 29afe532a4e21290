import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../main/audit/audit-reader.ts';
import { createAuditWriter } from '../../main/audit/audit-writer.ts';
import { openStore, type Store } from '../../main/store/database.ts';
import { defaultMigrationsDir, loadMigrations, type Migration, migrate } from '../../main/store/migrator.ts';
import * as schema from '../../main/store/schema.ts';
import { dumpTables, T0 } from '../support/control-plane.ts';

const migrations = loadMigrations();
let dir = '';
let file = '';
const open: Database.Database[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clawster-migrate-'));
  file = join(dir, 'clawster.db');
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens the file as a build that knows only the first `n` migrations would. */
function openAt(n: number): Store {
  const store = openStore(file, migrations.slice(0, n));
  open.push(store.sqlite);
  return store;
}

function tables(db: Database.Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
}

function triggers(db: Database.Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
    .pluck()
    .all() as string[];
}

const fleetSql = (id: string, key = id) =>
  `INSERT INTO fleets (id, name, name_key, environment, tags, description, created_at, updated_at) VALUES ('${id}', '${id}', '${key}', 'dev', '["a"]', '', '${T0}', '${T0}')`;
const botSql = (id: string, fleet: string) =>
  `INSERT INTO bots (id, fleet_id, name, name_key, tags, created_at, updated_at) VALUES ('${id}', '${fleet}', '${id}', '${id}', '[]', '${T0}', '${T0}')`;

/** Three audit events through the real writer, as any build since 0000 writes them. */
function appendEvents(db: Database.Database, n = 3): void {
  const writer = createAuditWriter(db);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      writer.append(
        { action: 'fleet.create', resourceType: 'fleet', resourceId: `f${i}`, before: null, after: { i } },
        T0,
        'tester',
        `e${i}`,
      );
    }
  })();
}

interface MigrationCheck {
  /** Rows written at N-1 (the database one build older). */
  seed(db: Database.Database): void;
  /** What must hold at N, on the seeded rows and on the new schema. */
  check(db: Database.Database): void;
}

/** One entry per migration: a migration without a test fails the first test below. */
const checks: Record<string, MigrationCheck> = {
  '0000_init': {
    seed: () => {},
    check(db) {
      expect(tables(db)).toEqual(['__clawster_migrations', 'audit_events', 'audit_head', 'bots', 'fleets']);
      db.exec(fleetSql('f1'));
      db.exec(botSql('b1', 'f1'));
      expect(() => db.exec(fleetSql('f2', 'f1'))).toThrow(/UNIQUE constraint failed: fleets.name_key/);
      expect(() => db.exec(botSql('b1x', 'nope'))).toThrow(/FOREIGN KEY constraint failed/);
      expect(() => db.exec("DELETE FROM fleets WHERE id = 'f1'")).toThrow(/FOREIGN KEY constraint failed/);
      appendEvents(db);
      expect(verifyAudit(db)).toEqual({ ok: true, checked: 3, problem: null });
    },
  },
  '0001_audit_append_only': {
    seed(db) {
      db.exec(fleetSql('f1'));
      db.exec(botSql('b1', 'f1'));
      appendEvents(db);
      // Before 0001 nothing stopped an UPDATE: the point of the migration.
      db.exec('UPDATE audit_events SET actor = actor WHERE seq = 1');
    },
    check(db) {
      expect(db.prepare('SELECT id FROM fleets').pluck().all()).toEqual(['f1']);
      expect(db.prepare('SELECT id FROM bots').pluck().all()).toEqual(['b1']);
      expect(verifyAudit(db)).toEqual({ ok: true, checked: 3, problem: null });
      expect(() => db.exec("UPDATE audit_events SET actor = 'x' WHERE seq = 2")).toThrow(
        'audit_events is append-only',
      );
      expect(() => db.exec('DELETE FROM audit_events WHERE seq = 3')).toThrow('audit_events is append-only');
      appendEvents(db, 1);
      expect(verifyAudit(db)).toEqual({ ok: true, checked: 4, problem: null });
    },
  },
  '0002_audit_no_rewrite': {
    seed(db) {
      appendEvents(db);
      // Before 0002 an INSERT OR REPLACE slipped past 0001's delete trigger.
      const e = db.prepare('SELECT * FROM audit_events WHERE seq = 3').get() as Record<string, unknown>;
      db.prepare(
        'INSERT OR REPLACE INTO audit_events VALUES (@seq, @id, @ts, @actor, @action, @resource_type, @resource_id, @diff, @prev_hash, @hash)',
      ).run(e);
    },
    check(db) {
      expect(verifyAudit(db)).toEqual({ ok: true, checked: 3, problem: null });
      const e = db.prepare('SELECT * FROM audit_events WHERE seq = 3').get() as Record<string, unknown>;
      expect(() =>
        db
          .prepare(
            'INSERT OR REPLACE INTO audit_events VALUES (@seq, @id, @ts, @actor, @action, @resource_type, @resource_id, @diff, @prev_hash, @hash)',
          )
          .run(e),
      ).toThrow('audit_events is append-only');
      expect(() => db.exec('DELETE FROM audit_head')).toThrow('audit_head only moves forward');
      expect(() => db.exec('UPDATE audit_head SET seq = 2')).toThrow('audit_head only moves forward');
      expect(() => db.exec("UPDATE audit_head SET seq = 4, hash = 'made-up'")).toThrow(
        'audit_head only moves forward',
      );
      // The writer's own upsert still moves the head on.
      appendEvents(db, 2);
      expect(verifyAudit(db)).toEqual({ ok: true, checked: 5, problem: null });
    },
  },
  '0003_bot_gateway': {
    seed(db) {
      db.exec(fleetSql('f1'));
      db.exec(botSql('b1', 'f1'));
      appendEvents(db);
    },
    check(db) {
      // Bots of older builds are kept, not connected to any gateway.
      expect(db.prepare('SELECT id, gateway_url, gateway_token_ref FROM bots').all()).toEqual([
        { id: 'b1', gateway_url: null, gateway_token_ref: null },
      ]);
      expect(verifyAudit(db)).toEqual({ ok: true, checked: 3, problem: null });
      db.exec(
        `INSERT INTO bots (id, fleet_id, name, name_key, tags, created_at, updated_at, gateway_url, gateway_token_ref) VALUES ('b2', 'f1', 'b2', 'b2', '[]', '${T0}', '${T0}', 'ws://127.0.0.1:18789', 'gateway/token/b2')`,
      );
      expect(db.prepare("SELECT gateway_url, gateway_token_ref FROM bots WHERE id = 'b2'").get()).toEqual({
        gateway_url: 'ws://127.0.0.1:18789',
        gateway_token_ref: 'gateway/token/b2',
      });
    },
  },
  '0004_fleet_bot_count': {
    seed(db) {
      db.exec(fleetSql('f1'));
      db.exec(fleetSql('f2'));
      db.exec(botSql('b1', 'f1'));
      db.exec(botSql('b2', 'f1'));
    },
    check(db) {
      const counts = () =>
        db.prepare('SELECT id, bot_count AS n FROM fleets ORDER BY id').all() as { id: string; n: number }[];
      // Existing bots are counted once, when the column is added.
      expect(counts()).toEqual([
        { id: 'f1', n: 2 },
        { id: 'f2', n: 0 },
      ]);
      // From then on triggers keep the count as bots are added, moved and removed.
      db.exec(botSql('b3', 'f2'));
      db.exec("UPDATE bots SET fleet_id = 'f2' WHERE id = 'b1'");
      db.exec("DELETE FROM bots WHERE id = 'b2'");
      expect(counts()).toEqual([
        { id: 'f1', n: 0 },
        { id: 'f2', n: 2 },
      ]);
    },
  },
  '0005_app_settings': {
    seed(db) {
      db.exec(fleetSql('f1'));
      appendEvents(db);
    },
    check(db) {
      // Older rows and the audit chain are untouched; settings start empty and hold JSON by key.
      expect(db.prepare('SELECT id FROM fleets').pluck().all()).toEqual(['f1']);
      expect(verifyAudit(db)).toEqual({ ok: true, checked: 3, problem: null });
      expect(db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);
      const put = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
      put.run('aws.ecs', '{"subnets":["subnet-0abc12345"]}', T0);
      expect(() => put.run('aws.ecs', '{}', T0)).toThrow(/UNIQUE constraint failed: settings.key/);
      expect(db.prepare("SELECT value FROM settings WHERE key = 'aws.ecs'").pluck().get()).toBe(
        '{"subnets":["subnet-0abc12345"]}',
      );
    },
  },
  '0006_manifests': {
    seed(db) {
      db.exec(fleetSql('f1'));
      db.exec(botSql('b1', 'f1'));
      appendEvents(db);
    },
    check(db) {
      // Older rows untouched; a Bot manifest goes with its bot, its history stays.
      expect(verifyAudit(db)).toEqual({ ok: true, checked: 3, problem: null });
      const put = db.prepare(
        'INSERT INTO manifests (key, kind, name, bot_id, version, doc, hash, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)',
      );
      put.run('Profile/p', 'Profile', 'p', null, '{}', 'h1', T0, T0, 'ada');
      put.run('Bot/b1', 'Bot', 'b1', 'b1', '{}', 'h2', T0, T0, 'ada');
      expect(() => put.run('Bot/b1x', 'Bot', 'b1', 'b1', '{}', 'h3', T0, T0, 'ada')).toThrow(
        /UNIQUE constraint failed: manifests.bot_id/,
      );
      db.prepare(
        'INSERT INTO manifest_versions (key, version, kind, name, bot_id, doc, hash, actor, created_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)',
      ).run('Bot/b1', 'Bot', 'b1', 'b1', '{}', 'h2', 'ada', T0);
      db.exec("DELETE FROM bots WHERE id = 'b1'");
      expect(db.prepare('SELECT key FROM manifests').pluck().all()).toEqual(['Profile/p']);
      expect(db.prepare('SELECT count(*) FROM manifest_versions').pluck().get()).toBe(1);
      expect(db.prepare('SELECT count(*) FROM policy_exceptions').pluck().get()).toBe(0);
    },
  },
  '0007_manifests_append_only': {
    seed(db) {
      db.prepare(
        'INSERT INTO manifest_versions (key, version, kind, name, bot_id, doc, hash, actor, created_at) VALUES (?, 1, ?, ?, NULL, ?, ?, ?, ?)',
      ).run('Profile/p', 'Profile', 'p', '{}', 'h1', 'ada', T0);
      db.prepare(
        "INSERT INTO policy_exceptions (id, rule_id, scope, target_id, reason, expires_at, created_at, created_by) VALUES ('e1', 'sandbox.off', 'bot', 'b1', 'lab', ?, ?, 'ada')",
      ).run('2026-12-01T00:00:00.000Z', T0);
    },
    check(db) {
      // History cannot be rewritten or removed; an exception can be revoked once and never deleted.
      expect(() => db.exec("UPDATE manifest_versions SET hash = 'x'")).toThrow(/append-only/);
      expect(() => db.exec('DELETE FROM manifest_versions')).toThrow(/append-only/);
      expect(() => db.exec('DELETE FROM policy_exceptions')).toThrow(/revoke instead/);
      expect(() => db.exec("UPDATE policy_exceptions SET reason = 'other'")).toThrow(/only be revoked/);
      db.exec(`UPDATE policy_exceptions SET revoked_at = '${T0}', revoked_by = 'grace'`);
      expect(() => db.exec("UPDATE policy_exceptions SET revoked_by = 'mallory'")).toThrow(
        /only be revoked, once/,
      );
      expect(db.prepare('SELECT revoked_by FROM policy_exceptions').pluck().get()).toBe('grace');
    },
  },
  '0008_bot_runtime': {
    seed(db) {
      db.exec(fleetSql('f1'));
      db.exec(botSql('b1', 'f1'));
      appendEvents(db);
    },
    check(db) {
      // Existing fleets report drift only, until the operator chooses to heal.
      expect(db.prepare('SELECT drift_mode FROM fleets').pluck().all()).toEqual(['notify']);
      expect(verifyAudit(db)).toEqual({ ok: true, checked: 3, problem: null });
      db.prepare(
        "INSERT INTO bot_runtime (bot_id, target, desired_state, state, state_since, updated_at) VALUES ('b1', 'local', 'running', 'pending', ?, ?)",
      ).run(T0, T0);
      expect(db.prepare('SELECT restart_count FROM bot_runtime').pluck().get()).toBe(0);
      const event = db.prepare(
        "INSERT INTO deployment_events (bot_id, at, from_state, to_state, cause, message, actor) VALUES ('b1', ?, NULL, 'pending', 'deploy', 'Deploy requested', 'ada')",
      );
      event.run(T0);
      expect(() => db.exec("UPDATE deployment_events SET message = 'x'")).toThrow(/append-only/);
      expect(() => db.exec('DELETE FROM deployment_events')).toThrow(/append-only/);
      // The runtime row goes with its bot; its history stays.
      db.exec("DELETE FROM bots WHERE id = 'b1'");
      expect(db.prepare('SELECT count(*) FROM bot_runtime').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM deployment_events').pluck().get()).toBe(1);
    },
  },
  '0009_openclaw_checks': {
    seed(db) {
      db.exec(fleetSql('f1'));
      db.exec(botSql('b1', 'f1'));
      appendEvents(db);
    },
    check(db) {
      expect(verifyAudit(db)).toEqual({ ok: true, checked: 3, problem: null });
      db.prepare("INSERT INTO openclaw_checks (bot_id, ran_at, report) VALUES ('b1', ?, '{}')").run(T0);
      // The last checks of a bot go with it.
      db.exec("DELETE FROM bots WHERE id = 'b1'");
      expect(db.prepare('SELECT count(*) FROM openclaw_checks').pluck().get()).toBe(0);
    },
  },
  '0010_fleet_target': {
    seed(db) {
      db.exec(fleetSql('f1'));
      appendEvents(db);
    },
    check(db) {
      // Existing fleets keep running their bots on this workstation.
      expect(db.prepare('SELECT target FROM fleets').pluck().all()).toEqual(['local']);
      expect(verifyAudit(db)).toEqual({ ok: true, checked: 3, problem: null });
    },
  },
  '0011_change_sets': {
    seed(db) {
      db.exec(fleetSql('f1'));
      appendEvents(db);
    },
    check(db) {
      expect(verifyAudit(db)).toEqual({ ok: true, checked: 3, problem: null });
      expect(db.prepare('SELECT count(*) FROM change_sets').pluck().get()).toBe(0);
      db.prepare(
        `INSERT INTO change_sets (id, title, status, strategy, health_timeout_sec, bake_sec, files, changes,
           bots_changed, manifests, bots, actor, created_at)
         VALUES ('c1', 'Raise log level', 'draft', '{"kind":"all"}', 120, 30, '[]', '[]', 0, '[]', '[]', 'ops', ?)`,
      ).run(T0);
      expect(db.prepare('SELECT description FROM change_sets').pluck().get()).toBe('');
    },
  },
};

describe('each migration on a real database file', () => {
  it('has a test here', () => {
    expect(Object.keys(checks)).toEqual(migrations.map((m) => m.tag));
  });

  it.each(migrations.map((m) => [m.tag, m.idx] as const))(
    '%s: migrate to N-1, insert, migrate to N',
    (tag, n) => {
      const check = checks[tag];
      if (!check) throw new Error(`no check for ${tag}`);
      const older = openAt(n);
      expect(older.migration.to).toBe(n);
      check.seed(older.sqlite);
      older.close();

      const store = openAt(n + 1);
      expect(store.migration).toEqual({ from: n, to: n + 1, applied: [tag] });
      expect(store.sqlite.pragma('user_version', { simple: true })).toBe(n + 1);
      check.check(store.sqlite);
    },
  );

  it('applies every migration to a new file in one go, and nothing on the next start', () => {
    const first = openAt(migrations.length);
    expect(first.migration).toEqual({
      from: 0,
      to: migrations.length,
      applied: migrations.map((m) => m.tag),
    });
    expect(first.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    first.close();
    const again = openAt(migrations.length);
    expect(again.migration).toEqual({ from: migrations.length, to: migrations.length, applied: [] });
  });

  it('leaves the schema that schema.ts describes', () => {
    const db = openAt(migrations.length).sqlite;
    for (const table of [
      schema.fleets,
      schema.bots,
      schema.auditEvents,
      schema.auditHead,
      schema.settings,
      schema.manifests,
      schema.manifestVersions,
      schema.policyExceptions,
      schema.botRuntime,
      schema.deploymentEvents,
      schema.openclawChecks,
    ]) {
      const config = getTableConfig(table);
      const columns = db.prepare(`PRAGMA table_info(${config.name})`).all() as {
        name: string;
        notnull: number;
      }[];
      expect(columns.map((c) => [c.name, c.notnull === 1]).sort(), config.name).toEqual(
        config.columns.map((c) => [c.name, c.notNull]).sort(),
      );
      const indexes = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
        .pluck()
        .all(config.name);
      expect(indexes.sort(), config.name).toEqual(config.indexes.map((i) => i.config.name).sort());
    }
    expect(triggers(db)).toEqual([
      'audit_events_no_delete',
      'audit_events_no_replace',
      'audit_events_no_update',
      'audit_head_insert_forward',
      'audit_head_no_delete',
      'audit_head_update_forward',
      'bots_count_delete',
      'bots_count_insert',
      'bots_count_move',
      'deployment_events_no_delete',
      'deployment_events_no_update',
      'manifest_versions_no_delete',
      'manifest_versions_no_update',
      'policy_exceptions_no_delete',
      'policy_exceptions_revoke_only',
    ]);
  });
});

describe('a database this build cannot use', () => {
  function sha(path: string): string {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  }

  /** A file as a newer build leaves it: every migration of ours and one more. */
  function newerFile(extra: { idx: number; tag: string }): string {
    const store = openAt(migrations.length);
    store.sqlite.exec(fleetSql('f1'));
    appendEvents(store.sqlite);
    store.sqlite.exec('CREATE TABLE future_things (x)');
    store.sqlite
      .prepare('INSERT INTO __clawster_migrations (idx, tag, applied_at) VALUES (?, ?, ?)')
      .run(extra.idx, extra.tag, T0);
    const dump = dumpTables(store.sqlite);
    store.close();
    return dump;
  }

  it('is refused when it has a migration this build does not know, and is not modified', () => {
    const dump = newerFile({ idx: migrations.length, tag: '9999_from_the_future' });
    const bytes = sha(file);
    expect(() => openAt(migrations.length)).toThrow(
      expect.objectContaining({
        code: 'PRECONDITION',
        message:
          'This database was written by a newer or different Clawster (it has migration 9999_from_the_future, which this version does not know). Update Clawster, or start it with another data directory.',
      }),
    );
    expect(sha(file)).toBe(bytes);
    const db = new Database(file, { readonly: true });
    open.push(db);
    expect(dumpTables(db)).toBe(dump);
    expect(tables(db)).toContain('future_things');
  });

  it('is refused before anything is applied, even when older migrations are pending', () => {
    openAt(1).close();
    const db = new Database(file);
    open.push(db);
    db.prepare('INSERT INTO __clawster_migrations (idx, tag, applied_at) VALUES (?, ?, ?)').run(
      1,
      'other_1',
      T0,
    );
    const before = dumpTables(db);
    expect(() => migrate(db, migrations)).toThrow(/other_1/);
    expect(dumpTables(db)).toBe(before);
    expect(triggers(db)).toEqual([]);
  });

  it('is refused when a migration of the same number has another name (another branch of Clawster)', () => {
    const store = openAt(migrations.length - 1);
    store.close();
    const fork: Migration = { idx: migrations.length - 1, tag: 'fork_only', statements: ['SELECT 1'] };
    const db = new Database(file);
    open.push(db);
    db.prepare('INSERT INTO __clawster_migrations (idx, tag, applied_at) VALUES (?, ?, ?)').run(
      fork.idx,
      fork.tag,
      T0,
    );
    const before = dumpTables(db);
    expect(() => migrate(db, migrations)).toThrow(
      /it has migration fork_only, which this version does not know/,
    );
    expect(dumpTables(db)).toBe(before);
  });

  it('is refused when its record of migrations has a gap', () => {
    openAt(migrations.length).close();
    const db = new Database(file);
    open.push(db);
    db.exec('DELETE FROM __clawster_migrations WHERE idx = 0');
    expect(() => migrate(db, migrations)).toThrow(
      /has a gap \(migration 0000_init is missing before 0001_audit_append_only\)/,
    );
  });

  it('is refused with a clear message when the file is not a database, and left alone', () => {
    const junk = join(dir, 'junk.db');
    const text = 'this is not sqlite '.repeat(300);
    writeFileSync(junk, text);
    expect(() => openStore(junk, migrations)).toThrow(
      expect.objectContaining({ code: 'UNAVAILABLE', message: expect.stringContaining('move it aside') }),
    );
    expect(readFileSync(junk, 'utf8')).toBe(text);
  });
});

describe('a migration that fails', () => {
  it('rolls back completely, with the earlier pending migrations of the same start', () => {
    openAt(1).close();
    const broken: Migration[] = [
      ...migrations,
      {
        idx: migrations.length,
        tag: `${String(migrations.length).padStart(4, '0')}_broken`,
        statements: ['CREATE TABLE half_done (x)', 'INSERT INTO no_such_table VALUES (1)'],
      },
    ];
    const db = new Database(file);
    open.push(db);
    db.exec(fleetSql('f1'));
    const before = dumpTables(db);
    expect(() => migrate(db, broken)).toThrow(
      expect.objectContaining({
        code: 'INTERNAL',
        message: expect.stringMatching(
          /^Could not bring the database up to date: migration \d{4}_broken failed \(no such table: no_such_table\)\. The database was left as it was/,
        ),
      }),
    );
    expect(dumpTables(db)).toBe(before);
    expect(tables(db)).not.toContain('half_done');
    expect(triggers(db)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
  });
});

describe('the migration files', () => {
  const journal = JSON.parse(readFileSync(join(defaultMigrationsDir, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };

  it('are numbered from 0000 without gaps, and the journal lists exactly them, in order', () => {
    const files = readdirSync(defaultMigrationsDir)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(files.map((f) => f.replace(/\.sql$/, ''))).toEqual(journal.entries.map((e) => e.tag));
    journal.entries.forEach((e, i) => {
      expect(e.idx).toBe(i);
      expect(e.tag.slice(0, 5)).toBe(`${String(i).padStart(4, '0')}_`);
    });
    expect(migrations.map((m) => m.tag)).toEqual(journal.entries.map((e) => e.tag));
  });

  it('each have a drizzle-kit snapshot, chained to the one before', () => {
    let prev = '00000000-0000-0000-0000-000000000000';
    for (const e of journal.entries) {
      const snap = JSON.parse(
        readFileSync(join(defaultMigrationsDir, 'meta', `${e.tag.slice(0, 4)}_snapshot.json`), 'utf8'),
      ) as { id: string; prevId: string };
      expect(snap.prevId, e.tag).toBe(prev);
      prev = snap.id;
    }
  });

  it('each hold at least one statement', () => {
    for (const m of migrations) expect(m.statements.length, m.tag).toBeGreaterThan(0);
  });
});
