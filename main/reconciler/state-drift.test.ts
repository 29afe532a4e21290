import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/errors.ts';
import { fixedClock } from '../clock.ts';
import { createHealGuard } from './heal-guard.ts';
import { createStateDriftHealer, type DownBot } from './state-drift.ts';

const down = (over: Partial<DownBot> = {}): DownBot => ({
  id: 'b1',
  mode: 'heal',
  state: 'error',
  lastError: 'The gateway exited',
  ...over,
});

/** `start` is a test double of the deploy service's start: it fails while `failing` is set. */
function setup() {
  const clock = fixedClock('2026-12-01T10:00:00Z');
  const started: string[] = [];
  let failing = false;
  const heal = createStateDriftHealer({
    clock,
    guard: createHealGuard({ initialMs: 60_000, maxMs: 600_000, multiplier: 2, jitter: 0 }),
    start: async (id) => {
      started.push(id);
      if (failing) throw new AppError('UNAVAILABLE', 'Port 30100 is in use.');
    },
  });
  return { clock, started, heal, fail: (f: boolean) => (failing = f) };
}

describe('state drift: a bot that should be running and is not', () => {
  it('is only reported in a notify fleet', async () => {
    const { heal, started } = setup();
    const [r] = await heal([down({ mode: 'notify', state: 'stopped', lastError: null })]);
    expect(r).toMatchObject({
      status: 'drifted',
      changes: ['state'],
      detail: 'Should be running, is stopped; the fleet is set to notify only',
    });
    expect(started).toEqual([]);
  });

  it('is started again in a heal fleet; failures back off before the next attempt', async () => {
    const { heal, started, fail, clock } = setup();
    fail(true);
    const [first] = await heal([down()]);
    expect(first?.status).toBe('error');
    expect(first?.detail).toBe(
      'Should be running, is error (The gateway exited); starting it again failed: Port 30100 is in use. Next attempt after 2026-12-01T10:01:00.000Z.',
    );
    // Within the backoff nothing is tried.
    const [waiting] = await heal([down()]);
    expect(waiting).toMatchObject({
      status: 'drifted',
      detail: expect.stringMatching(/paused until 2026-12-01T10:01:00/),
    });
    expect(started).toEqual(['b1']);
    clock.set(new Date('2026-12-01T10:01:01Z'));
    fail(false);
    const [healed] = await heal([down()]);
    expect(healed).toMatchObject({ status: 'healed', detail: expect.stringMatching(/started again$/) });
    expect(started).toEqual(['b1', 'b1']);
  });
});
