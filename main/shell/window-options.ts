import { MIN_SIZE, type WindowState } from './window-state.ts';

/** Where and how big the window opens, and its title and icon (the security settings sit in main-window.ts). */
export function windowLayout(bounds: WindowState, platform: NodeJS.Platform, icon?: string) {
  return {
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Clawster',
    show: false,
    // macOS takes the icon from the app bundle; Linux and Windows want it on the window.
    ...(icon && platform !== 'darwin' ? { icon } : {}),
  };
}
