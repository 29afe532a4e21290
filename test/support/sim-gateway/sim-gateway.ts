/**
 * TEST DOUBLE: a simulated OpenClaw gateway. It speaks the protocol v4 frames of a real gateway
 * (challenge, connect with device proof, hello-ok, req/res, tick/health/shutdown events, close
 * codes 1008/1002/1012/4001), checked against frames captured from a real gateway. It exists for
 * what a real gateway cannot do here: 1,000 of them, dropped ticks, slow and out-of-order answers.
 */
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { defaultHandlers } from './sim-handlers.ts';
import {
  type SimErrorShape,
  type SimGateway,
  type SimGatewayOptions,
  type SimHandler,
  SimRequestError,
  type SimState,
} from './sim-types.ts';

export type { SimGateway, SimGatewayOptions, SimHandler } from './sim-types.ts';
export { SimRequestError } from './sim-types.ts';

import { helloPayload, newId } from './sim-payloads.ts';

const CLIENT_IDS = new Set([
  'webchat-ui',
  'openclaw-control-ui',
  'cli',
  'gateway-client',
  'test',
  'node-host',
  'openclaw-probe',
]);
const CLIENT_MODES = new Set(['webchat', 'cli', 'ui', 'backend', 'node', 'worker', 'probe', 'test']);

interface Client {
  ws: WebSocket;
  connId: string;
  seq: number;
  nonce: string;
  challengeTs: number;
  authed: boolean;
  authKind: 'token' | 'device-token' | null;
}

