import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/serve-process.ts';
import { ensureBuilt } from '../unit/shell/built-app.ts';
import { keepFailureEvidence, watchConsole } from './support.ts';

/**
 * The Electron app itself, driven by Playwright's `_electron`. It runs only where an Electron
 * binary exists (and, on Linux, a display); elsewhere it is reported as not run, with the
 * reason in its name. It never counts as a pass then.
 *
 * The binary is looked up without `require('electron')`, which would try to download it.
 */
function findElectron(): { executable: string } | { reason: string } {
  const pkg = join(repoRoot, 'node_modules', 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(pkg, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : override ? 'electron' : '';
  const executable = name ? join(override ?? join(pkg, 'dist'), name) : '';
  if (!executable || !existsSync(executable)) return { reason: 'no Electron binary on this machine' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display; run it under xvfb-run' };
  }
  return { executable };
}

const found = findElectron();
const notRun = 'reason' in found ? found.reason : null;
const title = `electron smoke${notRun ? ` (not run: ${notRun})` : ''}: launches, shows the fleet page, tray present`;

let app: ElectronApplication | undefined;
let userData = '';
afterEach(async () => {
  await app?.close();
  app = undefined;
  if (userData) rmSync(userData, { recursive: true, force: true });
});

describe('the Electron app', () => {
  it.skipIf(notRun !== null)(title, async () => {
    if (!('executable' in found)) return;
    ensureBuilt();
    userData = mkdtempSync(join(tmpdir(), 'clawster-electron-'));
    const runningAsRoot = process.getuid?.() === 0;
    app = await _electron.launch({
      executablePath: found.executable,
      // Chromium's own OS sandbox cannot start as root (CI containers); the renderer stays sandboxed by Electron.
      args: [...(runningAsRoot ? ['--no-sandbox'] : []), repoRoot],
      env: { ...process.env, CLAWSTER_USER_DATA_DIR: userData },
      timeout: 60_000,
    });
    let page: Page | undefined;
    const problems: string[] = [];
    try {
      page = await app.firstWindow();
      watchConsole(page, problems);
      await page.waitForURL(/^clawster:\/\/app\/index\.html#\/fleets/);
      await page.getByRole('heading', { level: 1, name: /Fleets/ }).waitFor();

      // The page sees the bridge (invoke and subscribe only) and no Node.
      const surface = await page.evaluate(async () => {
        const api: unknown = Reflect.get(window, 'clawster');
        const info =
          typeof api === 'object' && api !== null && 'invoke' in api && typeof api.invoke === 'function'
            ? await api.invoke('app.info', {})
            : null;
        return {
          keys: api && typeof api === 'object' ? Object.keys(api).toSorted() : [],
          hasRequire: 'require' in window,
          hasProcess: 'process' in window,
          info,
        };
      });
      expect(surface).toMatchObject({
        keys: ['invoke', 'subscribe'],
        hasRequire: false,
        hasProcess: false,
        info: { ok: true, value: { host: 'electron', dataDir: userData } },
      });

      // The shell logs its tray once it is on screen (Electron has no API to list trays).
      const log = readFileSync(join(userData, 'logs', 'clawster.log'), 'utf8');
      expect(log).toContain('"msg":"tray ready"');
      expect(problems).toEqual([]);
    } catch (e) {
      const dir = await keepFailureEvidence(title, page ? [page] : [], undefined, problems);
      throw new Error(
        `${e instanceof Error ? e.message : String(e)}\n(screenshot and console kept in ${dir})`,
      );
    }
  });
});
