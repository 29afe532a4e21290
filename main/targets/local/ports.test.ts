import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors.ts';
import { assertPortFree, isPortFree, pickPort, portCandidates } from './ports.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

function listen(): Promise<number> {
  const srv = createServer();
  servers.push(srv);
  return new Promise((resolve) =>
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    }),
  );
}

describe('gateway ports', () => {
  it('keeps every candidate at least the gap away from the other bots', () => {
    const taken = [18789, 18815, 18850];
    const c = portCandidates(taken, { first: 18789, last: 18900 }, 20);
    expect(c[0]).toBe(18870);
    for (const p of c) for (const t of taken) expect(Math.abs(p - t)).toBeGreaterThanOrEqual(20);
    expect(portCandidates([], { first: 100, last: 140 }, 20)).toEqual([100, 120, 140]);
  });

  it('skips a candidate another program holds and takes the next free one', async () => {
    const busy = await listen();
    const port = await pickPort({ taken: [], range: { first: busy, last: busy + 40 }, gap: 20 });
    expect(port).toBe(busy + 20);
    expect(await isPortFree(busy)).toBe(false);
    expect(await isPortFree(port)).toBe(true);
  });

  it('fails with PRECONDITION and says what to do when no port is left', async () => {
    const e = await pickPort({
      taken: [1000],
      range: { first: 1000, last: 1010 },
      gap: 20,
      isFree: async () => true,
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('PRECONDITION');
    expect((e as AppError).message).toMatch(/No free gateway port between 1000 and 1010/);
  });

  it('names the port that another program holds', async () => {
    const busy = await listen();
    await expect(assertPortFree(busy, 'b1')).rejects.toThrow(
      `Port ${busy} on 127.0.0.1, recorded for bot b1, is in use`,
    );
  });
});
