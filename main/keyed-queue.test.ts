import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from './keyed-queue.ts';

describe('keyed queue', () => {
  it('runs work of one key one at a time, after a failure too, and keys independently', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = queue('a', async () => {
      log.push('a1 start');
      await held;
      log.push('a1 end');
      throw new Error('a1 failed');
    });
    const second = queue('a', async () => {
      log.push('a2');
      return 2;
    });
    const other = queue('b', async () => {
      log.push('b1');
      return 'b';
    });
    expect(await other).toBe('b');
    expect(log).toEqual(['a1 start', 'b1']);
    release();
    await expect(first).rejects.toThrow('a1 failed');
    expect(await second).toBe(2);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });
});
