import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../../main/clock.ts';
import { type Shell, startShell } from '../../../main/shell/app.ts';
import type { UpdateSource } from '../../../main/shell/updates.ts';
import { appVersion } from '../../../main/version.ts';
import { INVOKE_CHANNEL } from '../../../shared/contract/channels.ts';
import {
  app,
  BrowserWindow,
  Notification,
  resetElectronStub,
  type StubMenuItem,
  session,
  stub,
  Tray,
} from '../../support/electron-stub/index.ts';
import { manualSchedule } from './manual-schedule.ts';

vi.mock('electron', () => import('../../support/electron-stub/index.ts'));

const bundleUrl = pathToFileURL(join(process.cwd(), 'out', 'main', 'index.js')).href;
let dir = '';
let clock = fixedClock('2026-03-10T12:00:00.000Z');
let timers = manualSchedule(clock);

beforeEach(() => {
  resetElectronStub();
  dir = mkdtempSync(join(tmpdir(), 'clawster-shell-'));
  clock = fixedClock('2026-03-10T12:00:00.000Z');
  timers = manualSchedule(clock);
});
afterEach(() => {
  app.quit(); // closes the control plane, tray and timers of a shell still running
  rmSync(dir, { recursive: true, force: true });
});

async function start(platform: NodeJS.Platform = 'linux', updateSource?: UpdateSource): Promise<Shell> {
  const shell = startShell({
    bundleUrl,
    clock,
    schedule: timers.schedule,
    env: { CLAWSTER_USER_DATA_DIR: dir },
    platform,
    updateSource: updateSource ?? null,
  });
  if (!shell) throw new Error('shell did not start');
  await shell.ready;
  return shell;
}
/** The stub window behind the shell's current window. */
const mainWindow = (shell: Shell): BrowserWindow => {
  const w = BrowserWindow.all.find((x) => Object.is(x, shell.window()));
  if (!w) throw new Error('no window');
  return w;
};
const theTray = () => {
  const t = Tray.all[0];
  if (!t) throw new Error('no tray');
  return t;
};
const trayDrawn = async () => {
  if (!theTray().menu) await once(theTray(), 'stub:menu');
};
const trayItems = (): StubMenuItem[] => theTray().menu?.items ?? [];
const clickTray = (label: string) => {
  const item = trayItems().find((i) => i.label === label);
  if (!item?.click) throw new Error(`no tray item ${label}`);
  item.click();
};
const invoke = (method: string, params: unknown) => {
  const handler = stub.ipcHandlers.get(INVOKE_CHANNEL);
  if (!handler) throw new Error('no IPC handler');
  return Promise.resolve(
    handler({ senderFrame: { url: 'clawster://app/index.html', parent: null } }, method, params),
  );
};
const lastLoaded = (w: BrowserWindow) => w.webContents.loaded.at(-1);

describe('one instance at a time (electron stub)', () => {
  it('a second launch hands over to the first and quits without opening anything', () => {
    stub.singleInstanceLock = false;
    expect(startShell({ bundleUrl, env: { CLAWSTER_USER_DATA_DIR: dir } })).toBe(null);
    expect(stub.quitCalls).toBe(1);
    expect(BrowserWindow.all).toEqual([]);
    expect(stub.ipcHandlers.size).toBe(0);
  });

  it('the first instance comes forward when launched again', async () => {
    const w = mainWindow(await start());
    w.minimize();
    w.hide();
    app.emit('second-instance', {}, ['clawster'], dir);
    expect([w.isVisible(), w.isMinimized(), w.focused]).toEqual([true, false, true]);
  });
});

