import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { contentSecurityPolicy } from '../../main/hosts/static-files.ts';
import { startWsHost, type WsHost } from '../../main/hosts/ws-host.ts';
import { createLogger } from '../../main/log/logger.ts';
import type { WireFrame } from '../../shared/contract/client.ts';
import { startControlPlane, type TestControlPlane } from '../support/control-plane.ts';

const MAX_PAYLOAD = 64 * 1024;
let t: TestControlPlane;
let host: WsHost;
let site = '';
let logLines: string[] = [];
const sockets = new Set<WebSocket>();

beforeAll(async () => {
  site = mkdtempSync(join(tmpdir(), 'clawster-site-'));
  mkdirSync(join(site, 'root', 'assets'), { recursive: true });
  writeFileSync(join(site, 'root', 'index.html'), '<!doctype html><title>Clawster</title>');
  writeFileSync(join(site, 'root', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(site, 'secret.txt'), 'outside the root');
  t = startControlPlane();
  host = await startWsHost({
    dispatch: t.cp.dispatch,
    onEvent: t.cp.onEvent,
    log: createLogger({ sink: (l) => logLines.push(l) }),
    staticDir: join(site, 'root'),
    port: 0,
    maxPayload: MAX_PAYLOAD,
  });
});
afterEach(() => {
  for (const ws of sockets) ws.terminate();
  sockets.clear();
  logLines = [];
});
afterAll(async () => {
  await host.close();
  await t.cleanup();
  rmSync(site, { recursive: true, force: true });
});

const wsUrl = (token = host.token, path = '/ws') =>
  `ws://127.0.0.1:${host.port}${path}?token=${encodeURIComponent(token)}`;

/** A client that keeps every frame it receives and can wait for the next one that matches. */
interface Client {
  ws: WebSocket;
  frames: WireFrame[];
  next(match: (f: WireFrame) => boolean): Promise<WireFrame>;
  call(method: string, params?: unknown): Promise<WireFrame & { type: 'res' }>;
  closed: Promise<{ code: number; reason: string }>;
}

let ids = 0;
function connect(url = wsUrl(), options: WebSocket.ClientOptions = {}): Promise<Client> {
  const ws = new WebSocket(url, options);
  sockets.add(ws);
  const frames: WireFrame[] = [];
  const waiters: { match: (f: WireFrame) => boolean; done: (f: WireFrame) => void }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as WireFrame;
    frames.push(frame);
    const i = waiters.findIndex((w) => w.match(frame));
    if (i >= 0) waiters.splice(i, 1)[0]?.done(frame);
  });
  const closed = new Promise<{ code: number; reason: string }>((done) =>
    ws.on('close', (code, reason) => done({ code, reason: String(reason) })),
  );
  const next = (match: (f: WireFrame) => boolean) =>
    new Promise<WireFrame>((done) => {
      const seen = frames.find(match);
      if (seen) done(seen);
      else waiters.push({ match, done });
    });
  const client: Client = {
    ws,
    frames,
    next,
    closed,
    call(method, params) {
      ids += 1;
      const id = ids;
      ws.send(JSON.stringify({ id, method, params }));
      return next((f) => f.type === 'res' && f.id === id) as Promise<WireFrame & { type: 'res' }>;
    },
  };
  return new Promise((ready, fail) => {
    ws.once('open', () => ready(client));
    ws.once('error', fail);
  });
}

/** The HTTP status with which the host refuses an upgrade. */
function refusedWith(url: string, options: WebSocket.ClientOptions = {}): Promise<number> {
  const ws = new WebSocket(url, options);
  sockets.add(ws);
  return new Promise((done, fail) => {
    ws.once('unexpected-response', (_req, res) => {
      done(res.statusCode ?? 0);
      res.resume();
    });
    ws.once('open', () => fail(new Error('the host accepted the connection')));
    ws.once('error', fail);
  });
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method,
        headers: { host: `127.0.0.1:${host.port}`, ...headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', fail);
    req.end();
  });
}

