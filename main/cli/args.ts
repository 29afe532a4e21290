import { AppError } from '../../shared/contract/errors.ts';

/**
 * `--port N`: digits only, 0 to 65535 (0 picks a free port); undefined when not given.
 * Number() alone would also take "", " 80", "0x50" and "1e3".
 */
export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 0 && n <= 65535))
    throw new AppError('VALIDATION', `--port must be a whole number from 0 to 65535, not "${value}"`);
  return n;
}
