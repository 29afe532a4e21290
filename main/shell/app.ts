import { join } from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { type AlertInput, alertInputSchema, healthAlerts } from '../../shared/alerts/alerts.ts';
import type { HealthState } from '../../shared/alerts/health.ts';
import { isRoute, routes } from '../../shared/alerts/routes.ts';
import { defaultAlertSettings } from '../../shared/alerts/settings.ts';
import { AppError } from '../../shared/contract/errors.ts';
import { type Clock, systemClock } from '../clock.ts';
import { type ControlPlane, createControlPlane } from '../control-plane.ts';
import { fileSink } from '../log/file-sink.ts';
import { createLogger } from '../log/logger.ts';
import { DEFAULT_RECONCILE_SCHEDULE } from '../reconciler/schedule.ts';
import { appVersion } from '../version.ts';
import { type AlertSettingsFeed, createAlertSettingsFeed } from './alert-settings.ts';
import { appUrl, registerAppScheme, serveAppProtocol } from './app-protocol.ts';
import { createHealthFeed, type HealthFeed } from './health-feed.ts';
import { forwardEvents, serveIpc } from './ipc.ts';
import { createMainWindow } from './main-window.ts';
import { applicationMenuTemplate } from './menu-template.ts';
import { createNotificationPresenter } from './notifications.ts';
import { createNotifier, type Notifier, type Schedule, systemSchedule } from './notifier.ts';
import { denyAllPermissions, lockDownWebContents } from './security.ts';
import { shellPaths } from './shell-paths.ts';
import { createTray, type TrayController } from './tray.ts';
import { type TrayAction, trayModel } from './tray-model.ts';
import { checkForUpdate, type UpdatePrompt, type UpdateSource } from './updates.ts';

