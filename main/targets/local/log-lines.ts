import type { LogLine } from '../target.ts';

/** A log line of a local bot; `level` when OpenClaw's JSONL record names one. */
export interface LocalLogLine extends LogLine {
  level?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v))
    : undefined;
}

function isoOrUndefined(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** `{"subsystem":"gateway"}` (OpenClaw's logger name) → `gateway`. */
function subsystem(meta: Record<string, unknown> | undefined): string | undefined {
  const name = str(meta?.name);
  if (!name) return undefined;
  try {
    const parsed = record(JSON.parse(name));
    return str(parsed?.subsystem) ?? name;
  } catch {
    return name;
  }
}

/**
 * One line of OpenClaw's log file. Its JSONL records (tslog) carry `time`, `message` (or the
 * positional "1"), and `_meta.logLevelName`; anything else (plain text, a torn last line) is kept
 * as the message with `fallbackAt` as its time. `id` is the line's byte offset in the file.
 */
export function parseLogLine(text: string, offset: number, source: string, fallbackAt: string): LocalLogLine {
  const id = `${source}:${offset}`;
  let parsed: Record<string, unknown> | undefined;
  if (text.startsWith('{')) {
    try {
      parsed = record(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
  }
  if (!parsed) return { at: fallbackAt, message: text, source, id };
  const meta = record(parsed._meta);
  const at = isoOrUndefined(str(parsed.time)) ?? isoOrUndefined(str(meta?.date)) ?? fallbackAt;
  const message = str(parsed.message) ?? str(parsed['1']) ?? str(parsed.msg) ?? text;
  const level = (str(meta?.logLevelName) ?? str(parsed.level))?.toLowerCase();
  const sub = subsystem(meta);
  return {
    at,
    message: sub ? `[${sub}] ${message}` : message,
    source,
    id,
    ...(level ? { level } : {}),
  };
}

export interface SplitLines {
  /** Complete lines, the byte offset where each starts and where the next one starts. */
  lines: Array<{ text: string; offset: number; end: number }>;
  /** Bytes consumed: up to and including the last newline (a partial last line waits). */
  consumed: number;
}

/** Splits a chunk read at byte `base` into complete lines; blank lines are skipped. */
export function splitLines(chunk: Buffer, base: number): SplitLines {
  const lines: SplitLines['lines'] = [];
  let start = 0;
  for (;;) {
    const nl = chunk.indexOf(0x0a, start);
    if (nl < 0) break;
    const text = chunk.subarray(start, nl).toString('utf8').replace(/\r$/, '');
    if (text.trim() !== '') lines.push({ text, offset: base + start, end: base + nl + 1 });
    start = nl + 1;
  }
  return { lines, consumed: start };
}
