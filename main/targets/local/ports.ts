import { createServer } from 'node:net';
import { AppError } from '../../../shared/contract/errors.ts';

/**
 * Gateway ports of local bots. OpenClaw derives helper ports from the gateway port (browser
 * control, canvas, relays a few numbers above it), so two bots' gateway ports stay at least
 * `minGap` apart, and the chosen port must really be free on 127.0.0.1.
 */
export const DEFAULT_PORT_RANGE = { first: 18789, last: 28789 } as const;
export const DEFAULT_PORT_GAP = 20;

export interface PortRange {
  first: number;
  last: number;
}

/** Whether something can listen on 127.0.0.1:`port` right now (tries to bind, then closes). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** Candidates in the range, in order, that keep `gap` from every taken port. */
export function portCandidates(taken: readonly number[], range: PortRange, gap: number): number[] {
  const sorted = [...taken].sort((a, b) => a - b);
  const out: number[] = [];
  let port = range.first;
  while (port <= range.last) {
    const clash = sorted.find((t) => Math.abs(t - port) < gap);
    if (clash === undefined) {
      out.push(port);
      // The next candidate a full gap further keeps the list short and spreads bots out.
      port += gap;
    } else port = clash + gap;
  }
  return out;
}

export interface PickPortOptions {
  /** Ports of the other local bots (recorded by the target). */
  taken: readonly number[];
  range?: PortRange;
  gap?: number;
  /** How a port is checked; binds on 127.0.0.1 unless a test says otherwise. */
  isFree?: (port: number) => Promise<boolean>;
}

/** The first port at least `gap` from every other bot's that is free on 127.0.0.1. */
export async function pickPort(o: PickPortOptions): Promise<number> {
  const range = o.range ?? DEFAULT_PORT_RANGE;
  const gap = o.gap ?? DEFAULT_PORT_GAP;
  const free = o.isFree ?? isPortFree;
  for (const port of portCandidates(o.taken, range, gap)) if (await free(port)) return port;
  throw new AppError(
    'PRECONDITION',
    `No free gateway port between ${range.first} and ${range.last} is at least ${gap} away from the ${o.taken.length} other local bots' ports. Stop or destroy bots you no longer need, or free ports in that range.`,
  );
}

/** Throws PRECONDITION naming the port when another program listens on it. */
export async function assertPortFree(port: number, botId: string): Promise<void> {
  if (await isPortFree(port)) return;
  throw new AppError(
    'PRECONDITION',
    `Port ${port} on 127.0.0.1, recorded for bot ${botId}, is in use by another program, so its gateway cannot start. Stop that program, or redeploy the bot to give it another port.`,
    undefined,
    { port },
  );
}
