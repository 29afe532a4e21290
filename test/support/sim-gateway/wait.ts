/**
 * Waiting on a connection's own status events (with a bounded deadline), never on sleeps.
 */
import type { ConnectionStatus, GatewayConnection } from '../../../main/gateway/connection.ts';

export function waitForStatus(
  conn: GatewayConnection,
  predicate: (s: ConnectionStatus) => boolean,
  what: string,
  deadlineMs = 10_000,
): Promise<ConnectionStatus> {
  if (predicate(conn.status)) return Promise.resolve(conn.status);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(`Timed out after ${deadlineMs} ms waiting for ${what}; status: ${describe(conn.status)}`),
      );
    }, deadlineMs);
    const off = conn.onStatus((s) => {
      if (!predicate(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

export function describe(s: ConnectionStatus): string {
  return `${s.state}${s.error ? ` (${s.error.gatewayCode}: ${s.error.message})` : ''}`;
}

/** The next value a subscription delivers. */
export function nextValue<T>(subscribe: (fn: (v: T) => void) => () => void, deadlineMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`Timed out after ${deadlineMs} ms waiting for an event`));
    }, deadlineMs);
    const off = subscribe((v) => {
      clearTimeout(timer);
      off();
      resolve(v);
    });
  });
}
