import { describe, expect, it } from 'vitest';
import { createContractClient } from '../api/contract-client.ts';
import { fleet } from '../test-support/fixtures.ts';
import { createScriptedBridge, deferred } from '../test-support/scripted-bridge.ts';
import { createFleetsStore } from './fleets-store.ts';

const names = (store: ReturnType<typeof createFleetsStore>) => store.getState().fleets.map((f) => f.name);

describe('fleets store (with a scripted bridge test double)', () => {
  it('loads once, then follows created, updated and deleted events without asking again', async () => {
    const host = createScriptedBridge();
    host.answer('fleet.list', () => ({ ok: true, value: [fleet({ id: 'f1', name: 'payments' })] }));
    const store = createFleetsStore(createContractClient(host.bridge));
    await store.getState().load();
    expect(names(store)).toEqual(['payments']);

    host.emit('fleet.changed', { kind: 'created', item: fleet({ id: 'f2', name: 'Alpha' }) });
    host.emit('fleet.changed', {
      kind: 'updated',
      item: fleet({ id: 'f1', name: 'payments-eu', botCount: 3 }),
    });
    expect(names(store)).toEqual(['Alpha', 'payments-eu']);
    expect(store.getState().fleets[1]?.botCount).toBe(3);

    host.emit('fleet.changed', { kind: 'deleted', id: 'f2' });
    expect(names(store)).toEqual(['payments-eu']);
    expect(host.calls.filter((c) => c.method === 'fleet.list')).toHaveLength(1);
    store.dispose();
  });

  it('keeps a change pushed while the list was on its way', async () => {
    const host = createScriptedBridge();
    const answer = deferred<{ ok: true; value: ReturnType<typeof fleet>[] }>();
    host.answer('fleet.list', () => answer.promise);
    const store = createFleetsStore(createContractClient(host.bridge));
    const loading = store.getState().load();
    host.emit('fleet.changed', { kind: 'created', item: fleet({ id: 'f9', name: 'late' }) });
    answer.resolve({ ok: true, value: [fleet({ id: 'f1', name: 'early' })] });
    await loading;
    expect(names(store)).toEqual(['early', 'late']);
    store.dispose();
  });

  it('holds the host’s error when the list cannot be read', async () => {
    const host = createScriptedBridge();
    host.answer('fleet.list', () => ({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'Not connected.' },
    }));
    const store = createFleetsStore(createContractClient(host.bridge));
    await store.getState().load();
    expect(store.getState().status).toBe('error');
    expect(store.getState().error?.message).toBe('Not connected.');
    store.dispose();
  });

  it('drops a pushed event whose payload does not match the contract', async () => {
    const host = createScriptedBridge();
    host.answer('fleet.list', () => ({ ok: true, value: [] }));
    const store = createFleetsStore(createContractClient(host.bridge));
    await store.getState().load();
    // @ts-expect-error: a malformed payload, as a broken host might send
    host.emit('fleet.changed', { kind: 'created', item: { id: 'x' } });
    expect(store.getState().fleets).toEqual([]);
    store.dispose();
  });
});
