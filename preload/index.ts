import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../shared/contract/channels.ts';
import type { Bridge } from '../shared/contract/client.ts';

/** The whole preload: one invoke and one subscribe, nothing else reaches the page. */
const bridge = {
  invoke: (method: string, params: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, method, params),
  subscribe: (listener: (event: string, payload: unknown) => void) => {
    const handler = (_e: unknown, event: string, payload: unknown) => listener(event, payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.off(EVENT_CHANNEL, handler);
    };
  },
} satisfies Bridge;

contextBridge.exposeInMainWorld('clawster', bridge);
