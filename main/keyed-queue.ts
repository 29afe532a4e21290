/**
 * Work that must not overlap per key (one bot's start, stop and deploy): each call runs after the
 * previous one for the same key has settled, whatever its outcome; keys do not wait for each other.
 */
export type KeyedQueue = <T>(key: string, work: () => Promise<T>) => Promise<T>;

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return (key, work) => {
    const prev = tails.get(key) ?? Promise.resolve();
    const next = prev.then(work, work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, settled);
    void settled.then(() => {
      if (tails.get(key) === settled) tails.delete(key);
    });
    return next;
  };
}
