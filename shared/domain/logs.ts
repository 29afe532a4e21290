import { z } from 'zod';
import { idSchema, isoTimeSchema } from './common.ts';

/** A bot's log lines as the bot page shows them: tail, follow, search and a level filter. */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export const logLevelSchema = z.enum(logLevels);
export type LogLevel = z.infer<typeof logLevelSchema>;

export const logLineSchema = z.object({
  /** Unique within the bot (drops duplicates while following). */
  id: z.string(),
  at: isoTimeSchema,
  message: z.string(),
  source: z.string(),
  level: z.string().optional(),
});
export type BotLogLine = z.infer<typeof logLineSchema>;

export const logsPageSchema = z.strictObject({
  id: idSchema,
  /** Opaque cursor from the previous page; the first page starts at the oldest line kept. */
  cursor: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  /** Only lines at or above this level (lines without a level are kept). */
  level: logLevelSchema.optional(),
  /** Only lines containing this text, ignoring case. */
  search: z.string().max(200).optional(),
});
export const logsPageResultSchema = z.object({
  lines: z.array(logLineSchema),
  cursor: z.string().nullable(),
});

export const logsFollowSchema = z.strictObject({
  id: idSchema,
  level: logLevelSchema.optional(),
  search: z.string().max(200).optional(),
});
export const logsFollowResultSchema = z.object({ followId: z.string() });
export const logsUnfollowSchema = z.strictObject({ followId: z.string().min(1).max(64) });

export const logsAppendedSchema = z.object({
  followId: z.string(),
  botId: idSchema,
  lines: z.array(logLineSchema),
});

const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Whether a line passes the level and search filters (a line without a known level always passes the level one). */
export function logLineMatches(
  line: BotLogLine,
  filter: { level?: LogLevel | undefined; search?: string | undefined },
): boolean {
  if (filter.level) {
    const l = logLevelSchema.safeParse(
      line.level === 'warning' ? 'warn' : line.level === 'fatal' ? 'error' : line.level,
    );
    if (l.success && rank[l.data] < rank[filter.level]) return false;
  }
  return !filter.search || line.message.toLowerCase().includes(filter.search.toLowerCase());
}
