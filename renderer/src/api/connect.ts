import type { Bridge, ContractClient } from '../../../shared/contract/client.ts';
import { alwaysOpen, type ConnectionStore, createConnectionStore } from './connection.ts';
import { createContractClient } from './contract-client.ts';
import { takeToken } from './token.ts';
import { createWsBridge } from './ws-bridge.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the app is served by `clawster serve`. */
    clawster?: Bridge;
  }
}

export interface Connected {
  client: ContractClient;
  connection: ConnectionStore;
  retryNow(): void;
  close(): void;
}

/** Electron's preload bridge where there is one, the loopback host's WebSocket otherwise. */
export function connect(win: Window = window): Connected {
  if (win.clawster) {
    return {
      client: createContractClient(win.clawster),
      connection: alwaysOpen(),
      retryNow() {},
      close() {},
    };
  }
  const token = takeToken({ location: win.location, history: win.history, storage: win.sessionStorage });
  if (!token) {
    const connection = createConnectionStore({ status: 'no-token' });
    const none: Bridge = {
      invoke: async () => ({
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          message: 'Open the address that `clawster serve` printed: it holds the access token.',
        },
      }),
      subscribe: () => () => {},
    };
    return { client: createContractClient(none), connection, retryNow() {}, close() {} };
  }
  const connection = createConnectionStore();
  const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
  const bridge = createWsBridge({
    url: `${scheme}://${win.location.host}/ws?token=${encodeURIComponent(token)}`,
    connection,
  });
  return {
    client: createContractClient(bridge),
    connection,
    retryNow: bridge.retryNow,
    close: bridge.close,
  };
}
