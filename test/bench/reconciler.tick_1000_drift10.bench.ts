/** reconciler.tick_1000_drift10: one full pass over 1,000 bots on simulated gateways, 10% drifted and healed (goal: under 3,000 ms). */
import { benchReconcile } from './support/reconcile-fleet.ts';

await benchReconcile('reconciler.tick_1000_drift10', 0.1, 3000);
