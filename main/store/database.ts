import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { AppError } from '../../shared/contract/errors.ts';
import { loadMigrations, type Migration, type MigrationReport, migrate } from './migrator.ts';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Store {
  db: Db;
  sqlite: Database.Database;
  file: string;
  migration: MigrationReport;
  close(): void;
}

/** Opens (creating if needed) the SQLite file in WAL mode and applies pending migrations. */
export function openStore(file: string, migrations: readonly Migration[] = loadMigrations()): Store {
  mkdirSync(dirname(file), { recursive: true });
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
  } catch (e) {
    sqlite?.close();
    throw new AppError(
      'UNAVAILABLE',
      `Cannot open the database ${file}: ${e instanceof Error ? e.message : String(e)}. ` +
        'If the file is damaged, move it aside and restart Clawster to begin with an empty one.',
    );
  }
  try {
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const migration = migrate(sqlite, migrations);
    return { db: drizzle(sqlite, { schema }), sqlite, file, migration, close: () => sqlite.close() };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}
