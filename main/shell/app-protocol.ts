import { extname, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { contentSecurityPolicy } from '../hosts/static-files.ts';

/**
 * The renderer is served from a private, standard, secure scheme (`clawster://app/`) rather
 * than `file://` (Electron's security checklist, item 18): it has a real origin, gets response
 * headers (the CSP above all), and can read nothing outside the built renderer folder.
 */
export const APP_SCHEME = 'clawster';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page to load, optionally at a renderer route (a `#/...` hash). */
export function appUrl(route = ''): string {
  return `${APP_ORIGIN}/index.html${route}`;
}

/** Whether a URL belongs to our own renderer (and nothing else: no file:, no http:, no other host). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.port === '';
  } catch {
    return false;
  }
}

/**
 * The file inside `rendererDir` that an app URL names, or null when the URL is not ours or
 * leaves the folder. Paths without an extension (client routes) get index.html.
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const root = resolve(rendererDir);
  const rel = path === '/' || extname(path) === '' ? 'index.html' : path.replace(/^\/+/, '');
  const file = normalize(resolve(root, rel));
  return file.startsWith(root + sep) ? file : null;
}

/**
 * Must run before the app is ready. Standard and secure give the scheme a real origin (so the
 * CSP's 'self' and module scripts work); corsEnabled lets Vite's `crossorigin` module scripts
 * load from it (we send no CORS headers, so no other origin can read our files).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

/** Serves the built renderer on the app scheme, every response with our CSP. */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405 });
    }
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    let res: Response;
    try {
      res = await net.fetch(pathToFileURL(file).toString());
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy());
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    return new Response(res.body, { status: res.status, headers });
  });
}
