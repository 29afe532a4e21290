/**
 * gateway.sweep_1000: one health sweep over 1,000 simulated gateways on loopback (a TEST DOUBLE
 * of OpenClaw's gateway, each on its own port), through the pool Clawster uses.
 *
 * Method. The simulated gateways run in a child process, so the client under test has its own
 * event loop (and, on a multi-core machine, its own core); measuring both in one process would
 * charge the servers' work to the client. The pool first connects to every gateway on demand
 * (the cold sweep: handshake with device proof + health, printed for information). The BENCH
 * value is the median of five sweeps over the open connections, the state a running Clawster
 * is in (the pool keeps connections live for pushed health). Memory per connection is the
 * client process's heap + external growth after GC, divided by 1,000, printed on the line
 * before the BENCH line (RSS growth is printed alongside for reference).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createGatewayPool } from '../../main/gateway/pool.ts';
import { createInMemorySecretStoreTestDouble } from '../support/sim-gateway/in-memory-secret-store.ts';
import { startSimFleet } from '../support/sim-gateway/sim-fleet.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const COUNT = 1000;
const settle = () => {
  for (let i = 0; i < 3; i++) gc();
};
const used = () => {
  const m = process.memoryUsage();
  return { js: m.heapUsed + m.external, rss: m.rss, heapTotal: m.heapTotal };
};

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
const ids = Array.from({ length: COUNT }, (_, i) => `bot-${i}`);

try {
  settle();
  const before = used();
  let t = performance.now();
  const cpu0 = process.cpuUsage();
  const cold = await pool.healthSweep(ids, { timeoutMs: 60_000 });
  const coldMs = performance.now() - t;
  const cpu1 = process.cpuUsage(cpu0);
  const failed = cold.filter((r) => !r.ok);
  if (failed.length > 0)
    throw new Error(`${failed.length} bots failed the cold sweep: ${JSON.stringify(failed[0])}`);
  const coldCpu = (cpu1.user + cpu1.system) / 1000;
  console.log(
    `cold sweep (connect on demand + health): ${coldMs.toFixed(0)} ms, client CPU ${coldCpu.toFixed(0)} ms`,
  );

  const runs: number[] = [];
  const cpuWarm0 = process.cpuUsage();
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    const r = await pool.healthSweep(ids);
    runs.push(performance.now() - t);
    if (r.some((x) => !x.ok)) throw new Error('a bot failed a warm sweep');
  }
  const cpuWarm = process.cpuUsage(cpuWarm0);
  runs.sort((a, b) => a - b);
  const warmCpu = (cpuWarm.user + cpuWarm.system) / 1000 / 5;
  console.log(
    `warm sweeps: ${runs.map((r) => r.toFixed(0)).join(', ')} ms (client CPU ${warmCpu.toFixed(0)} ms per sweep)`,
  );
  settle();
  const after = used();
  const perConnKb = (after.js - before.js) / COUNT / 1024;
  const rssKb = (after.rss - before.rss) / COUNT / 1024;
  console.log(
    `(RSS growth per connection: ${rssKb.toFixed(1)} KB; V8 heap reserved: ${((after.heapTotal - before.heapTotal) / COUNT / 1024).toFixed(1)} KB)`,
  );
  console.log('goal: < 1000 ms');
  console.log(`gateway.sweep_1000 memory per connection: ${perConnKb.toFixed(1)} KB (goal < 64 KB)`);
  console.log(`BENCH gateway.sweep_1000 ${(runs[2] ?? 0).toFixed(1)} ms`);
} finally {
  await pool.close();
  await fleet.close();
}
