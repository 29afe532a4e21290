import type { Session, WebContents, WebFrameMain } from 'electron';
import type { Logger } from '../log/logger.ts';
import { isAppUrl } from './app-protocol.ts';

/** Every permission a page may ask for (camera, notifications, clipboard, USB...) is refused. */
export function denyAllPermissions(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('refused a permission request', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * A web contents may show our renderer and nothing else: navigations away from it and every
 * new window are refused, webviews cannot attach. Applied to every web contents the app creates.
 */
export function lockDownWebContents(contents: WebContents, log: Logger): void {
  const refuseForeign = (event: { preventDefault(): void }, url: string, what: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log.warn(`refused ${what}`, { url: url.slice(0, 200) });
  };
  contents.on('will-navigate', (event) => refuseForeign(event, event.url, 'a navigation'));
  contents.on('will-redirect', (event) => refuseForeign(event, event.url, 'a redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('refused to attach a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('refused to open a new window', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
}

/** An IPC message is ours only when it comes from the top frame showing our renderer. */
export function isTrustedSender(frame: WebFrameMain | null | undefined): boolean {
  return frame != null && frame.parent === null && isAppUrl(frame.url);
}
