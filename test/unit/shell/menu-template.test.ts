import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { applicationMenuTemplate } from '../../../main/shell/menu-template.ts';

const submenu = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] =>
  Array.isArray(item?.submenu) ? item.submenu : [];
const roles = (items: MenuItemConstructorOptions[]) => items.map((i) => i.role).filter(Boolean);
const byLabel = (menu: MenuItemConstructorOptions[], label: string) => menu.find((m) => m.label === label);

describe('application menu', () => {
  it('on macOS: the app menu first, with About, Services, Hide and Quit', () => {
    const menu = applicationMenuTemplate({
      platform: 'darwin',
      appName: 'Clawster',
      isDev: false,
      navigate: vi.fn(),
    });
    expect(menu.map((m) => m.label ?? m.role)).toEqual([
      'Clawster',
      '&File',
      '&Edit',
      '&View',
      '&Go',
      'windowMenu',
    ]);
    expect(roles(submenu(menu[0]))).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(submenu(byLabel(menu, '&Edit')))).toContain('pasteAndMatchStyle');
  });

  it('on Windows and Linux: File > Quit (Ctrl+Q) and Help > About', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const menu = applicationMenuTemplate({
        platform,
        appName: 'Clawster',
        isDev: false,
        navigate: vi.fn(),
      });
      expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Go', '&Window', '&Help']);
      expect(submenu(menu[0])).toEqual([{ role: 'quit', accelerator: 'Ctrl+Q' }]);
      expect(submenu(byLabel(menu, '&Help'))).toEqual([{ role: 'about', label: 'About Clawster' }]);
    }
  });

  it('has the usual edit and view commands (their roles bring the shortcuts)', () => {
    const menu = applicationMenuTemplate({
      platform: 'linux',
      appName: 'Clawster',
      isDev: false,
      navigate: vi.fn(),
    });
    expect(roles(submenu(byLabel(menu, '&Edit')))).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'delete',
      'selectAll',
    ]);
    expect(roles(submenu(byLabel(menu, '&View')))).toEqual([
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ]);
  });

  it('offers reload and developer tools in development builds only', () => {
    const dev = applicationMenuTemplate({
      platform: 'linux',
      appName: 'Clawster',
      isDev: true,
      navigate: vi.fn(),
    });
    expect(roles(submenu(byLabel(dev, '&View')))).toContain('toggleDevTools');
    const prod = applicationMenuTemplate({
      platform: 'linux',
      appName: 'Clawster',
      isDev: false,
      navigate: vi.fn(),
    });
    expect(roles(submenu(byLabel(prod, '&View')))).not.toContain('toggleDevTools');
  });

  it('goes to the fleets and the audit log with Ctrl/Cmd+1 and +2', () => {
    const navigate = vi.fn();
    const menu = applicationMenuTemplate({ platform: 'darwin', appName: 'Clawster', isDev: false, navigate });
    const go = submenu(byLabel(menu, '&Go'));
    expect(go.map((i) => [i.label, i.accelerator])).toEqual([
      ['Fleets', 'CmdOrCtrl+1'],
      ['Audit Log', 'CmdOrCtrl+2'],
    ]);
    for (const item of go) (item.click as (() => void) | undefined)?.();
    expect(navigate.mock.calls).toEqual([['#/fleets'], ['#/audit']]);
  });

  it('shows "Check for Updates…" only when an update check is configured', () => {
    const off = applicationMenuTemplate({
      platform: 'darwin',
      appName: 'Clawster',
      isDev: false,
      navigate: vi.fn(),
    });
    expect(JSON.stringify(off)).not.toContain('Check for Updates');
    const check = vi.fn();
    const on = applicationMenuTemplate({
      platform: 'darwin',
      appName: 'Clawster',
      isDev: false,
      navigate: vi.fn(),
      checkForUpdates: check,
    });
    expect(submenu(on[0]).map((i) => i.label)).toContain('Check for Updates…');
  });
});
