import { GatewayError, requestError } from './errors.ts';
import type { ResponseFrame } from './frames.ts';

interface Pending {
  method: string;
  resolve(payload: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Requests in flight on one connection, by id. Answers may come in any order; each request
 * ends exactly once: with its answer, its timeout, or the connection's end.
 */
export interface PendingRequests {
  /**
   * Waits `waitMs` for the answer (what is left of the request's timeout once it is sent;
   * `timeoutMs` when left out). A timeout names the request's whole `timeoutMs`.
   */
  add(id: string, method: string, timeoutMs: number, waitMs?: number): Promise<unknown>;
  /** Settles the request a response frame answers; false when no such request waits. */
  settle(frame: ResponseFrame): boolean;
  /** Ends every waiting request with the error `make` builds for its method. */
  rejectAll(make: (method: string) => Error): void;
  readonly size: number;
}

export function createPendingRequests(): PendingRequests {
  const waiting = new Map<string, Pending>();
  return {
    add(id, method, timeoutMs, waitMs = timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(
            new GatewayError('TIMEOUT', `The gateway did not answer ${method} within ${timeoutMs} ms.`, {
              method,
            }),
          );
        }, waitMs);
        waiting.set(id, { method, resolve, reject, timer });
      });
    },
    settle(frame) {
      const p = waiting.get(frame.id);
      if (!p) return false;
      waiting.delete(frame.id);
      clearTimeout(p.timer);
      if (frame.ok) p.resolve(frame.payload);
      else p.reject(requestError(p.method, frame.error));
      return true;
    },
    rejectAll(make) {
      const all = [...waiting.values()];
      waiting.clear();
      for (const p of all) {
        clearTimeout(p.timer);
        p.reject(make(p.method));
      }
    },
    get size() {
      return waiting.size;
    },
  };
}
