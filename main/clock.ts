export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still unless told to move: for tests. */
export function fixedClock(
  start: string | Date,
): Clock & { advance(ms: number): void; set(t: string | Date): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (v) => {
      t = new Date(v).getTime();
    },
  };
}
