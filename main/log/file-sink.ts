import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Appends each line to a file (created with its folder), readable only by the owner. */
export function fileSink(file: string): (line: string) => void {
  mkdirSync(dirname(file), { recursive: true });
  return (line) => appendFileSync(file, `${line}\n`, { mode: 0o600 });
}
