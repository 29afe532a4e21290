import type { HelloOk } from './frames.ts';

interface Waiter {
  resolve(hello: HelloOk): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/** Callers of `ready()` waiting for the connection to open; each ends exactly once. */
export interface ReadyWaiters {
  /** Waits until settled, or rejects with `onTimeout()` after `timeoutMs`. */
  wait(timeoutMs: number, onTimeout: () => Error): Promise<HelloOk>;
  settle(outcome: { hello: HelloOk } | { error: Error }): void;
}

export function createReadyWaiters(): ReadyWaiters {
  const waiters = new Set<Waiter>();
  return {
    wait(timeoutMs, onTimeout) {
      return new Promise<HelloOk>((resolve, reject) => {
        const w: Waiter = {
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(w);
            reject(onTimeout());
          }, timeoutMs),
        };
        waiters.add(w);
      });
    },
    settle(outcome) {
      const all = [...waiters];
      waiters.clear();
      for (const w of all) {
        clearTimeout(w.timer);
        if ('hello' in outcome) w.resolve(outcome.hello);
        else w.reject(outcome.error);
      }
    },
  };
}
