import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { manifestExportResultSchema } from '../../shared/domain/manifest.ts';
import { withControlPlane } from './open-control-plane.ts';
import { formatError, type Output, processOutput } from './output.ts';

export interface ExportArgs {
  folder: string;
  force: boolean;
  dataDir?: string | undefined;
}

function isEmptyOrMissing(folder: string): boolean {
  try {
    return readdirSync(folder).length === 0;
  } catch {
    return true;
  }
}

/** A path the export may write: relative, inside the folder. */
function safePath(path: string): boolean {
  return path !== '' && !isAbsolute(path) && !path.split(/[\\/]/).some((s) => s === '..' || s === '');
}

/**
 * `clawster export <folder> [--force]`: writes every manifest (`manifest.export`) as YAML files
 * under the folder. A folder that holds files is refused unless --force (which overwrites the
 * files of the export and leaves others alone). Returns the exit code: 0 written, 1 refused.
 */
export async function exportManifests(args: ExportArgs, io: Output = processOutput): Promise<0 | 1> {
  const folder = resolve(args.folder);
  if (!args.force && !isEmptyOrMissing(folder)) {
    io.err(`clawster export: ${folder} is not empty; choose an empty folder or add --force to overwrite\n`);
    return 1;
  }
  return withControlPlane(args.dataDir, async (cp) => {
    const result = await cp.dispatch('manifest.export', {});
    if (!result.ok) {
      io.err(`clawster export: ${formatError(result.error)}`);
      return 1;
    }
    const { files } = manifestExportResultSchema.parse(result.value);
    const unsafe = files.find((f) => !safePath(f.path));
    if (unsafe) {
      io.err(`clawster export: refusing to write "${unsafe.path}" outside ${folder}\n`);
      return 1;
    }
    mkdirSync(folder, { recursive: true });
    for (const f of files) {
      const target = join(folder, f.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.text);
    }
    const list = files.map((f) => `  ${f.path}\n`).join('');
    io.out(`Wrote ${files.length} file${files.length === 1 ? '' : 's'} to ${folder}:\n${list}`);
    return 0;
  });
}
