import { describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.ts';
import { checkCronExpression, scheduleReconcile } from './schedule.ts';

const quiet = createLogger({ sink: () => {} });

describe('reconcile schedule (node-cron)', () => {
  it('refuses an expression that is not a cron schedule, with an example of one', () => {
    expect(() => checkCronExpression('every minute')).toThrow(/five fields .* "\* \* \* \* \*"/);
    expect(() => scheduleReconcile({ expression: '61 * * * *', run: async () => {}, log: quiet })).toThrow(
      /not a cron schedule/,
    );
  });

  it('runs a pass on demand and never two at once', async () => {
    let passes = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const s = scheduleReconcile({
      run: async () => {
        passes += 1;
        await gate;
      },
      log: quiet,
    });
    try {
      const a = s.runNow();
      const b = s.runNow();
      release();
      await Promise.all([a, b]);
      expect(passes).toBe(1);
      await s.runNow();
      expect(passes).toBe(2);
      expect(s.expression).toBe('* * * * *');
    } finally {
      await s.stop();
    }
  });

  it('logs a failed pass instead of crashing the schedule', async () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l) });
    const s = scheduleReconcile({
      run: async () => {
        throw new Error('gateway pool closed');
      },
      log,
    });
    await s.runNow();
    await s.stop();
    expect(lines.join('\n')).toContain('gateway pool closed');
  });
});
