import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnectionStore } from './connection.ts';
import { createWsBridge, type SocketLike } from './ws-bridge.ts';

/** TEST DOUBLE: a WebSocket the test opens, answers and drops by hand (no host runs in happy-dom). */
class ScriptedSocket implements SocketLike {
  readyState = 0;
  sent: Array<{ id: number; method: string; params: unknown }> = [];
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  drop() {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close'));
  }
  receive(frame: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }
}

describe('WebSocket bridge (over a scripted socket test double)', () => {
  let sockets: ScriptedSocket[];
  const last = () => sockets.at(-1) ?? new ScriptedSocket();
  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const start = () => {
    const connection = createConnectionStore();
    const bridge = createWsBridge({
      url: 'ws://127.0.0.1:1/ws?token=t',
      connection,
      createSocket: () => {
        const s = new ScriptedSocket();
        sockets.push(s);
        return s;
      },
      backoff: (failures) => failures * 1000,
      now: () => 0,
    });
    return { connection, bridge };
  };

  it('sends requests made while connecting once the link opens, and matches answers by id', async () => {
    const { bridge, connection } = start();
    const answer = bridge.invoke('fleet.list', {});
    last().open();
    expect(connection.getState()).toMatchObject({ status: 'open', generation: 1 });
    expect(last().sent).toEqual([{ id: 1, method: 'fleet.list', params: {} }]);
    last().receive({ type: 'res', id: 1, result: { ok: true, value: [] } });
    await expect(answer).resolves.toEqual({ ok: true, value: [] });
    bridge.close();
  });

  it('passes pushed events to subscribers', () => {
    const { bridge } = start();
    last().open();
    const seen: string[] = [];
    const off = bridge.subscribe((event) => seen.push(event));
    last().receive({ type: 'event', event: 'fleet.changed', payload: {} });
    off();
    last().receive({ type: 'event', event: 'bot.changed', payload: {} });
    expect(seen).toEqual(['fleet.changed']);
    bridge.close();
  });

  it('fails requests in flight when the link drops, refuses new ones, and reconnects with back-off', async () => {
    const { bridge, connection } = start();
    last().open();
    const inFlight = bridge.invoke('fleet.create', { name: 'x' });
    last().drop();
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(connection.getState()).toMatchObject({ status: 'waiting', failures: 1, retryAt: 1000 });
    await expect(bridge.invoke('fleet.list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });

    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
    last().drop();
    expect(connection.getState()).toMatchObject({ status: 'waiting', failures: 2, retryAt: 2000 });
    bridge.retryNow();
    expect(sockets).toHaveLength(3);
    last().open();
    expect(connection.getState()).toMatchObject({ status: 'open', generation: 2, failures: 0 });
    bridge.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
