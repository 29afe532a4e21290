import { type ParseArgsConfig, parseArgs } from 'node:util';
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

/** Turns node:util parseArgs's errors (unknown option, missing value) into usage errors. */
function parse<O extends ParseArgsConfig['options']>(args: string[], options: O, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (e) {
    throw new AppError('VALIDATION', e instanceof Error ? e.message : String(e));
  }
}

/** `clawster apply -f <file or folder> [-f …] [--dry-run] [--data-dir DIR]`. */
export function parseApplyArgs(args: string[]): {
  files: string[];
  dryRun: boolean;
  dataDir: string | undefined;
} {
  const { values } = parse(
    args,
    {
      file: { type: 'string', short: 'f', multiple: true },
      'dry-run': { type: 'boolean' },
      'data-dir': { type: 'string' },
    },
    false,
  );
  const files = values.file ?? [];
  if (files.length === 0 || files.some((f) => f === ''))
    throw new AppError('VALIDATION', 'apply needs -f <file or folder>, e.g. `clawster apply -f manifests/`');
  return { files, dryRun: values['dry-run'] ?? false, dataDir: values['data-dir'] };
}

/** `clawster export <folder> [--force] [--data-dir DIR]`. */
export function parseExportArgs(args: string[]): {
  folder: string;
  force: boolean;
  dataDir: string | undefined;
} {
  const { values, positionals } = parse(
    args,
    { force: { type: 'boolean' }, 'data-dir': { type: 'string' } },
    true,
  );
  const [folder, ...extra] = positionals;
  if (folder === undefined || folder === '' || extra.length > 0)
    throw new AppError('VALIDATION', 'export needs exactly one folder, e.g. `clawster export manifests/`');
  return { folder, force: values.force ?? false, dataDir: values['data-dir'] };
}
