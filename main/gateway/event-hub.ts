import type { Logger } from '../log/logger.ts';
import type { EventFrame } from './frames.ts';

export type EventListener = (payload: unknown, frame: EventFrame) => void;

/** Listeners by gateway event name ('*' hears every event); a failing listener is logged, not fatal. */
export interface EventHub {
  on(event: string, listener: EventListener): () => void;
  emit(frame: EventFrame): void;
}

export function createEventHub(log: Logger): EventHub {
  const listeners = new Map<string, Set<EventListener>>();
  const call = (set: Set<EventListener> | undefined, frame: EventFrame) => {
    if (!set) return;
    for (const l of set) {
      try {
        l(frame.payload, frame);
      } catch (e) {
        log.error('event listener failed', { event: frame.event, error: e });
      }
    }
  };
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(event);
      };
    },
    emit(frame) {
      call(listeners.get(frame.event), frame);
      call(listeners.get('*'), frame);
    },
  };
}
