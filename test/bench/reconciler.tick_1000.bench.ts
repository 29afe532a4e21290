/** reconciler.tick_1000: one full reconcile pass over 1,000 bots on simulated gateways, none drifted (goal: under 1,000 ms). */
import { benchReconcile } from './support/reconcile-fleet.ts';

await benchReconcile('reconciler.tick_1000', 0, 1000);
