import { createStore, type StoreApi } from 'zustand/vanilla';

/**
 * The link to the control plane. `open` is the only state in which requests are sent; every
 * other state is shown to the operator by the connection banner.
 */
export type ConnectionStatus =
  /** An attempt is under way. */
  | 'connecting'
  | 'open'
  /** The last attempt failed or the link dropped; the next attempt starts at `retryAt`. */
  | 'waiting'
  /** The page was opened without the host's access token: nothing to connect with. */
  | 'no-token';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Counts the times the link opened: data is (re)loaded on each new generation. */
  generation: number;
  /** When the next attempt starts (ms since the epoch), while `waiting`. */
  retryAt: number | null;
  /** Failed attempts since the link was last open. */
  failures: number;
  /** Whether the link was ever open in this page (a lost link reads differently from none yet). */
  everOpen: boolean;
}

export type ConnectionStore = StoreApi<ConnectionState>;

export function createConnectionStore(initial: Partial<ConnectionState> = {}): ConnectionStore {
  return createStore<ConnectionState>(() => ({
    status: 'connecting',
    generation: 0,
    retryAt: null,
    failures: 0,
    everOpen: false,
    ...initial,
  }));
}

/** The bridge of the Electron preload is open for the life of the window. */
export function alwaysOpen(): ConnectionStore {
  return createConnectionStore({ status: 'open', generation: 1, everOpen: true });
}
