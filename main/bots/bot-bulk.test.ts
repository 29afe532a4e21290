import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startControlPlane, T0, type TestControlPlane } from '../../test/support/control-plane.ts';

let t: TestControlPlane;
let fleetId = '';
beforeEach(async () => {
  t = startControlPlane();
  fleetId = (await t.call('fleet.create', { name: 'Prod', environment: 'prod' })).id;
  t.events.length = 0;
});
afterEach(() => t.cleanup());

async function refused(method: string, params: unknown) {
  const before = t.snapshot();
  t.events.length = 0;
  const error = await t.fail(method, params);
  expect(t.snapshot()).toBe(before);
  expect(t.events).toEqual([]);
  return error;
}

describe('bot.createMany', () => {
  it('adds every bot in one go, each with its own audit event, and the chain still verifies', async () => {
    const result = await t.call('bot.createMany', {
      fleetId,
      bots: [{ name: 'alpha', tags: ['eu'] }, { name: 'beta' }, { name: ' gamma ' }],
    });
    expect(result).toMatchObject({ fleetId, count: 3 });
    expect(new Set(result.ids).size).toBe(3);
    const bots = await t.call('bot.list', { fleetId });
    expect(bots.map((b) => [b.name, b.tags, b.createdAt])).toEqual([
      ['alpha', ['eu'], T0],
      ['beta', [], T0],
      ['gamma', [], T0],
    ]);
    const audit = (await t.call('audit.list', {})).events.filter((e) => e.action === 'bot.create');
    expect(audit.map((e) => e.resourceId).sort()).toEqual([...result.ids].sort());
    expect((await t.call('audit.verify', {})).ok).toBe(true);
    expect((await t.call('fleet.get', { id: fleetId })).botCount).toBe(3);
    // One event carries every new bot (not a bot.changed each); every audit event is pushed.
    expect(t.events.map((e) => e.event)).toEqual([
      'bot.createdMany',
      'fleet.changed',
      'audit.appended',
      'audit.appended',
      'audit.appended',
    ]);
    const added = t.events[0]?.payload as { fleetId: string; items: { id: string }[] };
    expect(added.fleetId).toBe(fleetId);
    expect(added.items).toEqual(result.ids.map((id) => bots.find((b) => b.id === id)));
  });

  it('refuses the whole list when it names a bot twice (case-insensitively), naming it, and adds none', async () => {
    const error = await refused('bot.createMany', {
      fleetId,
      bots: [{ name: 'alpha' }, { name: 'beta' }, { name: 'ALPHA' }],
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/names a bot twice .*"ALPHA".*no bot was added/);
    expect(error.issues).toEqual([{ path: 'bots.2.name', message: 'the same name as bots.0.name' }]);
  });

  it('refuses the whole list when the fleet already has one of the names, and adds none', async () => {
    await t.call('bot.create', { fleetId, name: 'Beta' });
    const error = await refused('bot.createMany', {
      fleetId,
      bots: [{ name: 'alpha' }, { name: 'beta' }],
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      'Fleet "Prod" already has a bot named "Beta" (names are case-insensitive). Choose other names; no bot was added.',
    );
    expect(error.issues).toEqual([{ path: 'bots.1.name', message: 'already in use' }]);
  });

  it('answers NOT_FOUND for an unknown fleet, and refuses an empty or oversized list, changing nothing', async () => {
    expect((await refused('bot.createMany', { fleetId: 'nope', bots: [{ name: 'a' }] })).code).toBe(
      'NOT_FOUND',
    );
    const empty = await refused('bot.createMany', { fleetId, bots: [] });
    expect(empty.issues).toEqual([{ path: 'bots', message: 'List at least one bot' }]);
    const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ name: `b-${i}` }));
    const error = await refused('bot.createMany', { fleetId, bots: tooMany });
    expect(error.code).toBe('VALIDATION');
    expect(JSON.stringify(error.issues)).toMatch(/At most 10,000 bots can be added at once/);
  });

  it('shortens a long list of taken names to the first five and a count', async () => {
    const names = Array.from({ length: 8 }, (_, i) => ({ name: `n${i}` }));
    await t.call('bot.createMany', { fleetId, bots: names });
    const error = await refused('bot.createMany', { fleetId, bots: names });
    expect(error.message).toMatch(/"n0", "n1", "n2", "n3", "n4" and 3 more/);
  });
});
