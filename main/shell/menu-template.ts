import type { MenuItemConstructorOptions } from 'electron';
import { routes } from '../../shared/alerts/routes.ts';

export interface MenuInput {
  platform: NodeJS.Platform;
  appName: string;
  /** Development builds add reload and the developer tools. */
  isDev: boolean;
  navigate(route: string): void;
  /** Present only when an update check is configured (it is off by default). */
  checkForUpdates?: (() => void) | undefined;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/** The application menu with each OS's usual items and shortcuts (roles carry the accelerators). */
export function applicationMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const mac = input.platform === 'darwin';
  const updates: MenuItemConstructorOptions[] = input.checkForUpdates
    ? [{ label: 'Check for Updates…', click: input.checkForUpdates }]
    : [];

  const appMenu: MenuItemConstructorOptions = {
    label: input.appName,
    submenu: [
      { role: 'about' },
      ...updates,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };
  const fileMenu: MenuItemConstructorOptions = {
    label: '&File',
    submenu: mac ? [{ role: 'close' }] : [{ role: 'quit', accelerator: 'Ctrl+Q' }],
  };
  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };
  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(input.isDev
        ? [
            { role: 'reload' } as const,
            { role: 'forceReload' } as const,
            { role: 'toggleDevTools' } as const,
            separator,
          ]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };
  const goMenu: MenuItemConstructorOptions = {
    label: '&Go',
    submenu: [
      { label: 'Fleets', accelerator: 'CmdOrCtrl+1', click: () => input.navigate(routes.fleets()) },
      { label: 'Audit Log', accelerator: 'CmdOrCtrl+2', click: () => input.navigate(routes.audit()) },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = mac
    ? { role: 'windowMenu' }
    : { label: '&Window', submenu: [{ role: 'minimize' }, { role: 'close' }] };
  const helpMenu: MenuItemConstructorOptions = {
    label: '&Help',
    submenu: [...updates, { role: 'about', label: `About ${input.appName}` }],
  };

  return mac
    ? [appMenu, fileMenu, editMenu, viewMenu, goMenu, windowMenu]
    : [fileMenu, editMenu, viewMenu, goMenu, windowMenu, helpMenu];
}
