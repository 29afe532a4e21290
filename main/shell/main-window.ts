import { BrowserWindow, screen } from 'electron';
import type { Logger } from '../log/logger.ts';
import { appUrl } from './app-protocol.ts';
import { windowLayout } from './window-options.ts';
import { loadWindowState, placeWindow, saveWindowState } from './window-state.ts';

export interface MainWindowInput {
  userData: string;
  preload: string;
  icon?: string;
  platform: NodeJS.Platform;
  devTools: boolean;
  /** The route to open at (a `#/...` hash). */
  route: string;
  log: Logger;
  /** Whether closing should hide to the tray instead (Windows and Linux, while not quitting). */
  hideOnClose(): boolean;
}

/** The displays' work areas, the primary first. */
function workAreas() {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

/** Opens the Clawster window where it was last left, and remembers where it is left. */
export function createMainWindow(input: MainWindowInput): BrowserWindow {
  const bounds = placeWindow(loadWindowState(input.userData, input.log), workAreas());
  // Electron's security checklist, written out where the window is made so that reviewers and
  // electronegativity see it: an isolated, sandboxed renderer without Node, web security on,
  // no webviews, no insecure content, no middle-click windows.
  const win = new BrowserWindow({
    ...windowLayout(bounds, input.platform, input.icon),
    webPreferences: {
      preload: input.preload, // eng-disable PRELOAD_JS_CHECK (reviewed: it exposes invoke and subscribe only; test/unit/shell/preload.test.ts)
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
      devTools: input.devTools,
    },
  });
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', (event) => {
    try {
      saveWindowState(input.userData, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (e) {
      input.log.warn('could not save the window position', { error: e });
    }
    if (input.hideOnClose()) {
      event.preventDefault();
      win.hide();
    }
  });
  win.webContents.on('render-process-gone', (_event, details) =>
    input.log.error('the window renderer stopped', { reason: details.reason, exitCode: details.exitCode }),
  );
  void win.loadURL(appUrl(input.route));
  return win;
}
