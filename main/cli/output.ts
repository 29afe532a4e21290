import type { ErrorInfo } from '../../shared/contract/errors.ts';

/** Where a command prints (the process's stdout and stderr; tests collect it). */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** An error of the control plane with its issues, one per line (file, document, line where known). */
export function formatError(error: ErrorInfo): string {
  const issues = (error.issues ?? []).map((i) => `\n  ${i.path}: ${i.message}`).join('');
  return `${error.message}${issues}\n`;
}
