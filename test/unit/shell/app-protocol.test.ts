import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../../main/hosts/static-files.ts';
import {
  APP_SCHEME,
  appUrl,
  isAppUrl,
  registerAppScheme,
  resolveAppFile,
  serveAppProtocol,
} from '../../../main/shell/app-protocol.ts';
import { resetElectronStub, stub } from '../../support/electron-stub/index.ts';

vi.mock('electron', () => import('../../support/electron-stub/index.ts'));

const root = mkdtempSync(join(tmpdir(), 'clawster-renderer-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Clawster</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => resetElectronStub());

describe('the app scheme', () => {
  it('names our renderer at a route', () => {
    expect(appUrl('#/bots/b1')).toBe('clawster://app/index.html#/bots/b1');
    expect(isAppUrl(appUrl())).toBe(true);
  });

  it('recognises only our own scheme and host', () => {
    for (const url of [
      'clawster://evil/index.html',
      'clawster://app:8080/index.html',
      'clawster://user@app/index.html',
      'file:///index.html',
      'https://app/index.html',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('maps URLs to files inside the renderer folder only (never a file beside it)', () => {
    expect(resolveAppFile(root, 'clawster://app/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'clawster://app/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'clawster://app/fleets/abc')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'clawster://app/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    for (const url of [
      'clawster://app/../clawster-outside.txt',
      'clawster://app/%2e%2e/clawster-outside.txt',
      'clawster://app/assets/..%2f..%2fclawster-outside.txt',
      'clawster://app/%00.js',
      'clawster://other/index.html',
    ]) {
      const file = resolveAppFile(root, url);
      expect(file === null || file.startsWith(`${root}/`), url).toBe(true);
    }
  });

  it('registers the scheme as standard and secure (electron stub)', () => {
    registerAppScheme();
    expect(stub.privilegedSchemes).toEqual([
      { scheme: APP_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });
});

describe('serving the renderer (electron stub)', () => {
  const request = async (url: string, method = 'GET') => {
    serveAppProtocol(root);
    const handler = stub.protocolHandlers.get(APP_SCHEME);
    if (!handler) throw new Error('no handler');
    return handler(new Request(url, { method }));
  };

  it('serves the page with our Content-Security-Policy and nosniff', async () => {
    const res = await request('clawster://app/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Clawster</title>');
  });

  it('answers 404 for a missing file and 405 for anything but GET', async () => {
    expect((await request('clawster://app/assets/missing.js')).status).toBe(404);
    expect((await request('clawster://app/index.html', 'POST')).status).toBe(405);
  });
});
