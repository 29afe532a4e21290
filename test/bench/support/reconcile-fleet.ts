/**
 * The shared body of the reconciler benchmarks: 1,000 simulated gateways (a TEST DOUBLE of
 * OpenClaw's gateway, in a child process so the client under test has its own event loop), each
 * running the same realistic config (the Slack Bot template resolved for production). A share of
 * them is then changed behind Clawster's back, and one full reconcile pass over all 1,000 bots is
 * timed, with the pool's connections already open (a running Clawster keeps them open for pushed
 * health; the cold pass that connects on demand is printed for information). Heals are recorded
 * in memory: their audit writes are measured by the store benchmarks.
 */

import { createGatewayPool } from '../../../main/gateway/pool.ts';
import { silentLogger } from '../../../main/log/logger.ts';
import { createHealGuard } from '../../../main/reconciler/heal-guard.ts';
import {
  createReconciler,
  type ReconcileBot,
  type ReconcileRecord,
} from '../../../main/reconciler/reconciler.ts';
import { builtinTemplates } from '../../../shared/config/builtin-templates.ts';
import type { JsonObject } from '../../../shared/config/json.ts';
import { createResolver } from '../../../shared/config/resolve.ts';
import { createInMemorySecretStoreTestDouble } from '../../support/sim-gateway/in-memory-secret-store.ts';
import { startSimFleet } from '../../support/sim-gateway/sim-fleet.ts';
import { reportBench } from './goal.ts';

const COUNT = 1000;

function desiredConfig(): JsonObject {
  const resolved = createResolver({ templates: builtinTemplates, profiles: [], overlays: [] }).resolve({
    apiVersion: 'clawster.dev/v1',
    kind: 'Bot',
    metadata: { name: 'bench', fleet: 'bench', environment: 'prod' },
    spec: { template: 'slack-bot' },
  });
  if (!resolved.ok)
    throw new Error(`the Slack Bot template did not resolve: ${JSON.stringify(resolved.problems)}`);
  return resolved.value.config;
}

export async function benchReconcile(name: string, driftShare: number, goalMs: number): Promise<void> {
  const desired = desiredConfig();
  const drifted: JsonObject = structuredClone(desired);
  drifted.logging = { level: 'debug' };
  drifted.gateway = { ...(typeof desired.gateway === 'object' ? desired.gateway : {}), bind: 'lan' };
  const fleet = await startSimFleet(COUNT);
  const pool = createGatewayPool({
    secrets: createInMemorySecretStoreTestDouble(),
    clientVersion: '0.1.0',
    connectTimeoutMs: 60_000,
    endpoint: async (botId) => {
      const g = fleet.gateways[Number(botId.slice(4))];
      if (!g) throw new Error(`no simulated gateway for ${botId}`);
      return { url: g.url, token: g.token };
    },
  });
  const records: ReconcileRecord[] = [];
  const reconciler = createReconciler({
    clock: { now: () => new Date() },
    log: silentLogger,
    desired: () => desired,
    gate: () => ({ allowed: true }),
    sweep: pool.sweep,
    guard: createHealGuard(),
    record: (r) => records.push(r),
    sweepOptions: { timeoutMs: 60_000 },
  });
  const bots: ReconcileBot[] = Array.from({ length: COUNT }, (_, i) => ({
    id: `bot-${i}`,
    fleetId: 'bench',
    name: `bot ${i}`,
    mode: 'heal',
  }));
  try {
    const all: Record<number, JsonObject> = {};
    for (let i = 0; i < COUNT; i++) all[i] = desired;
    await fleet.setConfigs(all);
    let t = performance.now();
    const cold = await reconciler.reconcile(bots);
    console.log(
      `cold pass (connect on demand): ${(performance.now() - t).toFixed(0)} ms, ${JSON.stringify(cold.counts)}`,
    );
    if (cold.counts['in-sync'] !== COUNT)
      throw new Error('the fleet was not in sync before the measured pass');

    const driftCount = Math.round(COUNT * driftShare);
    const driftedIdx = Array.from({ length: driftCount }, (_, k) => Math.floor((k * COUNT) / driftCount));
    if (driftCount > 0) await fleet.setConfigs(Object.fromEntries(driftedIdx.map((i) => [i, drifted])));
    const cpu0 = process.cpuUsage();
    t = performance.now();
    const pass = await reconciler.reconcile(bots);
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `pass over ${COUNT} bots, ${driftCount} drifted: ${ms.toFixed(0)} ms, ${JSON.stringify(pass.counts)}; client CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`,
    );
    if (pass.counts.healed !== driftCount || pass.counts['in-sync'] !== COUNT - driftCount)
      throw new Error(`expected ${driftCount} healed, got ${JSON.stringify(pass.counts)}`);
    if (driftCount > 0) {
      const after = await fleet.getConfigs(driftedIdx);
      const wrong = driftedIdx.filter((i) => JSON.stringify(after[i]) !== JSON.stringify(desired));
      if (wrong.length > 0) throw new Error(`${wrong.length} gateways still drifted after the heal`);
      console.log(
        `${driftCount} gateways checked back to the desired config; ${records.length} heals recorded`,
      );
    }
    reportBench({ name, value: Math.round(ms), unit: 'ms' }, { op: '<', target: goalMs });
  } finally {
    await pool.close();
    await fleet.close();
  }
}
