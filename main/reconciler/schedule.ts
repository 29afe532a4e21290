import cron, { type ScheduledTask } from 'node-cron';
import { AppError } from '../../shared/contract/errors.ts';
import type { Logger } from '../log/logger.ts';

/** Every minute: the reconciler's default schedule. */
export const DEFAULT_RECONCILE_SCHEDULE = '* * * * *';

export interface ReconcileSchedule {
  /** Runs a pass now (an on-demand reconcile shares the no-overlap rule with the schedule). */
  runNow(): Promise<void>;
  readonly expression: string;
  stop(): Promise<void>;
}

/** Checks a cron expression, with a message an operator can act on. */
export function checkCronExpression(expression: string): void {
  if (!cron.validate(expression))
    throw new AppError(
      'VALIDATION',
      `"${expression}" is not a cron schedule. Use five fields (minute hour day month weekday), e.g. "* * * * *" for every minute or "*/5 * * * *" for every five minutes.`,
    );
}

/**
 * The reconciler on a node-cron schedule. A pass that is still running when the next one is due
 * is not started twice (the due run is skipped and logged), and `runNow` waits for a running pass
 * instead of starting a second one.
 */
export function scheduleReconcile(options: {
  expression?: string;
  run: () => Promise<unknown>;
  log: Logger;
}): ReconcileSchedule {
  const expression = options.expression ?? DEFAULT_RECONCILE_SCHEDULE;
  checkCronExpression(expression);
  let running: Promise<void> | null = null;
  const pass = (): Promise<void> => {
    if (!running) {
      running = options
        .run()
        .then(() => undefined)
        .catch((e: unknown) => {
          options.log.error('reconcile pass failed', { error: e instanceof Error ? e.message : String(e) });
        })
        .finally(() => {
          running = null;
        });
    }
    return running;
  };
  const task: ScheduledTask = cron.schedule(
    expression,
    () => {
      if (running) options.log.warn('reconcile pass still running; skipping the one due now');
      else void pass();
    },
    { name: 'clawster-reconcile', noOverlap: true },
  );
  return {
    expression,
    runNow: pass,
    async stop() {
      await task.destroy();
      if (running) await running;
    },
  };
}