export interface ShellOptions {
  /** `import.meta.url` of the main bundle: the preload, renderer and icons are found from it. */
  bundleUrl: string;
  clock?: Clock;
  schedule?: Schedule;
  /** Off by default: see updates.ts. */
  updateSource?: UpdateSource | null;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

export interface Shell {
  /** Settles once the window, tray and control plane are up (or start-up failed and the app quits). */
  ready: Promise<void>;
  window(): BrowserWindow | null;
  /** Shows the window at a renderer route. */
  navigate(route: string): void;
  /** Feeds an alert (drift, refused deploy, failed rollout...) to the notifier. */
  alert(alert: AlertInput): void;
}

const HOUR = 60 * 60 * 1000;

/**
 * The Electron app: one instance, one hardened window, a tray with fleet health, native
 * notifications, and the control plane served over IPC. Returns null in a second instance,
 * which hands over to the first and quits.
 */
export function startShell(options: ShellOptions): Shell | null {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const clock = options.clock ?? systemClock;
  const schedule = options.schedule ?? systemSchedule;
  if (env.CLAWSTER_USER_DATA_DIR) app.setPath('userData', env.CLAWSTER_USER_DATA_DIR);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const paths = shellPaths(options.bundleUrl);
  const userData = app.getPath('userData');
  const log = createLogger({ sink: fileSink(join(userData, 'logs', 'clawster.log')) }).child('shell');

  app.enableSandbox();
  registerAppScheme();
  if (platform === 'win32') app.setAppUserModelId('com.clawster.desktop');
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, log));

  let win: BrowserWindow | null = null;
  let quitting = false;
  let cp: ControlPlane | null = null;
  let tray: TrayController | null = null;
  let feed: HealthFeed | null = null;
  let notifier: Notifier | null = null;
  const disposers: (() => void)[] = [];
  let settings: AlertSettingsFeed | null = null;
  const icon = (name: string) => join(paths.iconsDir, name);

  const ensureWindow = (route: string = routes.fleets()): BrowserWindow => {
    if (win && !win.isDestroyed()) return win;
    const created = createMainWindow({
      userData,
      preload: paths.preload,
      icon: icon('icon.png'),
      platform,
      devTools: !app.isPackaged,
      route,
      log,
      hideOnClose: () => !quitting && platform !== 'darwin' && tray !== null,
    });
    created.on('closed', () => {
      if (win === created) win = null;
    });
    // Windows shuts down or logs off without 'before-quit': let the window close then.
    created.on('session-end', () => {
      quitting = true;
    });
    win = created;
    return created;
  };
  const show = (target: BrowserWindow) => {
    if (target.isMinimized()) target.restore();
    target.show();
    target.focus();
  };
  const navigate = (route: string) => {
    if (!cp || !isRoute(route)) return;
    const existing = win && !win.isDestroyed() ? win : null;
    const target = existing ?? ensureWindow(route);
    if (existing) void existing.loadURL(appUrl(route));
    show(target);
  };

  const renderTray = () => {
    const summary = feed?.current();
    if (!tray || !summary) return;
    tray.show(trayModel(summary, settings?.get() ?? defaultAlertSettings, clock.now()));
  };
  const onTrayAction = (action: TrayAction) => {
    if (action.type === 'navigate') navigate(action.route);
    else if (action.type === 'open') show(ensureWindow());
    else if (action.type === 'quit') app.quit();
    else if (action.type === 'pause-alerts') {
      settings?.update({ pausedUntil: new Date(clock.now().getTime() + HOUR).toISOString() });
      disposers.push(schedule(renderTray, HOUR + 1000));
      renderTray();
    } else {
      settings?.update({ pausedUntil: null });
      renderTray();
    }
  };

  const updatePrompt: UpdatePrompt = {
    ask: async (u) => {
      const answer = await dialog.showMessageBox({
        type: 'question',
        buttons: ['Install and Restart', 'Not Now'],
        defaultId: 1,
        cancelId: 1,
        message: `Clawster ${u.version} is available (you have ${appVersion}).`,
        detail: u.notes ?? 'Install it now? Clawster restarts to finish.',
      });
      return answer.response === 0;
    },
    tell: async (message) => {
      await dialog.showMessageBox({ type: 'info', message });
    },
  };
  const updateSource = options.updateSource ?? null;
  const checkUpdates = updateSource ? () => void checkForUpdate(updateSource, updatePrompt, log) : undefined;

  const boot = () => {
    try {
      cp = createControlPlane({
        dataDir: userData,
        log: log.child('control-plane'),
        host: 'electron',
        reconcileSchedule: DEFAULT_RECONCILE_SCHEDULE,
      });
    } catch (e) {
      const message = e instanceof AppError ? e.message : 'The Clawster database could not be opened.';
      log.error('control plane failed to start', { error: e });
      dialog.showErrorBox('Clawster cannot start', `${message}\n\nThe log is in ${join(userData, 'logs')}.`);
      app.quit();
      return;
    }
    const plane = cp;
    // Bots that kept running while the app was closed are adopted; dead ones that should run restart.
    void plane
      .resume()
      .then((r) => log.info('local bots resumed', r))
      .catch((e: unknown) => log.warn('resuming local bots failed', { error: e }));
    denyAllPermissions(session.defaultSession, log);
    serveAppProtocol(paths.rendererDir);
    disposers.push(serveIpc(ipcMain, plane.dispatch, log.child('ipc')));
    disposers.push(forwardEvents(plane.onEvent, () => (win && !win.isDestroyed() ? [win.webContents] : [])));

    app.setAboutPanelOptions({
      applicationName: 'Clawster',
      applicationVersion: appVersion,
      version: `Electron ${process.versions.electron ?? ''}`.trim(),
      copyright: 'MIT licensed',
      iconPath: icon('icon.png'),
    });
    const menu = applicationMenuTemplate({
      platform,
      appName: 'Clawster',
      isDev: !app.isPackaged,
      navigate,
      checkForUpdates: checkUpdates,
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(menu));
    ensureWindow();

    try {
      const trayIcon = (state: HealthState) => icon(`tray-${state}.png`);
      tray = createTray({ platform, iconFor: trayIcon, onAction: onTrayAction });
      log.info('tray ready');
    } catch (e) {
      log.warn('no tray on this desktop: closing the window quits Clawster', { error: e });
    }
    const presenter = createNotificationPresenter({ icon: icon('icon.png'), onClick: navigate });
    disposers.push(presenter.dispose);
    const alertSettings = createAlertSettingsFeed({ dispatch: plane.dispatch, onEvent: plane.onEvent, log });
    settings = alertSettings;
    disposers.push(alertSettings.dispose, alertSettings.onChange(renderTray));
    notifier = createNotifier({ clock, schedule, settings: alertSettings.get, show: presenter.show, log });
    // Alerts the control plane raises: drift found, a deploy refused by policy, a critical check.
    disposers.push(
      plane.onEvent((event, payload) => {
        const alert = alertInputSchema.safeParse(payload);
        if (event === 'alert.raised' && alert.success) notifier?.alert(alert.data);
      }),
    );
    feed = createHealthFeed({
      dispatch: plane.dispatch,
      onEvent: plane.onEvent,
      clock,
      schedule,
      log,
    });
    feed.onChange((next, prev) => {
      renderTray();
      for (const a of healthAlerts(prev, next)) notifier?.alert(a);
    });
    log.info('started', { version: appVersion, userData });
  };

  app.on('second-instance', () => {
    if (cp) show(ensureWindow());
  });
  app.on('activate', () => {
    if (cp) show(ensureWindow());
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  // Stay running in the tray (Windows, Linux) or in the Dock (macOS); without a tray, quit.
  app.on('window-all-closed', () => {
    if (platform !== 'darwin' && !tray) app.quit();
  });
  app.on('will-quit', () => {
    for (const dispose of disposers.splice(0)) dispose();
    notifier?.dispose();
    feed?.dispose();
    tray?.destroy();
    tray = null;
    cp?.close();
    cp = null;
  });

  const ready = app.whenReady().then(boot);
  return {
    ready,
    window: () => (win && !win.isDestroyed() ? win : null),
    navigate,
    alert: (a) => notifier?.alert(a),
  };
}
