import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/domain/audit.ts';
import { startControlPlane, T0, type TestControlPlane } from '../../test/support/control-plane.ts';

let t: TestControlPlane;
let fleetId = '';
beforeEach(async () => {
  t = startControlPlane();
  fleetId = (await t.call('fleet.create', { name: 'Prod', environment: 'prod' })).id;
  t.events.length = 0;
});
afterEach(() => t.cleanup());

async function auditSince(seq: number): Promise<AuditEvent[]> {
  return (await t.call('audit.list', { limit: 500 })).events.filter((e) => e.seq > seq).reverse();
}

async function refused(method: string, params: unknown) {
  const before = t.snapshot();
  t.events.length = 0;
  const error = await t.fail(method, params);
  expect(t.snapshot()).toBe(before);
  expect(t.events).toEqual([]);
  return error;
}

const HOUR = 3600 * 1000;

describe('bot.create', () => {
  it('adds a bot to its fleet with one audit event, and pushes the bot and the new bot count', async () => {
    const bot = await t.call('bot.create', { fleetId, name: ' alpha ', tags: ['gpu', 'gpu', 'eu'] });
    expect(bot).toEqual({
      id: 'id-3',
      fleetId,
      name: 'alpha',
      tags: ['gpu', 'eu'],
      createdAt: T0,
      updatedAt: T0,
    });
    expect(await t.call('bot.get', { id: bot.id })).toEqual(bot);
    const audit = await auditSince(1);
    expect(audit).toMatchObject([
      {
        seq: 2,
        ts: T0,
        actor: 'tester',
        action: 'bot.create',
        resourceType: 'bot',
        resourceId: bot.id,
        diff: { before: null, after: { name: 'alpha', fleetId, tags: ['gpu', 'eu'] } },
      },
    ]);
    const fleet = await t.call('fleet.get', { id: fleetId });
    expect(fleet.botCount).toBe(1);
    expect(t.events).toEqual([
      { event: 'bot.changed', payload: { kind: 'created', item: bot } },
      { event: 'fleet.changed', payload: { kind: 'updated', item: fleet } },
      { event: 'audit.appended', payload: audit[0] },
    ]);
  });

  it('refuses a name the fleet already has, case-insensitively, naming the fleet and the bot', async () => {
    await t.call('bot.create', { fleetId, name: 'Alpha' });
    for (const name of ['alpha', 'ALPHA', 'ａｌｐｈａ']) {
      expect(await refused('bot.create', { fleetId, name })).toEqual({
        code: 'CONFLICT',
        message:
          'Fleet "Prod" already has a bot named "Alpha" (names are case-insensitive). Choose another name.',
        issues: [{ path: 'name', message: 'already in use' }],
      });
    }
  });

  it('allows the same bot name in two fleets', async () => {
    const other = await t.call('fleet.create', { name: 'Dev', environment: 'dev' });
    const a = await t.call('bot.create', { fleetId, name: 'alpha' });
    const b = await t.call('bot.create', { fleetId: other.id, name: 'Alpha' });
    expect(a.id).not.toBe(b.id);
    expect(t.counts().bots).toBe(2);
  });

  it('answers NOT_FOUND for an unknown fleet and changes nothing', async () => {
    expect(await refused('bot.create', { fleetId: 'nope', name: 'x' })).toEqual({
      code: 'NOT_FOUND',
      message: 'No fleet with id "nope". Create the fleet first, or pick another one.',
    });
  });
});

