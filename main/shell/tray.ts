import { Menu, type MenuItemConstructorOptions, nativeImage, Tray } from 'electron';
import type { HealthState } from '../../shared/alerts/health.ts';
import type { TrayAction, TrayModel } from './tray-model.ts';

/** The tray menu for a model; each action item calls `onAction`. */
export function trayMenuTemplate(
  model: TrayModel,
  onAction: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return model.items.map((item): MenuItemConstructorOptions => {
    if (item.kind === 'separator') return { type: 'separator' };
    if (item.kind === 'label') return { label: item.label, enabled: false };
    return { label: item.label, click: () => onAction(item.action) };
  });
}

export interface TrayController {
  show(model: TrayModel): void;
  destroy(): void;
}

export interface TrayInput {
  platform: NodeJS.Platform;
  /** The icon file for a health state (Electron picks a `@2x` file beside it on HiDPI screens). */
  iconFor(state: HealthState): string;
  onAction(action: TrayAction): void;
}

/** The tray icon: its image follows fleet health, its menu comes from the tray model. */
export function createTray(input: TrayInput): TrayController {
  const tray = new Tray(nativeImage.createFromPath(input.iconFor('unknown')));
  // On macOS a click opens the menu; elsewhere a click opens the window, the menu is on right click.
  if (input.platform !== 'darwin') tray.on('click', () => input.onAction({ type: 'open' }));
  let shown: HealthState | null = null;
  return {
    show(model) {
      if (model.state !== shown) {
        tray.setImage(nativeImage.createFromPath(input.iconFor(model.state)));
        shown = model.state;
      }
      tray.setToolTip(model.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(model, input.onAction)));
    },
    destroy: () => tray.destroy(),
  };
}
