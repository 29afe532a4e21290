import { redact, scrub } from './redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(name: string): Logger;
}

export interface LoggerOptions {
  name?: string;
  level?: LogLevel;
  /** Receives one JSON line per record. */
  sink: (line: string) => void;
  now?: () => Date;
}

/**
 * Structured JSON-lines logger; every record (message and logger name included) passes through
 * `redact` before it is written. Logging never throws: a record that cannot be written is dropped.
 */
export function createLogger(options: LoggerOptions): Logger {
  const min = order[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const make = (name: string): Logger => {
    const write = (level: LogLevel, msg: string, fields?: LogFields) => {
      if (order[level] < min) return;
      try {
        const record: Record<string, unknown> = {
          ts: now().toISOString(),
          level,
          logger: scrub(name),
          msg: scrub(msg),
        };
        // A caller's field never overwrites the record's own; it is kept beside it with a `_` prefix.
        for (const [k, v] of Object.entries((redact(fields ?? {}) as LogFields) ?? {}))
          record[Object.hasOwn(record, k) ? `_${k}` : k] = v;
        options.sink(JSON.stringify(record));
      } catch {
        // Nowhere left to report to: a broken sink must not break the code that logs.
      }
    };
    return {
      debug: (m, f) => write('debug', m, f),
      info: (m, f) => write('info', m, f),
      warn: (m, f) => write('warn', m, f),
      error: (m, f) => write('error', m, f),
      child: (n) => make(name ? `${name}.${n}` : n),
    };
  };
  return make(options.name ?? 'clawster');
}

/** A logger that writes nothing (for tests that do not look at logs). */
export const silentLogger: Logger = createLogger({ sink: () => {} });