describe('the window (electron stub)', () => {
  it('opens one hardened window on the fleet page, in userData from CLAWSTER_USER_DATA_DIR', async () => {
    const w = mainWindow(await start());
    expect(BrowserWindow.all).toHaveLength(1);
    expect(w.options.webPreferences).toEqual({
      preload: join(process.cwd(), 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: true,
    });
    expect(lastLoaded(w)).toBe('clawster://app/index.html#/fleets');
    expect(stub.sandboxEnabled).toBe(true);
    expect(w.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(session.defaultSession.permissionCheckHandler?.()).toBe(false);
    expect(existsSync(join(dir, 'clawster.db'))).toBe(true);
    expect(existsSync(join(dir, 'logs', 'clawster.log'))).toBe(true);
  });

  it('has no developer tools in a packaged build', async () => {
    stub.isPackaged = true;
    const w = mainWindow(await start());
    expect(w.options.webPreferences).toMatchObject({ devTools: false });
  });

  it('shows the version in the About panel and sets the application menu', async () => {
    await start();
    expect(stub.aboutPanel).toMatchObject({ applicationName: 'Clawster', applicationVersion: appVersion });
    expect(stub.applicationMenu?.items.map((m) => m.label)).toContain('&Help');
  });

  it('has no update check unless one is configured; with one, installs only after a yes', async () => {
    await start();
    expect(JSON.stringify(stub.applicationMenu?.items)).not.toContain('Check for Updates');
    app.quit();
    resetElectronStub();

    let installed: (version: string) => void = () => {};
    const install = vi.fn(async (version: string) => installed(version));
    await start('linux', { check: async () => ({ version: '9.9.9' }), install });
    const help = stub.applicationMenu?.items.find((m) => m.label === '&Help');
    const check = help?.submenu?.find((i) => i.label === 'Check for Updates…');

    stub.messageBoxResponse = 1; // "Not Now"
    const declined = once(stub.events, 'messageBox');
    check?.click?.();
    await declined;
    await Promise.resolve();
    expect(install).not.toHaveBeenCalled();

    stub.messageBoxResponse = 0; // "Install and Restart"
    const version = new Promise<string>((resolve) => {
      installed = resolve;
    });
    check?.click?.();
    expect(await version).toBe('9.9.9');
  });

  it('on Windows and Linux, closing the window keeps Clawster running in the tray', async () => {
    const shell = await start('linux');
    await trayDrawn();
    const w = mainWindow(shell);
    w.close();
    expect([w.isDestroyed(), w.isVisible(), stub.quitCalls]).toEqual([false, false, 0]);
    clickTray('Open Clawster');
    expect(w.isVisible()).toBe(true);
  });

  it('on Windows, lets the window close when the session ends (shutdown or log off)', async () => {
    const shell = await start('win32');
    expect(stub.appUserModelId).toBe('com.clawster.desktop');
    const w = mainWindow(shell);
    w.emit('session-end');
    w.close();
    expect(w.isDestroyed()).toBe(true);
  });

  it('on macOS, closing the window closes it and the Dock icon opens a new one', async () => {
    const shell = await start('darwin');
    const first = mainWindow(shell);
    first.close();
    expect(first.isDestroyed()).toBe(true);
    expect(stub.quitCalls).toBe(0);
    app.emit('activate');
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
    expect(mainWindow(shell)).not.toBe(first);
  });

  it('reopens with the size and position it was left at', async () => {
    const w = mainWindow(await start());
    w.setBounds({ x: 100, y: 80, width: 1100, height: 750 });
    app.quit();
    expect(JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8'))).toEqual({
      x: 100,
      y: 80,
      width: 1100,
      height: 750,
      maximized: false,
    });
    resetElectronStub();
    const again = mainWindow(await start());
    expect(again.options).toMatchObject({ x: 100, y: 80, width: 1100, height: 750 });
  });

  it('opens pages the shell is asked for, and nothing else', async () => {
    const shell = await start();
    const w = mainWindow(shell);
    shell.navigate('#/audit');
    expect(lastLoaded(w)).toBe('clawster://app/index.html#/audit');
    shell.navigate('javascript:alert(1)');
    shell.navigate('https://evil.example/#/x');
    expect(lastLoaded(w)).toBe('clawster://app/index.html#/audit');
  });
});

describe('tray and notifications (electron stub, real control plane)', () => {
  it('shows the fleet health in the tray and follows fleets and bots as they change', async () => {
    await start();
    await trayDrawn();
    expect(theTray().image.path).toMatch(/tray-unknown\.png$/);
    expect(trayItems()[0]?.label).toBe('Fleet health: Unknown');

    const fleet = (await invoke('fleet.create', { name: 'prod', environment: 'prod' })) as {
      value: { id: string };
    };
    await invoke('bot.create', { fleetId: fleet.value.id, name: 'alpha' });
    const redrawn = once(theTray(), 'stub:menu');
    timers.advance(250);
    await redrawn;
    expect(trayItems().map((i) => i.label)).toContain('Unknown: 1');
    expect(theTray().tooltip).toBe('Clawster: 1 bot, 0 healthy, 0 degraded, 0 down, 1 unknown');
  });

  it('pauses alerts for an hour from the tray, and resumes them', async () => {
    await start();
    await trayDrawn();
    clickTray('Pause alerts for an hour');
    expect(trayItems().map((i) => i.label)).toContain('Alerts paused until 13:00');
    // Kept by the control plane (and audited), where the Settings page reads it too.
    await vi.waitFor(async () =>
      expect(await invoke('alerts.settings.get', {})).toMatchObject({
        ok: true,
        value: { pausedUntil: '2026-03-10T13:00:00.000Z' },
      }),
    );
    clickTray('Resume alerts');
    expect(trayItems().map((i) => i.label)).toContain('Pause alerts for an hour');
    // A change made on the Settings page reaches the tray.
    await invoke('alerts.settings.update', { pausedUntil: '2026-03-10T14:30:00.000Z' });
    await vi.waitFor(() => expect(trayItems().map((i) => i.label)).toContain('Alerts paused until 14:30'));
  });

  it('notifies the alerts the control plane raises: a deploy refused by policy', async () => {
    const shell = await start();
    mainWindow(shell).hide();
    const fleet = (await invoke('fleet.create', { name: 'prod', environment: 'dev' })) as {
      value: { id: string };
    };
    const manifest = [
      'apiVersion: clawster.dev/v1',
      'kind: Bot',
      'metadata: { name: open, fleet: prod }',
      'spec:',
      '  template: minimal',
      '  overrides: { config: { agents: { defaults: { sandbox: { mode: "off" } } } } }',
    ].join('\n');
    expect(await invoke('manifest.apply', { files: [{ name: 'open.yaml', text: manifest }] })).toMatchObject({
      ok: true,
    });
    await invoke('fleet.update', { id: fleet.value.id, environment: 'prod' });
    const bots = (await invoke('bot.list', { fleetId: fleet.value.id })) as { value: { id: string }[] };
    const refused = await invoke('bot.deploy', { id: bots.value[0]?.id ?? '' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PRECONDITION' } });
    timers.advance(5_000);
    expect(Notification.all.map((n) => n.options.title)).toEqual(['Deploy of open refused by policy']);
    expect(Notification.all[0]?.options.body).toMatch(/sandbox\.off/);
  });

  it('notifies grouped alerts after the burst settles; a click opens the page it is about', async () => {
    const shell = await start();
    const w = mainWindow(shell);
    w.hide();
    const base = { kind: 'bot.down', severity: 'critical', fleetId: 'f1', fleetName: 'prod' } as const;
    shell.alert({ ...base, botId: 'b1', botName: 'alpha' });
    shell.alert({ ...base, botId: 'b2', botName: 'beta' });
    expect(Notification.all).toEqual([]);
    timers.advance(5_000);
    expect(Notification.all.map((n) => n.options.title)).toEqual(['2 bots down in fleet prod']);
    Notification.all[0]?.emit('click');
    expect(lastLoaded(w)).toBe('clawster://app/index.html#/fleets/f1');
    expect(w.isVisible()).toBe(true);
  });

  it('quitting closes the control plane, the tray, IPC and every timer', async () => {
    const shell = await start();
    await trayDrawn();
    shell.alert({ kind: 'drift.found', severity: 'warning', fleetId: 'f1', fleetName: 'prod' });
    expect(timers.pending()).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'clawster.db-wal'))).toBe(true);
    clickTray('Quit Clawster');
    expect(theTray().destroyed).toBe(true);
    expect(stub.ipcHandlers.size).toBe(0);
    expect(timers.pending()).toBe(0);
    // SQLite removes the write-ahead log when the last connection closes.
    expect(existsSync(join(dir, 'clawster.db-wal'))).toBe(false);
  });
});

describe('start-up failure (electron stub)', () => {
  it('explains a database written by a newer Clawster, and quits', async () => {
    const db = new Database(join(dir, 'clawster.db'));
    db.exec(
      'CREATE TABLE __clawster_migrations (idx INTEGER PRIMARY KEY, tag TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    db.prepare('INSERT INTO __clawster_migrations VALUES (0, ?, ?)').run('9999_from_the_future', 'x');
    db.close();
    await start();
    expect(stub.errorBoxes).toHaveLength(1);
    expect(stub.errorBoxes[0]?.title).toBe('Clawster cannot start');
    expect(stub.errorBoxes[0]?.content).toMatch(/newer or different Clawster/);
    expect(stub.quitCalls).toBe(1);
    expect(BrowserWindow.all).toEqual([]);
  });
});