const rec = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export async function startSimGateway(options: SimGatewayOptions = {}): Promise<SimGateway> {
  let token = options.token ?? `sim-${randomBytes(12).toString('hex')}`;
  const protocol = options.protocol ?? 4;
  const tickIntervalMs = options.tickIntervalMs ?? 30_000;
  let unavailable = options.unavailableConnects ?? 0;
  const startedAt = Date.now();
  let bootId = newId();
  const clients = new Set<Client>();
  const handlers = new Map<string, SimHandler>();
  const deviceTokens = new Map<string, string>();
  const paired = new Set<string>();
  const pairingRequests = new Map<string, string>();
  const requests: { method: string; params: unknown }[] = [];
  let silent = false;
  let downUntil = 0;
  const state: SimState = {
    config: { gateway: { mode: 'local' } },
    hash: 'sim:1',
    healthy: options.healthy ?? true,
  };

  const server = createServer((req, res) => {
    if (req.url === '/readyz') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ready: Date.now() >= downUntil }));
      return;
    }
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 25 * 1024 * 1024 });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (Date.now() < downUntil) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });

  const send = (c: Client, frame: Record<string, unknown>) => {
    if (c.ws.readyState === c.ws.OPEN) c.ws.send(JSON.stringify(frame));
  };
  const healthVersion = 1;
  const sendEvent = (c: Client, event: string, payload: unknown) => {
    c.seq += 1;
    const frame: Record<string, unknown> = { type: 'event', event, payload, seq: c.seq };
    // Like the real gateway: health events carry the state versions they bring clients up to.
    if (event === 'health') frame.stateVersion = { presence: 1, health: healthVersion };
    send(c, { ...frame, recipientProfileId: 'gateway-owner' });
  };
  const refuse = (c: Client, id: string, shape: SimErrorShape, close: number, reason: string) => {
    send(c, { type: 'res', id, ok: false, error: shape });
    c.ws.close(close, reason.slice(0, 120));
  };

  function accept(ws: WebSocket) {
    const c: Client = {
      ws,
      connId: newId(),
      seq: 0,
      nonce: newId(),
      challengeTs: Date.now(),
      authed: false,
      authKind: null,
    };
    clients.add(c);
    ws.on('close', () => clients.delete(c));
    ws.on('error', () => {});
    send(c, {
      type: 'event',
      event: 'connect.challenge',
      payload: { nonce: c.nonce, ts: c.challengeTs, capabilities: ['model-catalog-snapshot'] },
    });
    ws.on('message', (data) => {
      let frame: Record<string, unknown>;
      try {
        frame = rec(JSON.parse(data.toString()));
      } catch {
        ws.close(1008, 'invalid frame');
        return;
      }
      const id = str(frame.id);
      if (frame.type !== 'req' || !id) return void ws.close(1008, 'invalid frame');
      if (!c.authed) return connect(c, id, frame);
      void answer(c, id, str(frame.method), frame.params);
    });
  }

  function connect(c: Client, id: string, frame: Record<string, unknown>) {
    if (frame.method !== 'connect')
      return refuse(
        c,
        id,
        { code: 'INVALID_REQUEST', message: 'first frame must be connect' },
        1008,
        'connect required',
      );
    const p = rec(frame.params);
    const client = rec(p.client);
    if (!(Number(p.minProtocol) <= protocol && protocol <= Number(p.maxProtocol))) {
      const message = `protocol mismatch: server speaks ${protocol}`;
      return refuse(
        c,
        id,
        { code: 'INVALID_REQUEST', message, details: { code: 'PROTOCOL_MISMATCH' } },
        1002,
        message,
      );
    }
    if (!CLIENT_IDS.has(str(client.id)) || !CLIENT_MODES.has(str(client.mode))) {
      const message = 'invalid connect params: at /client/id: must be equal to one of the allowed values';
      return refuse(c, id, { code: 'INVALID_REQUEST', message }, 1008, message);
    }
    if (unavailable > 0) {
      unavailable -= 1;
      send(c, {
        type: 'res',
        id,
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          message: 'gateway starting; retry shortly',
          retryable: true,
          retryAfterMs: 50,
          details: { reason: 'startup-sidecars' },
        },
      });
      return;
    }
    const auth = rec(p.auth);
    const device = rec(p.device);
    const deviceId = str(device.id);
    const scopes = Array.isArray(p.scopes) ? p.scopes.map(String) : [];
    const credential = str(auth.token) || str(auth.deviceToken);
    const proof = checkProof(c, device, [
      str(client.id),
      str(client.mode),
      str(p.role),
      scopes.join(','),
      credential,
      str(client.platform),
      str(client.deviceFamily),
    ]);
    if (proof)
      return refuse(
        c,
        id,
        { code: 'INVALID_REQUEST', message: proof, details: { code: 'DEVICE_AUTH_SIGNATURE_INVALID' } },
        1008,
        proof,
      );
    if (auth.token !== undefined) {
      if (auth.token !== token) {
        const message = 'unauthorized: gateway token mismatch (provide gateway auth token)';
        const details = {
          code: 'AUTH_TOKEN_MISMATCH',
          authReason: 'token_mismatch',
          canRetryWithDeviceToken: true,
          recommendedNextStep: 'retry_with_device_token',
        };
        return refuse(c, id, { code: 'INVALID_REQUEST', message, details }, 1008, message);
      }
      c.authKind = 'token';
    } else if (auth.deviceToken !== undefined) {
      if (!deviceId || deviceTokens.get(deviceId) !== auth.deviceToken) {
        const message = 'unauthorized: device token mismatch';
        return refuse(
          c,
          id,
          { code: 'INVALID_REQUEST', message, details: { code: 'AUTH_DEVICE_TOKEN_MISMATCH' } },
          1008,
          message,
        );
      }
      c.authKind = 'device-token';
    } else {
      return refuse(
        c,
        id,
        {
          code: 'NOT_PAIRED',
          message: 'device identity required',
          details: { code: 'DEVICE_IDENTITY_REQUIRED' },
        },
        1008,
        'device identity required',
      );
    }
    if (!paired.has(deviceId)) {
      if (options.pairing === 'required') {
        const requestId = pairingRequests.get(deviceId) ?? newId();
        pairingRequests.set(deviceId, requestId);
        const details = {
          code: 'PAIRING_REQUIRED',
          reason: 'not-paired',
          requestId,
          remediationHint: 'Approve this device from the pending pairing requests.',
          deviceId,
          requestedRole: 'operator',
          requestedScopes: scopes,
        };
        const message = 'pairing required: device is not approved yet';
        return refuse(
          c,
          id,
          { code: 'NOT_PAIRED', message, details },
          1008,
          `${message} (requestId: ${requestId})`,
        );
      }
      paired.add(deviceId);
    }
    let deviceToken = deviceTokens.get(deviceId);
    if (!deviceToken) {
      deviceToken = `simdev-${randomBytes(16).toString('hex')}`;
      deviceTokens.set(deviceId, deviceToken);
    }
    c.authed = true;
    const hello = helloPayload({
      connId: c.connId,
      bootId,
      startedAt,
      now: Date.now(),
      tickIntervalMs,
      authMethod: c.authKind,
      scopes,
      deviceToken,
      configHash: state.hash,
      healthy: state.healthy,
    });
    send(c, { type: 'res', id, ok: true, payload: hello });
  }

  /** The device proof, verified the way the gateway does: an error text, or null when valid. */
  function checkProof(c: Client, device: Record<string, unknown>, f: string[]): string | null {
    const publicKey = str(device.publicKey);
    if (!publicKey) return 'device identity required';
    const raw = Buffer.from(publicKey, 'base64url');
    if (createHash('sha256').update(raw).digest('hex') !== device.id) return 'device identity mismatch';
    if (device.nonce !== c.nonce) return 'device nonce mismatch';
    if (device.signedAt !== c.challengeTs) return 'device signature expired';
    const [clientId, mode, role, scopes, credential, platform, family] = f;
    const payload = [
      'v3',
      device.id,
      clientId,
      mode,
      role,
      scopes,
      c.challengeTs,
      credential,
      c.nonce,
      platform?.toLowerCase(),
      family?.toLowerCase(),
    ].join('|');
    try {
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
      return verify(null, Buffer.from(payload), key, Buffer.from(str(device.signature), 'base64url'))
        ? null
        : 'device signature invalid';
    } catch {
      return 'device public key invalid';
    }
  }

  async function answer(c: Client, id: string, method: string, params: unknown) {
    if (requests.length < 10_000) requests.push({ method, params });
    const handler = handlers.get(method) ?? defaultHandlers[method];
    try {
      if (!handler)
        throw new SimRequestError({ code: 'INVALID_REQUEST', message: `unknown method: ${method}` });
      const payload = await handler(params, { connId: c.connId, sim });
      send(c, { type: 'res', id, ok: true, payload });
    } catch (e) {
      const shape = e instanceof SimRequestError ? e.shape : { code: 'UNAVAILABLE', message: String(e) };
      send(c, { type: 'res', id, ok: false, error: shape });
    }
  }

  const broadcast = (event: string, payload: () => unknown) => {
    if (silent) return;
    for (const c of clients) if (c.authed) sendEvent(c, event, payload());
  };
  const ticker = setInterval(() => broadcast('tick', () => ({ ts: Date.now() })), tickIntervalMs);
  const healthTimer =
    options.healthIntervalMs != null
      ? setInterval(
          () => broadcast('health', () => defaultHandlers.health?.({}, { connId: '', sim })),
          options.healthIntervalMs,
        )
      : undefined;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const sim: SimGateway = {
    url: `ws://127.0.0.1:${port}`,
    port,
    get token() {
      return token;
    },
    get clients() {
      return [...clients].filter((c) => c.authed).length;
    },
    requests,
    get pendingPairings() {
      return [...pairingRequests.values()];
    },
    state,
    setHandler(method, handler) {
      if (handler) handlers.set(method, handler);
      else handlers.delete(method);
    },
    setToken(t) {
      token = t;
      for (const c of clients) if (c.authKind === 'token') c.ws.close(4001, 'gateway auth changed');
    },
    silence(on) {
      silent = on;
    },
    setConfig(config) {
      state.config = config;
      state.hash = `sim:${newId()}`;
      sim.push('config.changed', { path: '/sim/.openclaw/openclaw.json', hash: state.hash, ts: Date.now() });
    },
    restart(downMs = 200) {
      downUntil = Date.now() + downMs;
      bootId = newId();
      for (const c of clients) {
        if (c.authed) sendEvent(c, 'shutdown', { reason: 'gateway restarting', restartExpectedMs: downMs });
        c.ws.close(1012, 'service restart');
      }
    },
    push: (event, payload) => broadcast(event, () => payload),
    approve(requestId) {
      for (const [deviceId, rid] of pairingRequests) {
        if (rid !== requestId) continue;
        pairingRequests.delete(deviceId);
        paired.add(deviceId);
        return true;
      }
      return false;
    },
    revokeDeviceTokens() {
      deviceTokens.clear();
    },
    async close() {
      clearInterval(ticker);
      clearInterval(healthTimer);
      for (const c of clients) c.ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return sim;
}
