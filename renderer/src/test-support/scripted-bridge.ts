import type { Bridge } from '../../../shared/contract/client.ts';
import type { Result } from '../../../shared/contract/errors.ts';
import type { EventName, EventPayload } from '../../../shared/contract/events.ts';
import type { ParamsIn, RequestName, ResultOf } from '../../../shared/contract/requests.ts';

type Handler<N extends RequestName> = (
  params: ParamsIn<N>,
) => Result<ResultOf<N>> | Promise<Result<ResultOf<N>>>;

/**
 * TEST DOUBLE: a scripted Bridge standing in for the control plane. The renderer may not import
 * main/ (the layering rule), so renderer tests script the answers they need and push events by
 * hand; the real host is driven end to end by test/e2e.
 */
export function createScriptedBridge() {
  const handlers = new Map<string, (params: unknown) => unknown>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const calls: Array<{ method: string; params: unknown }> = [];
  const bridge: Bridge = {
    async invoke(method, params) {
      calls.push({ method, params });
      const handler = handlers.get(method);
      if (!handler)
        return {
          ok: false,
          error: { code: 'UNKNOWN_METHOD', message: `test double: no answer for ${method}` },
        };
      return handler(params);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  return {
    bridge,
    calls,
    /** Scripts the answer to one method. */
    answer<N extends RequestName>(method: N, handler: Handler<N>): void {
      handlers.set(method, (params) => handler(params as ParamsIn<N>));
    },
    /** Pushes an event as the host would. */
    emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
      for (const listener of listeners) listener(event, payload);
    },
  };
}

/** A promise with its resolve handle, to hold an answer back until a test lets it go. */
export function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
