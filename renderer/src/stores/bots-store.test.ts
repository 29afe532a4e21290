import { describe, expect, it } from 'vitest';
import { createContractClient } from '../api/contract-client.ts';
import { bot } from '../test-support/fixtures.ts';
import { createScriptedBridge } from '../test-support/scripted-bridge.ts';
import { createBotsStore } from './bots-store.ts';

describe('bots store (with a scripted bridge test double)', () => {
  it('keeps each loaded fleet’s bots live and ignores fleets nobody looked at', async () => {
    const host = createScriptedBridge();
    host.answer('bot.list', (p) => ({
      ok: true,
      value: p.fleetId === 'f1' ? [bot({ id: 'b1', name: 'alpha' })] : [],
    }));
    const store = createBotsStore(createContractClient(host.bridge));
    await store.getState().load('f1');

    host.emit('bot.changed', { kind: 'created', item: bot({ id: 'b2', name: 'beta' }) });
    host.emit('bot.changed', { kind: 'updated', item: bot({ id: 'b1', name: 'zeta' }) });
    host.emit('bot.changed', { kind: 'created', item: bot({ id: 'b3', fleetId: 'f2', name: 'elsewhere' }) });
    expect(store.getState().byFleet.f1?.bots.map((b) => b.name)).toEqual(['beta', 'zeta']);
    expect(store.getState().byFleet.f2).toBeUndefined();

    host.emit('bot.changed', { kind: 'deleted', id: 'b2', fleetId: 'f1' });
    expect(store.getState().byFleet.f1?.bots.map((b) => b.name)).toEqual(['zeta']);
    store.dispose();
  });
});
