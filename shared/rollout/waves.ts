import type { RolloutStrategy } from '../domain/changeset.ts';

/**
 * How many bots each wave of a rollout updates, in order. `all`: one wave; `percentage`: waves
 * of `percent` % of the bots (rounded up, at least one bot); `canary`: the canaries, then the
 * rest. Pure: the change set page shows the same waves before anything starts.
 */
export function waveSizes(bots: number, strategy: RolloutStrategy): number[] {
  if (bots <= 0) return [];
  switch (strategy.kind) {
    case 'all':
      return [bots];
    case 'percentage': {
      const size = Math.max(1, Math.ceil((bots * strategy.percent) / 100));
      const out: number[] = [];
      for (let left = bots; left > 0; left -= size) out.push(Math.min(size, left));
      return out;
    }
    case 'canary': {
      const first = Math.min(strategy.bots, bots);
      return first === bots ? [bots] : [first, bots - first];
    }
  }
}

/** The 1-based wave of each of `bots` bots, in order. */
export function waveNumbers(bots: number, strategy: RolloutStrategy): number[] {
  const out: number[] = [];
  waveSizes(bots, strategy).forEach((size, i) => {
    for (let k = 0; k < size; k++) out.push(i + 1);
  });
  return out;
}
