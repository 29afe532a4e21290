import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { WireFrame } from '../../shared/contract/client.ts';
import { AppError, err } from '../../shared/contract/errors.ts';
import type { EventListener } from '../events/bus.ts';
import type { Logger } from '../log/logger.ts';
import type { Dispatch } from './dispatcher.ts';
import { serveStatic } from './static-files.ts';

export interface WsHostOptions {
  dispatch: Dispatch;
  onEvent(listener: EventListener): () => void;
  log: Logger;
  /** The built renderer to serve at `/`. */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  /** Largest accepted frame in bytes; a larger one closes that connection (1009). */
  maxPayload?: number;
}

export interface WsHost {
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

const BACKLOG_LIMIT = 8 * 1024 * 1024;
/**
 * The largest request a client may send: room for a 10 MB manifest file (manifest.apply) or the
 * 10,000 names of one bot.createMany, and no more; a larger frame closes the connection (1009).
 */
const DEFAULT_MAX_PAYLOAD = 16 * 1024 * 1024;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Why the host could not listen, in words an operator can act on. */
function listenError(e: NodeJS.ErrnoException, port: number): AppError {
  if (e.code === 'EADDRINUSE')
    return new AppError(
      'UNAVAILABLE',
      `Port ${port} on 127.0.0.1 is in use by another program. Choose another --port, or 0 for a free one.`,
    );
  if (e.code === 'EACCES')
    return new AppError(
      'UNAVAILABLE',
      `Port ${port} on 127.0.0.1 needs privileges Clawster does not have. Choose a port above 1023, or 0 for a free one.`,
    );
  return new AppError('UNAVAILABLE', `Cannot listen on 127.0.0.1:${port}: ${e.message}`);
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The loopback host: serves the renderer and the contract over one WebSocket. It binds
 * 127.0.0.1 only, wants the per-launch token, refuses foreign Hosts (DNS rebinding) and Origins.
 */
export async function startWsHost(options: WsHostOptions): Promise<WsHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log;
  // Resolved once: a relative folder must not follow later changes of the working directory.
  const staticDir = resolve(options.staticDir);
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = createServer((req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421).end('Misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end('Method not allowed');
      return;
    }
    serveStatic(staticDir, req.url ?? '/', res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? DEFAULT_MAX_PAYLOAD });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    if (url.pathname !== '/ws') return refuse(socket, 404, 'Not Found');
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(socket, 421, 'Misdirected Request');
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      log.warn('refused a connection from a foreign origin', { origin });
      return refuse(socket, 403, 'Forbidden');
    }
    if (!sameSecret(url.searchParams.get('token') ?? '', token)) {
      log.warn('refused a connection with a wrong token');
      return refuse(socket, 401, 'Unauthorized');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const clients = new Set<WebSocket>();
  /** Sends one frame (or its JSON text, when one event goes to many clients). */
  const send = (ws: WebSocket, frame: WireFrame | string) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > BACKLOG_LIMIT) {
      log.warn('closing a client that does not keep up');
      ws.close(1013, 'client too slow');
      return;
    }
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  };

  wss.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', (e) => log.warn('client connection error', { error: e }));
    ws.on('message', (data, isBinary) => {
      let frame: unknown;
      try {
        frame = JSON.parse(isBinary ? '' : data.toString());
      } catch {
        send(ws, { type: 'res', id: -1, result: err('VALIDATION', 'Malformed frame: not JSON.') });
        return;
      }
      const id =
        typeof frame === 'object' && frame !== null && 'id' in frame && typeof frame.id === 'number'
          ? frame.id
          : -1;
      if (
        id < 0 ||
        typeof frame !== 'object' ||
        frame === null ||
        !('method' in frame) ||
        typeof frame.method !== 'string'
      ) {
        send(ws, {
          type: 'res',
          id,
          result: err('VALIDATION', 'Malformed frame: expected { id, method, params }.'),
        });
        return;
      }
      const params = 'params' in frame ? frame.params : undefined;
      const method = frame.method;
      options
        .dispatch(method, params)
        .then((result) => send(ws, { type: 'res', id, result }))
        .catch((e: unknown) => log.error('could not answer a request', { method, error: e }));
    });
  });

  const unsubscribe = options.onEvent((event, payload) => {
    if (clients.size === 0) return;
    const text = JSON.stringify({ type: 'event', event, payload } satisfies WireFrame);
    for (const ws of clients) send(ws, text);
  });

  await new Promise<void>((done, reject) => {
    const failed = (e: NodeJS.ErrnoException) => {
      unsubscribe();
      reject(listenError(e, options.port ?? 0));
    };
    server.once('error', failed);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', failed);
      done();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
