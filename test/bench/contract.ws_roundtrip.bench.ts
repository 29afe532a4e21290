/**
 * contract.ws_roundtrip: requests per second of a trivial read (app.info) from one client over the
 * real WebSocket host in front of the real control plane, next to the same sequential loop over a
 * bare `ws` echo server on loopback. The BENCH value is their ratio (goal: at least 0.5).
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { createControlPlane } from '../../main/control-plane.ts';
import { startWsHost } from '../../main/hosts/ws-host.ts';
import { silentLogger } from '../../main/log/logger.ts';
import { reportBench } from './support/goal.ts';
import { tempDir } from './support/temp-dir.ts';
import { closeClient, connect, type LoopResult, sequentialLoop } from './support/ws-loop.ts';

const WARMUP = 3_000;
/** Short rounds, host and echo in turn: each pair sees the same machine load, and the median
 * of the pairs' ratios ignores a round that other work on the machine slowed down. */
const ROUNDS = 7;
const PER_ROUND = 10_000;
const ROUND_TIME_LIMIT_MS = 2_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function checkHostReply(reply: unknown, id: number): void {
  if (!isRecord(reply) || reply.type !== 'res' || reply.id !== id) {
    throw new Error(`unexpected frame from the host: ${JSON.stringify(reply).slice(0, 200)}`);
  }
  if (!isRecord(reply.result) || reply.result.ok !== true) {
    throw new Error(`app.info failed: ${JSON.stringify(reply.result).slice(0, 300)}`);
  }
}

function checkEcho(reply: unknown, id: number): void {
  if (!isRecord(reply) || reply.id !== id) throw new Error(`unexpected echo: ${JSON.stringify(reply)}`);
}

function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const dir = tempDir('ws');
const cp = createControlPlane({ dataDir: dir.path, log: silentLogger, host: 'web' });
const host = await startWsHost({
  dispatch: cp.dispatch,
  onEvent: cp.onEvent,
  log: silentLogger,
  staticDir: dir.path,
});
const echo = new WebSocketServer({ host: '127.0.0.1', port: 0 });
echo.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
await new Promise<void>((resolve) => echo.once('listening', () => resolve()));
const echoPort = (echo.address() as AddressInfo).port;

const hostClient = await connect(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`);
const echoClient = await connect(`ws://127.0.0.1:${echoPort}/`);
try {
  await sequentialLoop(hostClient, 'app.info', checkHostReply, WARMUP, 10_000);
  await sequentialLoop(echoClient, 'app.info', checkEcho, WARMUP, 10_000);
  const hostRuns: LoopResult[] = [];
  const echoRuns: LoopResult[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const e = await sequentialLoop(echoClient, 'app.info', checkEcho, PER_ROUND, ROUND_TIME_LIMIT_MS);
    const h = await sequentialLoop(hostClient, 'app.info', checkHostReply, PER_ROUND, ROUND_TIME_LIMIT_MS);
    echoRuns.push(e);
    hostRuns.push(h);
    console.log(
      `round ${round}: ws host ${h.perSecond.toFixed(0)} req/s (${h.requests} in ${h.ms.toFixed(0)} ms), bare ws echo ${e.perSecond.toFixed(0)} req/s (${e.requests} in ${e.ms.toFixed(0)} ms), ratio ${(h.perSecond / e.perSecond).toFixed(3)}`,
    );
  }
  const ratios = hostRuns.map((h, i) => h.perSecond / (echoRuns[i]?.perSecond ?? Number.NaN));
  console.log(
    `ws host (control plane, app.info): ${median(hostRuns.map((r) => r.perSecond)).toFixed(0)} req/s (median)`,
  );
  console.log(
    `bare ws echo server:               ${median(echoRuns.map((r) => r.perSecond)).toFixed(0)} req/s (median)`,
  );
  reportBench(
    { name: 'contract.ws_roundtrip', value: median(ratios), unit: 'ratio' },
    { op: '>=', target: 0.5 },
    3,
  );
} finally {
  await closeClient(hostClient);
  await closeClient(echoClient);
  await host.close();
  await new Promise<void>((resolve) => echo.close(() => resolve()));
  cp.close();
  dir.remove();
}
