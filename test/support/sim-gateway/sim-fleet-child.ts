/**
 * TEST DOUBLE process: runs simulated gateways (or a bare ws echo server) in a child process,
 * so that benchmarks and fleet tests do not share one event loop between the client under test
 * and the servers it talks to. Commands arrive over IPC; see sim-fleet.ts.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { JsonObject } from '../../../shared/config/json.ts';
import { type SimGateway, startSimGateway } from './sim-gateway.ts';

export type FleetCommand =
  | { cmd: 'start-sims'; count: number; tickIntervalMs?: number; healthIntervalMs?: number | null }
  | { cmd: 'start-echo' }
  /** Replaces the configs of the gateways at these indexes (behind the client's back: a new hash, a config.changed event). */
  | { cmd: 'set-configs'; configs: Record<number, JsonObject> }
  /** The current configs of the gateways at these indexes. */
  | { cmd: 'get-configs'; indexes: number[] }
  | { cmd: 'close' };

export type FleetReply =
  | {
      ok: true;
      gateways?: { url: string; token: string }[];
      url?: string;
      configs?: Record<number, JsonObject>;
    }
  | { ok: false; error: string };

const sims: SimGateway[] = [];
let echo: WebSocketServer | null = null;

const reply = (r: FleetReply): void => {
  process.send?.(r);
};

async function handle(c: FleetCommand): Promise<void> {
  if (c.cmd === 'start-sims') {
    const batch = 50;
    for (let i = 0; i < c.count; i += batch) {
      const n = Math.min(batch, c.count - i);
      const started = await Promise.all(
        Array.from({ length: n }, (_, k) =>
          startSimGateway({
            token: `sim-fleet-token-${i + k}`,
            tickIntervalMs: c.tickIntervalMs ?? 30_000,
            healthIntervalMs: c.healthIntervalMs ?? null,
          }),
        ),
      );
      sims.push(...started);
    }
    return reply({ ok: true, gateways: sims.map((s) => ({ url: s.url, token: s.token })) });
  }
  if (c.cmd === 'set-configs') {
    for (const [i, config] of Object.entries(c.configs)) sims[Number(i)]?.setConfig(config);
    return reply({ ok: true });
  }
  if (c.cmd === 'get-configs') {
    const configs: Record<number, JsonObject> = {};
    for (const i of c.indexes) {
      const s = sims[i];
      if (s) configs[i] = s.state.config;
    }
    return reply({ ok: true, configs });
  }
  if (c.cmd === 'start-echo') {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    server.on('connection', (ws) =>
      ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })),
    );
    echo = server;
    return reply({ ok: true, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}` });
  }
  await Promise.all(sims.map((s) => s.close()));
  if (echo) {
    for (const ws of echo.clients) ws.terminate();
    await new Promise<void>((resolve) => echo?.close(() => resolve()));
  }
  reply({ ok: true });
  process.disconnect?.();
}

process.on('message', (m: FleetCommand) => {
  handle(m).catch((e: unknown) => reply({ ok: false, error: e instanceof Error ? e.message : String(e) }));
});