describe('the WebSocket host', () => {
  it('answers requests with the right token and pushes events to every client', async () => {
    const a = await connect();
    const b = await connect();
    const created = await a.call('fleet.create', { name: 'prod', environment: 'prod' });
    expect(created).toMatchObject({ type: 'res', result: { ok: true, value: { name: 'prod' } } });
    for (const c of [a, b]) {
      expect(await c.next((f) => f.type === 'event' && f.event === 'fleet.changed')).toMatchObject({
        payload: { kind: 'created', item: { name: 'prod' } },
      });
      expect(await c.next((f) => f.type === 'event' && f.event === 'audit.appended')).toMatchObject({
        payload: { action: 'fleet.create', actor: 'tester' },
      });
    }
    expect((await b.call('fleet.list', {})).result).toMatchObject({ ok: true, value: [{ name: 'prod' }] });
    expect((await a.call('fleet.delete', { id: 'nope' })).result).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('accepts the browser Origins of its own address', async () => {
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`]) {
      const c = await connect(wsUrl(), { origin });
      expect((await c.call('app.info', {})).result).toMatchObject({ ok: true });
    }
  });

  it('refuses a wrong or missing token with 401', async () => {
    expect(await refusedWith(wsUrl('wrong'))).toBe(401);
    expect(await refusedWith(wsUrl(`${host.token}x`))).toBe(401);
    expect(await refusedWith(`ws://127.0.0.1:${host.port}/ws`)).toBe(401);
    expect(logLines.join('\n')).not.toContain(host.token);
  });

  it('refuses a foreign Origin with 403, even with the right token', async () => {
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${host.port + 1}`,
      'null',
      `https://127.0.0.1:${host.port}`,
    ]) {
      expect(await refusedWith(wsUrl(), { origin })).toBe(403);
    }
  });

  it('refuses a foreign Host header (DNS rebinding), even with the right token', async () => {
    expect(await refusedWith(wsUrl(), { headers: { host: `evil.example:${host.port}` } })).toBe(421);
    expect(await refusedWith(wsUrl(), { headers: { host: `127.0.0.1:${host.port + 1}` } })).toBe(421);
  });

  it('refuses upgrades on other paths', async () => {
    expect(await refusedWith(wsUrl(host.token, '/socket'))).toBe(404);
  });

  it('closes a connection that sends an oversized frame (1009) and keeps serving the others and new ones', async () => {
    const other = await connect();
    const big = await connect();
    big.ws.send(JSON.stringify({ id: 1, method: 'fleet.list', params: { pad: 'x'.repeat(MAX_PAYLOAD) } }));
    expect((await big.closed).code).toBe(1009);
    expect((await other.call('fleet.list', {})).result).toMatchObject({ ok: true });
    const fresh = await connect();
    expect((await fresh.call('app.info', {})).result).toMatchObject({ ok: true, value: { host: 'web' } });
  });

  it('answers malformed JSON with an error and keeps the connection usable', async () => {
    const c = await connect();
    c.ws.send('{not json');
    expect(await c.next((f) => f.type === 'res')).toEqual({
      type: 'res',
      id: -1,
      result: { ok: false, error: { code: 'VALIDATION', message: 'Malformed frame: not JSON.' } },
    });
    c.ws.send(JSON.stringify({ id: 5, params: {} }));
    expect(await c.next((f) => f.type === 'res' && f.id === 5)).toMatchObject({
      result: {
        ok: false,
        error: { code: 'VALIDATION', message: 'Malformed frame: expected { id, method, params }.' },
      },
    });
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    c.ws.send('[1,2]');
    c.ws.send('null');
    expect((await c.call('fleet.list', {})).result).toEqual({ ok: true, value: expect.any(Array) });
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('answers an unknown method with UNKNOWN_METHOD and bad params with VALIDATION', async () => {
    const c = await connect();
    expect((await c.call('fleet.explode', {})).result).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect((await c.call('fleet.create', { name: '' })).result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: expect.any(Array) },
    });
  });

  it('binds 127.0.0.1 only', async () => {
    const others = [
      '127.0.0.2',
      ...Object.values(networkInterfaces()).flatMap((list) =>
        (list ?? []).filter((n) => n.family === 'IPv4' && !n.internal).map((n) => n.address),
      ),
    ];
    for (const address of others) {
      const error = await new Promise<NodeJS.ErrnoException>((done) => {
        const req = request({ host: address, port: host.port, path: '/', timeout: 5000 }, () =>
          done(new Error('answered')),
        );
        req.on('error', done);
        req.end();
      });
      expect(error.code, address).toBe('ECONNREFUSED');
    }
  });
});

describe('the static files it serves', () => {
  it('serves the page with the content security policy and hardening headers', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Clawster</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy());
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    const js = await get('/assets/app.js?v=1');
    expect(js).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers unknown paths with the page (client-side routes)', async () => {
    expect((await get('/fleets/123')).body).toContain('<title>Clawster</title>');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
  ])('refuses the path traversal %s', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('outside the root');
  });

  it('refuses a malformed path, a foreign Host and methods other than GET and HEAD', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await get('/', { host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await get('/', {}, 'POST')).status).toBe(405);
    expect((await get('/', {}, 'HEAD')).status).toBe(200);
  });
});

describe('a host whose interface was not built', () => {
  it('says so on every page instead of failing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'clawster-empty-'));
    const bare = await startWsHost({
      dispatch: t.cp.dispatch,
      onEvent: t.cp.onEvent,
      log: createLogger({ sink: () => {} }),
      staticDir: empty,
    });
    try {
      const res = await new Promise<{ status: number; body: string }>((done, fail) => {
        const req = request({ host: '127.0.0.1', port: bare.port, path: '/' }, (r) => {
          let body = '';
          r.setEncoding('utf8').on('data', (c: string) => {
            body += c;
          });
          r.on('end', () => done({ status: r.statusCode ?? 0, body }));
        });
        req.on('error', fail);
        req.end();
      });
      expect(res.status).toBe(503);
      expect(res.body).toContain('has not been built');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('a host with a relative static folder', () => {
  it('still serves its files', async () => {
    const cwd = process.cwd();
    process.chdir(site);
    const relative = await startWsHost({
      dispatch: t.cp.dispatch,
      onEvent: t.cp.onEvent,
      log: createLogger({ sink: () => {} }),
      staticDir: 'root',
    });
    process.chdir(cwd);
    try {
      const res = await new Promise<number>((done, fail) => {
        const req = request({ host: '127.0.0.1', port: relative.port, path: '/assets/app.js' }, (r) => {
          r.resume();
          done(r.statusCode ?? 0);
        });
        req.on('error', fail);
        req.end();
      });
      expect(res).toBe(200);
    } finally {
      await relative.close();
    }
  });
});
