/**
 * TEST DOUBLE of the `electron` module. The Electron binary cannot be downloaded on these
 * machines, so the shell's unit tests run against this stub (via `vi.mock('electron', ...)`).
 * It records what the shell asks of Electron (window options, handlers, menus, tray,
 * notifications) and lets a test play Electron's part (fire events, call handlers).
 * It is not Electron: behaviour that only the real binary shows is left to the
 * Playwright `_electron` smoke test (test/e2e/electron-smoke.test.ts).
 */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface StubDisplay {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

/** What the stub recorded; reset between tests with `resetElectronStub()`. */
export const stub = {
  singleInstanceLock: true,
  isPackaged: false,
  quitCalls: 0,
  paths: new Map<string, string>(),
  aboutPanel: null as Record<string, unknown> | null,
  appUserModelId: null as string | null,
  sandboxEnabled: false,
  displays: [] as StubDisplay[],
  ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  applicationMenu: null as StubMenu | null,
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  errorBoxes: [] as { title: string; content: string }[],
  messageBoxResponse: 0,
  messageBoxes: [] as unknown[],
  notificationsSupported: true,
  /** Tells a test when the shell has used a dialog. */
  events: new EventEmitter(),
};

function defaultDisplays(): StubDisplay[] {
  const r = { x: 0, y: 0, width: 1920, height: 1080 };
  return [{ id: 1, bounds: r, workArea: { x: 0, y: 25, width: 1920, height: 1055 } }];
}

export class PreventableEvent {
  defaultPrevented = false;
  url: string;
  constructor(url = '') {
    this.url = url;
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class WebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | null = null;
  sent: { channel: string; args: unknown[] }[] = [];
  loaded: string[] = [];
  destroyed = false;
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
}

export class BrowserWindow extends EventEmitter {
  static all: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.all.filter((w) => !w.destroyed);
  }
  readonly options: Record<string, unknown>;
  readonly webContents = new WebContents();
  bounds: Rect;
  visible = false;
  minimized = false;
  maximized = false;
  focused = false;
  destroyed = false;
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    const n = (k: string, d: number) => (typeof options[k] === 'number' ? (options[k] as number) : d);
    this.bounds = { x: n('x', 0), y: n('y', 0), width: n('width', 800), height: n('height', 600) };
    BrowserWindow.all.push(this);
    app.emit('web-contents-created', new PreventableEvent(), this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url);
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  minimize(): void {
    this.minimized = true;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  setBounds(bounds: Rect): void {
    this.bounds = { ...bounds };
  }
  /** Plays Electron's close: 'close' (preventable), then 'closed' and maybe 'window-all-closed'. */
  close(): void {
    const event = new PreventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

class App extends EventEmitter {
  get isPackaged(): boolean {
    return stub.isPackaged;
  }
  requestSingleInstanceLock(): boolean {
    return stub.singleInstanceLock;
  }
  getPath(name: string): string {
    const p = stub.paths.get(name);
    if (!p) throw new Error(`electron stub: no path set for ${name}`);
    return p;
  }
  setPath(name: string, value: string): void {
    stub.paths.set(name, value);
  }
  getVersion(): string {
    return '0.0.0-stub';
  }
  enableSandbox(): void {
    stub.sandboxEnabled = true;
  }
  setAppUserModelId(id: string): void {
    stub.appUserModelId = id;
  }
  setAboutPanelOptions(options: Record<string, unknown>): void {
    stub.aboutPanel = options;
  }
  showAboutPanel(): void {}
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  /** Plays Electron's quit: 'before-quit', windows close, 'will-quit'. */
  quit(): void {
    stub.quitCalls += 1;
    const event = new PreventableEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    for (const w of BrowserWindow.getAllWindows()) w.close();
    if (BrowserWindow.getAllWindows().length > 0) return;
    this.emit('will-quit', new PreventableEvent());
  }
  exit(): void {
    stub.quitCalls += 1;
  }
}
export const app = new App();

export const ipcMain = {
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
    if (stub.ipcHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    stub.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    stub.ipcHandlers.delete(channel);
  },
};

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

export class Session {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.devicePermissionHandler = handler;
  }
}
export const session = { defaultSession: new Session() };

export const screen = {
  getAllDisplays: (): StubDisplay[] => stub.displays,
  getPrimaryDisplay: (): StubDisplay => {
    const d = stub.displays[0];
    if (!d) throw new Error('electron stub: no display');
    return d;
  },
};

export interface StubMenuItem {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: StubMenuItem[];
}
export class StubMenu {
  readonly items: StubMenuItem[];
  constructor(items: StubMenuItem[]) {
    this.items = items;
  }
}
export const Menu = {
  buildFromTemplate: (template: StubMenuItem[]): StubMenu => new StubMenu(template),
  setApplicationMenu: (menu: StubMenu | null): void => {
    stub.applicationMenu = menu;
  },
};

export interface StubImage {
  path: string;
}
export const nativeImage = {
  createFromPath: (path: string): StubImage => ({ path }),
  createEmpty: (): StubImage => ({ path: '' }),
};

export class Tray extends EventEmitter {
  static all: Tray[] = [];
  image: StubImage;
  tooltip = '';
  menu: StubMenu | null = null;
  destroyed = false;
  constructor(image: StubImage) {
    super();
    this.image = image;
    Tray.all.push(this);
  }
  setImage(image: StubImage): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  /** Also emits 'stub:menu', so a test can wait for the tray to be (re)drawn. */
  setContextMenu(menu: StubMenu): void {
    this.menu = menu;
    this.emit('stub:menu', menu);
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class Notification extends EventEmitter {
  static all: Notification[] = [];
  static isSupported(): boolean {
    return stub.notificationsSupported;
  }
  readonly options: Record<string, unknown>;
  shown = false;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    Notification.all.push(this);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.emit('close');
  }
}

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    stub.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    stub.protocolHandlers.set(scheme, handler);
  },
};

const mime: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
};
/** Like Electron's net.fetch for file: URLs (Node's fetch has no file: support). */
export const net = {
  async fetch(url: string): Promise<Response> {
    const body = await readFile(fileURLToPath(url));
    return new Response(body, {
      headers: { 'content-type': mime[extname(url)] ?? 'application/octet-stream' },
    });
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    stub.errorBoxes.push({ title, content });
  },
  /** Answers with `stub.messageBoxResponse`, then emits 'messageBox' on `stub.events`. */
  async showMessageBox(options: unknown): Promise<{ response: number }> {
    stub.messageBoxes.push(options);
    const response = stub.messageBoxResponse;
    queueMicrotask(() => stub.events.emit('messageBox', options, response));
    return { response };
  },
};

export function resetElectronStub(): void {
  app.removeAllListeners();
  stub.singleInstanceLock = true;
  stub.isPackaged = false;
  stub.quitCalls = 0;
  stub.paths.clear();
  stub.aboutPanel = null;
  stub.appUserModelId = null;
  stub.sandboxEnabled = false;
  stub.displays = defaultDisplays();
  stub.ipcHandlers.clear();
  stub.applicationMenu = null;
  stub.privilegedSchemes = [];
  stub.protocolHandlers.clear();
  stub.errorBoxes = [];
  stub.messageBoxResponse = 0;
  stub.messageBoxes = [];
  stub.notificationsSupported = true;
  stub.events.removeAllListeners();
  session.defaultSession = new Session();
  BrowserWindow.all = [];
  Tray.all = [];
  Notification.all = [];
}
resetElectronStub();

export default {
  app,
  ipcMain,
  session,
  screen,
  Menu,
  nativeImage,
  Tray,
  Notification,
  protocol,
  net,
  dialog,
};
