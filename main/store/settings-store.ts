import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { canonicalJson } from '../../shared/config/canonical.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { Db } from './database.ts';
import { settings } from './schema.ts';

/** One setting of the `settings` key/value table: its key and the schema its value must fit. */
export interface Setting<T> {
  key: string;
  schema: z.ZodType<T>;
  /** Where the operator saves it again, for the message when a stored value no longer fits. */
  page: string;
}

/** The stored value, or null when there is none. A row that no longer fits its schema is an error. */
export function readSetting<T>(db: Db, setting: Setting<T>): T | null {
  const row = db.select().from(settings).where(eq(settings.key, setting.key)).get();
  if (!row) return null;
  const parsed = setting.schema.safeParse(row.value);
  if (!parsed.success)
    throw new AppError(
      'PRECONDITION',
      `The stored setting "${setting.key}" cannot be read by this version of Clawster. Save it again in ${setting.page}.`,
    );
  return parsed.data;
}

/** Writes the value; false (and nothing written) when the same value is already stored. */
export function writeSetting<T>(db: Db, setting: Setting<T>, value: T, now: string): boolean {
  const current = db.select().from(settings).where(eq(settings.key, setting.key)).get();
  if (current && canonicalJson(current.value) === canonicalJson(value)) return false;
  db.insert(settings)
    .values({ key: setting.key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
    .run();
  return true;
}
