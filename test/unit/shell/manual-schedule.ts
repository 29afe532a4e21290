import type { fixedClock } from '../../../main/clock.ts';
import type { Schedule } from '../../../main/shell/notifier.ts';

/**
 * Timers driven by the test: `advance(ms)` moves the fixed clock forward and runs each timer
 * that falls due, in order. No real time passes.
 */
export function manualSchedule(clock: ReturnType<typeof fixedClock>) {
  let timers: { at: number; seq: number; fn: () => void }[] = [];
  let seq = 0;
  const schedule: Schedule = (fn, delayMs) => {
    const timer = { at: clock.now().getTime() + delayMs, seq: seq++, fn };
    timers.push(timer);
    return () => {
      timers = timers.filter((t) => t !== timer);
    };
  };
  return {
    schedule,
    pending: () => timers.length,
    advance(ms: number) {
      const end = clock.now().getTime() + ms;
      for (;;) {
        const next = timers.filter((t) => t.at <= end).toSorted((a, b) => a.at - b.at || a.seq - b.seq)[0];
        if (!next) break;
        timers = timers.filter((t) => t !== next);
        clock.set(new Date(Math.max(next.at, clock.now().getTime())));
        next.fn();
      }
      clock.set(new Date(end));
    },
  };
}
