/**
 * gateway.rtt: sequential request/response round trips per second to one simulated gateway (a
 * TEST DOUBLE of OpenClaw's gateway) through the Clawster client, divided by the round trips per
 * second of a bare `ws` client against a bare `ws` echo server, measured in the same run.
 *
 * Method. Both servers run in one child process, so the client side has its own event loop. The
 * bare client sends the same request frame text (`usage.status`, a small answer) and parses the
 * echo as JSON; the Clawster client does the full path: id, pending map, timeout timer, frame
 * parsing and payload validation. The two are measured in alternating blocks (warm-up first) so
 * that drift in machine load hits both; the BENCH value is the ratio of their rates (goal >= 0.5).
 */
import WebSocket from 'ws';
import { createGatewayConnection } from '../../main/gateway/connection.ts';
import { loadOrCreateDeviceIdentity } from '../../main/gateway/device-identity.ts';
import { createGatewayApi } from '../../main/gateway/gateway-api.ts';
import { createInMemorySecretStoreTestDouble } from '../support/sim-gateway/in-memory-secret-store.ts';
import { startEchoServer, startSimFleet } from '../support/sim-gateway/sim-fleet.ts';

const BLOCK = Number(process.env.RTT_BLOCK ?? 1000);
const BLOCKS = 6;

const [fleet, echo] = await Promise.all([startSimFleet(1), startEchoServer()]);
const gateway = fleet.gateways[0];
if (!gateway) throw new Error('no simulated gateway');
const secrets = createInMemorySecretStoreTestDouble();
const conn = createGatewayConnection({
  url: gateway.url,
  token: gateway.token,
  identity: await loadOrCreateDeviceIdentity(secrets),
  secrets,
  gatewayKey: 'rtt',
  clientVersion: '0.1.0',
});
const api = createGatewayApi(conn);
const bare = new WebSocket(echo.url, { perMessageDeflate: false });
const bareOpen = new Promise<void>((resolve, reject) => {
  bare.once('open', () => resolve());
  bare.once('error', reject);
});

try {
  conn.start();
  await conn.ready(10_000);
  await bareOpen;
  let id = 0;
  const bareRoundTrip = () =>
    new Promise<unknown>((resolve) => {
      bare.once('message', (data) => resolve(JSON.parse(String(data))));
      bare.send(JSON.stringify({ type: 'req', id: String(++id), method: 'usage.status', params: {} }));
    });
  const block = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    for (let i = 0; i < BLOCK; i++) await fn();
    return performance.now() - t;
  };
  const client = () => api.usageStatus();
  await block(bareRoundTrip);
  await block(client);
  let bareMs = 0;
  let clientMs = 0;
  for (let b = 0; b < BLOCKS; b++) {
    bareMs += await block(bareRoundTrip);
    clientMs += await block(client);
  }
  const bareRate = (BLOCK * BLOCKS) / (bareMs / 1000);
  const clientRate = (BLOCK * BLOCKS) / (clientMs / 1000);
  console.log(`bare ws echo: ${bareRate.toFixed(0)} round trips/s`);
  console.log(`clawster client to the simulated gateway: ${clientRate.toFixed(0)} round trips/s`);
  console.log('goal: >= 0.5 ratio');
  console.log(`BENCH gateway.rtt ${(clientRate / bareRate).toFixed(3)} ratio`);
} finally {
  bare.close();
  await conn.close();
  await Promise.all([fleet.close(), echo.close()]);
}
