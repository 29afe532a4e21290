import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { AppError } from '../../shared/contract/errors.ts';

/** What `clawster apply` reads: YAML and JSON manifest files. */
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

export interface ManifestFile {
  /** The file's name in messages: relative to the folder given (with `/`), or the file's own name. */
  name: string;
  text: string;
}

/** Every manifest file under `dir` (hidden files and folders skipped), as sorted relative paths. */
function listFolder(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at)) {
      if (entry.startsWith('.')) continue;
      const full = join(at, entry);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else if (stat.isFile() && MANIFEST_FILE.test(entry))
        found.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return found.sort();
}

/**
 * Reads the manifests of each `-f` target: a file as it is, a folder's *.yaml, *.yml and *.json
 * files recursively in sorted order. A missing path or a folder without manifests is a usage error.
 */
export function readManifestFiles(targets: readonly string[]): ManifestFile[] {
  const files: ManifestFile[] = [];
  for (const target of targets) {
    let isDir: boolean;
    try {
      isDir = statSync(target).isDirectory();
    } catch {
      throw new AppError('VALIDATION', `-f ${target}: no such file or folder`);
    }
    if (!isDir) {
      files.push({ name: basename(target), text: readFileSync(target, 'utf8') });
      continue;
    }
    const names = listFolder(target);
    if (names.length === 0)
      throw new AppError('VALIDATION', `-f ${target}: the folder holds no *.yaml, *.yml or *.json files`);
    for (const name of names) files.push({ name, text: readFileSync(join(target, name), 'utf8') });
  }
  return files;
}
