import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';
import type { Logger } from '../log/logger.ts';

/**
 * Reads a small JSON file the shell keeps in userData. A missing file gives the fallback; an
 * unreadable or invalid one is logged and gives the fallback too (the shell must still start).
 */
export function readJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  fallback: z.output<S>,
  log: Logger,
): z.output<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    log.warn('ignoring an invalid settings file', { file, issues: parsed.error.issues.length });
  } catch {
    log.warn('ignoring a settings file that is not JSON', { file });
  }
  return fallback;
}

/** Writes atomically (temp file, then rename), readable by the owner only. */
export function writeJsonFile(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}
