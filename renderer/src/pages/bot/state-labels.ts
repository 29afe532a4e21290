import type { LifecycleState } from '../../../../shared/domain/lifecycle.ts';

/** A lifecycle state as the bot page's timeline names it. */
export const stateLabels: Readonly<Record<LifecycleState, string>> = {
  pending: 'Pending',
  provisioning: 'Provisioning',
  running: 'Running',
  degraded: 'Degraded',
  stopped: 'Stopped',
  error: 'Error',
};
