import { describe, expect, it } from 'vitest';
import { waveNumbers, waveSizes } from './waves.ts';

describe('rollout waves', () => {
  it('updates every bot at once with ALL', () => {
    expect(waveSizes(7, { kind: 'all' })).toEqual([7]);
  });

  it('goes by percentage, rounding each wave up and never leaving a bot out', () => {
    expect(waveSizes(10, { kind: 'percentage', percent: 25 })).toEqual([3, 3, 3, 1]);
    expect(waveSizes(3, { kind: 'percentage', percent: 10 })).toEqual([1, 1, 1]);
    expect(waveSizes(4, { kind: 'percentage', percent: 100 })).toEqual([4]);
  });

  it('puts the canaries first, then the rest in one wave', () => {
    expect(waveSizes(10, { kind: 'canary', bots: 2 })).toEqual([2, 8]);
    expect(waveSizes(2, { kind: 'canary', bots: 5 })).toEqual([2]);
    expect(waveNumbers(4, { kind: 'canary', bots: 1 })).toEqual([1, 2, 2, 2]);
  });

  it('has no waves without bots', () => {
    expect(waveSizes(0, { kind: 'all' })).toEqual([]);
  });
});
