import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { shellPaths } from '../../../main/shell/shell-paths.ts';
import { loadMigrations } from '../../../main/store/migrator.ts';
import { ensureBuilt, outDir, repoRoot } from './built-app.ts';

beforeAll(() => ensureBuilt(), 120_000);

describe('the built main bundle', () => {
  const bundle = () => readFileSync(join(outDir, 'main', 'index.js'), 'utf8');

  it('finds its migrations beside it, the same ones as the sources', () => {
    expect(bundle()).toContain('new URL("./migrations/", import.meta.url)');
    const shipped = loadMigrations(join(outDir, 'main', 'migrations'));
    expect(shipped).toEqual(loadMigrations());
    expect(shipped.length).toBeGreaterThan(0);
  });

  it('loads native modules from node_modules rather than bundling them', () => {
    expect(bundle()).toMatch(/from "better-sqlite3"/);
    expect(bundle()).toMatch(/from "electron"/);
  });

  it('finds the preload, the renderer and the icons from where it sits', () => {
    const paths = shellPaths(pathToFileURL(join(outDir, 'main', 'index.js')).href);
    expect(existsSync(paths.preload)).toBe(true);
    expect(existsSync(join(paths.rendererDir, 'index.html'))).toBe(true);
    for (const icon of [
      'icon.png',
      'tray-healthy.png',
      'tray-degraded.png',
      'tray-down.png',
      'tray-unknown.png',
    ]) {
      expect(existsSync(join(paths.iconsDir, icon)), icon).toBe(true);
    }
    expect(paths.iconsDir).toBe(join(repoRoot, 'resources', 'icons/'));
  });
});
