import { redact } from './redact.ts';

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

/** Structured JSON-lines logger; every record passes through `redact` before it is written. */
export function createLogger(options: LoggerOptions): Logger {
  const min = order[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const make = (name: string): Logger => {
    const write = (level: LogLevel, msg: string, fields?: LogFields) => {
      if (order[level] < min) return;
      const record = {
        ts: now().toISOString(),
        level,
        logger: name,
        msg,
        ...(fields ? (redact(fields) as LogFields) : {}),
      };
      options.sink(JSON.stringify(record));
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
