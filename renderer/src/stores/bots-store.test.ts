import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract/errors.ts';
import type { Bot } from '../../../shared/domain/bot.ts';
import { createContractClient } from '../api/contract-client.ts';
import { bot } from '../test-support/fixtures.ts';
import { createScriptedBridge, deferred } from '../test-support/scripted-bridge.ts';
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

  it('adds the bots of one bot.createdMany at once, in name order, also when it crossed a load', async () => {
    const host = createScriptedBridge();
    const answer = deferred<Result<Bot[]>>();
    host.answer('bot.list', () => answer.promise);
    const store = createBotsStore(createContractClient(host.bridge));
    const loading = store.getState().load('f1');
    const items = ['delta', 'Bravo', 'charlie'].map((name, i) => bot({ id: `n${i}`, name }));
    host.emit('bot.createdMany', { fleetId: 'f1', items });
    host.emit('bot.createdMany', { fleetId: 'f2', items: [bot({ id: 'x', fleetId: 'f2', name: 'x' })] });
    answer.resolve({ ok: true, value: [bot({ id: 'b1', name: 'alpha' })] });
    await loading;
    expect(store.getState().byFleet.f1?.bots.map((b) => b.name)).toEqual([
      'alpha',
      'Bravo',
      'charlie',
      'delta',
    ]);

    const many = Array.from({ length: 10_000 }, (_, i) => bot({ id: `m${i}`, name: `bot-${i}` }));
    host.emit('bot.createdMany', { fleetId: 'f1', items: many });
    const names = store.getState().byFleet.f1?.bots.map((b) => b.name) ?? [];
    expect(names).toHaveLength(10_004);
    expect(names.slice(0, 4)).toEqual(['alpha', 'bot-0', 'bot-1', 'bot-10']);
    expect(store.getState().byFleet.f2).toBeUndefined();
    store.dispose();
  });
});
