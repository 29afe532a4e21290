import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../main/log/logger.ts';
import { denyAllPermissions, isTrustedSender, lockDownWebContents } from '../../../main/shell/security.ts';
import {
  PreventableEvent,
  resetElectronStub,
  Session,
  WebContents,
} from '../../support/electron-stub/index.ts';

vi.mock('electron', () => import('../../support/electron-stub/index.ts'));

beforeEach(() => resetElectronStub());

type Electronish<T> = Parameters<typeof lockDownWebContents>[0] & T;
const contents = () => new WebContents() as Electronish<WebContents>;

describe('navigation and new windows (electron stub)', () => {
  it('refuses navigating the window anywhere but our renderer', () => {
    const wc = contents();
    lockDownWebContents(wc, silentLogger);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'clawster://other/index.html',
      'javascript:alert(1)',
    ]) {
      const event = new PreventableEvent(url);
      wc.emit('will-navigate', event);
      expect(event.defaultPrevented, url).toBe(true);
    }
    const ours = new PreventableEvent('clawster://app/index.html#/audit');
    wc.emit('will-navigate', ours);
    expect(ours.defaultPrevented).toBe(false);
  });

  it('refuses redirects away from our renderer', () => {
    const wc = contents();
    lockDownWebContents(wc, silentLogger);
    const event = new PreventableEvent('http://127.0.0.1:8080/');
    wc.emit('will-redirect', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('refuses every new window, ours included', () => {
    const wc = contents();
    lockDownWebContents(wc, silentLogger);
    expect(wc.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'clawster://app/index.html' })).toEqual({ action: 'deny' });
  });

  it('refuses to attach webviews', () => {
    const wc = contents();
    lockDownWebContents(wc, silentLogger);
    const event = new PreventableEvent();
    wc.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('permissions (electron stub)', () => {
  it('denies every permission request, check and device', () => {
    const session = new Session();
    denyAllPermissions(session as Parameters<typeof denyAllPermissions>[0] & Session, silentLogger);
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'unknown',
    ]) {
      const callback = vi.fn();
      session.permissionRequestHandler?.(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler?.(null, permission, 'clawster://app', {})).toBe(false);
    }
    expect(session.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
  });
});

describe('IPC sender check', () => {
  const frame = (url: string, parent: unknown = null) =>
    ({ url, parent }) as Parameters<typeof isTrustedSender>[0];
  it('trusts only the top frame showing our renderer', () => {
    expect(isTrustedSender(frame('clawster://app/index.html#/fleets'))).toBe(true);
    expect(isTrustedSender(frame('clawster://app/index.html', {}))).toBe(false);
    expect(isTrustedSender(frame('file:///work/out/renderer/index.html'))).toBe(false);
    expect(isTrustedSender(frame('https://app/'))).toBe(false);
    expect(isTrustedSender(frame('clawster://app.evil/index.html'))).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});
