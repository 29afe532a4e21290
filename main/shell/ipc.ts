import type { IpcMain } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/contract/channels.ts';
import { err, type Result } from '../../shared/contract/errors.ts';
import type { EventListener } from '../events/bus.ts';
import type { Dispatch } from '../hosts/dispatcher.ts';
import type { Logger } from '../log/logger.ts';
import { isTrustedSender } from './security.ts';

/**
 * The Electron host of the control plane: one invoke channel to the dispatcher. The answer is
 * always a Result (never a rejection), and only our own window may ask.
 */
export function serveIpc(ipcMain: IpcMain, dispatch: Dispatch, log: Logger): () => void {
  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event, method: unknown, params: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame)) {
        log.warn('refused a request from a foreign frame', { url: event.senderFrame?.url.slice(0, 200) });
        return err('FORBIDDEN', 'Requests are accepted from the Clawster window only.');
      }
      if (typeof method !== 'string') return err('UNKNOWN_METHOD', 'The request has no method name.');
      try {
        return await dispatch(method, params);
      } catch (e) {
        log.error('dispatch threw', { method, error: e });
        return err('INTERNAL', `${method} failed unexpectedly. The details are in the Clawster log.`);
      }
    },
  );
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

/** What events are pushed to: a window's web contents. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** Pushes every control-plane event to the windows showing our renderer. */
export function forwardEvents(
  onEvent: (listener: EventListener) => () => void,
  targets: () => Iterable<EventTarget>,
): () => void {
  return onEvent((event, payload) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event, payload);
    }
  });
}
