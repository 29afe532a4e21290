import { WebSocket } from 'ws';

export interface LoopResult {
  requests: number;
  ms: number;
  perSecond: number;
}

/** Opens a client and waits until it is connected (or fails). */
export function connect(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export function closeClient(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve();
    ws.once('close', () => resolve());
    ws.close();
  });
}

/**
 * Sends request i+1 only after the reply to request i came back, `count` times or until
 * `timeLimitMs` has passed. Each frame is JSON text `{ id, method, params }`; `check` gets the
 * parsed reply and throws if it is not the answer to that id.
 */
export function sequentialLoop(
  ws: WebSocket,
  method: string,
  check: (reply: unknown, id: number) => void,
  count: number,
  timeLimitMs: number,
): Promise<LoopResult> {
  return new Promise((resolve, reject) => {
    let id = 0;
    const started = performance.now();
    const deadline = started + timeLimitMs;
    const send = () => {
      id += 1;
      ws.send(JSON.stringify({ id, method, params: {} }));
    };
    const finish = (error?: unknown) => {
      ws.off('message', onMessage);
      ws.off('close', onClose);
      if (error) return reject(error);
      const ms = performance.now() - started;
      resolve({ requests: id, ms, perSecond: (id / ms) * 1000 });
    };
    const onMessage = (data: Buffer) => {
      try {
        check(JSON.parse(data.toString()), id);
      } catch (e) {
        return finish(e);
      }
      if (id >= count || performance.now() >= deadline) return finish();
      send();
    };
    const onClose = () => finish(new Error(`the connection closed after ${id} requests`));
    ws.on('message', onMessage);
    ws.on('close', onClose);
    send();
  });
}
