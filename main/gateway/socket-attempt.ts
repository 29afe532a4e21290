import WebSocket from 'ws';
import { CLOSE } from './close-policy.ts';
import type { ChosenAuth } from './connect-params.ts';
import { connectError, GatewayError } from './errors.ts';
import {
  type Challenge,
  type HelloOk,
  type InboundFrame,
  PROTOCOL_VERSION,
  parseChallenge,
  parseHelloOk,
  parseInbound,
} from './frames.ts';
import { checkGatewayUrl } from './url-policy.ts';

/** One socket's life: open, challenge, connect, hello-ok (or a refusal), frames, close. */
export interface Attempt {
  ws: WebSocket;
  auth: ChosenAuth;
  /** The handshake finished. */
  hello: boolean;
  /** How the gateway refused `connect` (or why the client gave up on the handshake). */
  refusal: GatewayError | null;
  socketError: string | undefined;
  /** Set by a `shutdown` event: the gateway announced a restart. */
  restartExpectedMs: number | undefined;
  /** Set by the watchdog when it ended a silent socket. */
  silentMs: number | undefined;
}

export interface AttemptOptions {
  url: string;
  headers: Record<string, string> | undefined;
  connectTimeoutMs: number;
  auth: ChosenAuth;
  nextId(): string;
  connectParams(challenge: Challenge, auth: ChosenAuth): Record<string, unknown>;
  /** Every frame's text, in and out (the diagnostic tap). */
  tap?: ((direction: 'in' | 'out', text: string) => void) | undefined;
  onHello(a: Attempt, hello: HelloOk): void;
  /** Frames after hello-ok. */
  onFrame(a: Attempt, frame: InboundFrame): void;
  /** Any frame arrived (liveness). */
  onActivity(): void;
  onClose(a: Attempt, code: number, reason: string): void;
}

const text = (data: WebSocket.RawData): string =>
  Array.isArray(data)
    ? Buffer.concat(data).toString('utf8')
    : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');

export function sendFrame(a: Attempt, frame: unknown, tap: AttemptOptions['tap']): void {
  const out = JSON.stringify(frame);
  tap?.('out', out);
  a.ws.send(out);
}

/** Opens the socket and runs the handshake; throws a GatewayError when the URL cannot be opened. */
export function openAttempt(o: AttemptOptions): Attempt {
  let ws: WebSocket;
  try {
    ws = new WebSocket(checkGatewayUrl(o.url), {
      headers: o.headers,
      perMessageDeflate: false,
      handshakeTimeout: o.connectTimeoutMs,
      maxPayload: 64 * 1024 * 1024,
    });
  } catch (e) {
    if (e instanceof GatewayError) throw e;
    throw new GatewayError(
      'INSECURE_URL',
      `"${o.url}" is not a gateway URL Clawster can open (${e instanceof Error ? e.message : String(e)}). ` +
        'Use ws://host:port or wss://host:port.',
    );
  }
  const a: Attempt = {
    ws,
    auth: o.auth,
    hello: false,
    refusal: null,
    socketError: undefined,
    restartExpectedMs: undefined,
    silentMs: undefined,
  };
  let connectId: string | null = null;
  const timer = setTimeout(() => {
    a.refusal = new GatewayError(
      'TIMEOUT',
      `The gateway at ${o.url} did not complete the handshake within ${o.connectTimeoutMs} ms; retrying.`,
      { retrying: true },
    );
    ws.terminate();
  }, o.connectTimeoutMs);

  const refuse = (error: GatewayError) => {
    a.refusal = error;
    ws.close(CLOSE.NORMAL);
  };

  const handshake = (frame: InboundFrame) => {
    if (frame.type === 'event' && frame.event === 'connect.challenge' && connectId === null) {
      const challenge = parseChallenge(frame.payload);
      if (!challenge)
        return refuse(
          new GatewayError('BAD_RESPONSE', `The gateway at ${o.url} sent a malformed connect challenge.`),
        );
      connectId = o.nextId();
      sendFrame(
        a,
        { type: 'req', id: connectId, method: 'connect', params: o.connectParams(challenge, a.auth) },
        o.tap,
      );
      return;
    }
    if (frame.type !== 'res' || frame.id !== connectId) return;
    if (!frame.ok) return refuse(connectError(frame.error, o.url, a.auth.kind === 'device-token'));
    const hello = parseHelloOk(frame.payload);
    if (!hello)
      return refuse(
        new GatewayError(
          'BAD_RESPONSE',
          `The gateway at ${o.url} answered connect with an unreadable hello.`,
        ),
      );
    if (hello.protocol !== PROTOCOL_VERSION)
      return refuse(
        connectError({ code: 'PROTOCOL_MISMATCH', message: `protocol ${hello.protocol}` }, o.url, false),
      );
    clearTimeout(timer);
    a.hello = true;
    o.onHello(a, hello);
  };

  ws.on('message', (data) => {
    const raw = text(data);
    o.tap?.('in', raw);
    o.onActivity();
    const frame = parseInbound(raw);
    if (!frame) return;
    if (a.hello) o.onFrame(a, frame);
    else handshake(frame);
  });
  ws.on('error', (e) => {
    a.socketError = e.message;
  });
  ws.on('close', (code, reason) => {
    clearTimeout(timer);
    o.onClose(a, code, reason.toString('utf8'));
  });
  return a;
}