describe('bot.list and bot.get', () => {
  it("lists one fleet's bots by name, case-insensitively", async () => {
    const other = await t.call('fleet.create', { name: 'Dev', environment: 'dev' });
    await t.call('bot.create', { fleetId, name: 'charlie' });
    await t.call('bot.create', { fleetId, name: 'Bravo' });
    await t.call('bot.create', { fleetId, name: 'alpha' });
    await t.call('bot.create', { fleetId: other.id, name: 'zulu' });
    expect((await t.call('bot.list', { fleetId })).map((b) => b.name)).toEqual(['alpha', 'Bravo', 'charlie']);
    expect((await t.call('bot.list', { fleetId: other.id })).map((b) => b.name)).toEqual(['zulu']);
  });

  it('answers NOT_FOUND for the bots of an unknown fleet and for an unknown bot', async () => {
    expect(await refused('bot.list', { fleetId: 'nope' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refused('bot.get', { id: 'nope' })).toEqual({
      code: 'NOT_FOUND',
      message: 'No bot with id "nope". It may have been deleted; reload the fleet.',
    });
  });
});

describe('bot.update', () => {
  let id = '';
  beforeEach(async () => {
    id = (await t.call('bot.create', { fleetId, name: 'alpha', tags: ['a'] })).id;
    t.clock.advance(HOUR);
    t.events.length = 0;
  });

  it('renames and retags with one audit event and moves updatedAt only', async () => {
    const bot = await t.call('bot.update', { id, name: 'Alpha-2', tags: ['b'] });
    const later = new Date(Date.parse(T0) + HOUR).toISOString();
    expect(bot).toEqual({ id, fleetId, name: 'Alpha-2', tags: ['b'], createdAt: T0, updatedAt: later });
    const audit = await auditSince(2);
    expect(audit).toMatchObject([
      {
        ts: later,
        action: 'bot.update',
        resourceType: 'bot',
        resourceId: id,
        diff: {
          before: { name: 'alpha', fleetId, tags: ['a'] },
          after: { name: 'Alpha-2', fleetId, tags: ['b'] },
        },
      },
    ]);
    expect(t.events).toEqual([
      { event: 'bot.changed', payload: { kind: 'updated', item: bot } },
      { event: 'audit.appended', payload: audit[0] },
    ]);
  });

  it('lets a bot change the case of its own name', async () => {
    expect((await t.call('bot.update', { id, name: 'ALPHA' })).name).toBe('ALPHA');
  });

  it('writes and pushes nothing when nothing changes', async () => {
    const before = t.snapshot();
    expect((await t.call('bot.update', { id, name: 'alpha', tags: ['a'] })).updatedAt).toBe(T0);
    expect((await t.call('bot.update', { id })).updatedAt).toBe(T0);
    expect(t.snapshot()).toBe(before);
    expect(t.events).toEqual([]);
  });

  it('refuses the name of another bot of the same fleet, but not of another fleet', async () => {
    await t.call('bot.create', { fleetId, name: 'Bravo' });
    const other = await t.call('fleet.create', { name: 'Dev', environment: 'dev' });
    await t.call('bot.create', { fleetId: other.id, name: 'charlie' });
    expect(await refused('bot.update', { id, name: 'bravo', tags: ['z'] })).toMatchObject({
      code: 'CONFLICT',
      issues: [{ path: 'name', message: 'already in use' }],
    });
    expect((await t.call('bot.update', { id, name: 'Charlie' })).name).toBe('Charlie');
  });

  it('answers NOT_FOUND for an unknown bot and changes nothing', async () => {
    expect(await refused('bot.update', { id: 'nope', name: 'x' })).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('bot.delete', () => {
  it('removes the bot with one audit event and pushes the new bot count', async () => {
    const bot = await t.call('bot.create', { fleetId, name: 'alpha' });
    t.events.length = 0;
    expect(await t.call('bot.delete', { id: bot.id })).toEqual({ id: bot.id });
    expect(t.counts()).toEqual({ fleets: 1, bots: 0, audit: 3 });
    const audit = await auditSince(2);
    expect(audit).toMatchObject([
      {
        action: 'bot.delete',
        resourceId: bot.id,
        diff: { before: { name: 'alpha', fleetId, tags: [] }, after: null },
      },
    ]);
    const fleet = await t.call('fleet.get', { id: fleetId });
    expect(fleet.botCount).toBe(0);
    expect(t.events).toEqual([
      { event: 'bot.changed', payload: { kind: 'deleted', id: bot.id, fleetId } },
      { event: 'fleet.changed', payload: { kind: 'updated', item: fleet } },
      { event: 'audit.appended', payload: audit[0] },
    ]);
    expect(await refused('bot.get', { id: bot.id })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('frees the name for a new bot', async () => {
    const bot = await t.call('bot.create', { fleetId, name: 'alpha' });
    await t.call('bot.delete', { id: bot.id });
    expect((await t.call('bot.create', { fleetId, name: 'Alpha' })).name).toBe('Alpha');
  });

  it('answers NOT_FOUND for an unknown or already deleted bot and changes nothing', async () => {
    const bot = await t.call('bot.create', { fleetId, name: 'alpha' });
    await t.call('bot.delete', { id: bot.id });
    expect(await refused('bot.delete', { id: bot.id })).toMatchObject({ code: 'NOT_FOUND' });
  });
});
