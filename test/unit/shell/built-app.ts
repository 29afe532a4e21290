import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const outDir = join(repoRoot, 'out');

/**
 * The tests of the built bundles read out/, which `npm test` builds before vitest runs.
 * When vitest runs alone and out/ is missing, build it here once (about 2 s).
 */
export function ensureBuilt(): void {
  const needed = ['main/index.js', 'preload/index.cjs', 'renderer/index.html'];
  if (needed.every((f) => existsSync(join(outDir, f)))) return;
  execFileSync('npx', ['--no-install', 'electron-vite', 'build'], { cwd: repoRoot, stdio: 'ignore' });
}
