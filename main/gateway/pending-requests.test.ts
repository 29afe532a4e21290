import { afterEach, describe, expect, it, vi } from 'vitest';
import { GatewayError } from './errors.ts';
import { createPendingRequests } from './pending-requests.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('requests in flight', () => {
  it('matches answers to requests whatever their order', async () => {
    const p = createPendingRequests();
    const a = p.add('1', 'health', 1000);
    const b = p.add('2', 'status', 1000);
    expect(p.settle({ type: 'res', id: '2', ok: true, payload: 'B' })).toBe(true);
    expect(p.settle({ type: 'res', id: '1', ok: true, payload: 'A' })).toBe(true);
    await expect(Promise.all([a, b])).resolves.toEqual(['A', 'B']);
    expect(p.settle({ type: 'res', id: '1', ok: true, payload: 'late' })).toBe(false);
    expect(p.size).toBe(0);
  });

  it('times a silent request out with a typed error and ignores its late answer', async () => {
    vi.useFakeTimers();
    const p = createPendingRequests();
    const slow = p.add('1', 'logs.tail', 250);
    vi.advanceTimersByTime(250);
    await expect(slow).rejects.toMatchObject({
      gatewayCode: 'TIMEOUT',
      message: expect.stringMatching(/logs\.tail/),
    });
    expect(p.settle({ type: 'res', id: '1', ok: true, payload: {} })).toBe(false);
  });

  it('waits what is left of the timeout, and names the whole timeout when it runs out', async () => {
    vi.useFakeTimers();
    const p = createPendingRequests();
    // 100 ms asked for, 40 of them spent connecting before the request could be sent.
    const slow = p.add('1', 'logs.tail', 100, 60);
    vi.advanceTimersByTime(60);
    await expect(slow).rejects.toMatchObject({
      gatewayCode: 'TIMEOUT',
      message: 'The gateway did not answer logs.tail within 100 ms.',
    });
  });

  it('ends every waiting request when the connection drops', async () => {
    const p = createPendingRequests();
    const all = [p.add('1', 'health', 1000), p.add('2', 'status', 1000)];
    p.rejectAll((m) => new GatewayError('DISCONNECTED', `dropped during ${m}`));
    const results = await Promise.allSettled(all);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual([
      'dropped during health',
      'dropped during status',
    ]);
  });
});
