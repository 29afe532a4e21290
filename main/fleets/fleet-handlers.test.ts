import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/domain/audit.ts';
import { startControlPlane, T0, type TestControlPlane } from '../../test/support/control-plane.ts';
import { GENESIS_HASH } from '../audit/audit-hash.ts';

let t: TestControlPlane;
beforeEach(() => {
  t = startControlPlane();
});
afterEach(() => t.cleanup());

/** The audit events after `seq`, oldest first. */
async function auditSince(seq: number): Promise<AuditEvent[]> {
  const page = await t.call('audit.list', { limit: 500 });
  return page.events.filter((e) => e.seq > seq).reverse();
}

/** Runs a request that must fail and checks it left the database and the event stream alone. */
async function refused(method: string, params: unknown) {
  const before = t.snapshot();
  t.events.length = 0;
  const error = await t.fail(method, params);
  expect(t.snapshot()).toBe(before);
  expect(t.events).toEqual([]);
  return error;
}

const DAY = 24 * 3600 * 1000;

describe('fleet.create', () => {
  it('stores the fleet, returns it, and writes one audit event in the same change', async () => {
    const fleet = await t.call('fleet.create', {
      name: '  Payments ',
      environment: 'prod',
      tags: ['team:pay', 'eu', 'eu'],
      description: 'Card flows',
    });
    expect(fleet).toEqual({
      id: 'id-1',
      name: 'Payments',
      environment: 'prod',
      tags: ['team:pay', 'eu'],
      description: 'Card flows',
      botCount: 0,
      driftMode: 'notify',
      target: 'local',
      createdAt: T0,
      updatedAt: T0,
    });
    expect(await t.call('fleet.get', { id: fleet.id })).toEqual(fleet);
    const audit = await auditSince(0);
    expect(audit).toEqual([
      {
        seq: 1,
        id: 'id-2',
        ts: T0,
        actor: 'tester',
        action: 'fleet.create',
        resourceType: 'fleet',
        resourceId: fleet.id,
        diff: {
          before: null,
          after: {
            name: 'Payments',
            environment: 'prod',
            tags: ['team:pay', 'eu'],
            description: 'Card flows',
            driftMode: 'notify',
            target: 'local',
          },
        },
        prevHash: GENESIS_HASH,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    expect(t.events).toEqual([
      { event: 'fleet.changed', payload: { kind: 'created', item: fleet } },
      { event: 'audit.appended', payload: audit[0] },
    ]);
  });

  it('refuses a name already taken, whatever its case or width, and changes nothing', async () => {
    await t.call('fleet.create', { name: 'Prod', environment: 'prod' });
    for (const name of ['prod', 'PROD', ' prod ', 'ｐｒｏｄ']) {
      const error = await refused('fleet.create', { name, environment: 'dev' });
      expect(error).toEqual({
        code: 'CONFLICT',
        message: 'A fleet named "Prod" already exists (names are case-insensitive). Choose another name.',
        issues: [{ path: 'name', message: 'already in use' }],
      });
    }
    expect(t.counts()).toEqual({ fleets: 1, bots: 0, audit: 1 });
  });
});

describe('fleet.list and fleet.get', () => {
  it('lists fleets by name, case-insensitively, with their bot counts', async () => {
    const b = await t.call('fleet.create', { name: 'beta', environment: 'dev' });
    await t.call('fleet.create', { name: 'Alpha', environment: 'staging' });
    await t.call('fleet.create', { name: 'gamma', environment: 'prod' });
    await t.call('bot.create', { fleetId: b.id, name: 'one' });
    await t.call('bot.create', { fleetId: b.id, name: 'two' });
    const list = await t.call('fleet.list', {});
    expect(list.map((f) => [f.name, f.botCount])).toEqual([
      ['Alpha', 0],
      ['beta', 2],
      ['gamma', 0],
    ]);
    expect((await t.call('fleet.get', { id: b.id })).botCount).toBe(2);
  });

  it('answers an empty list on a new database', async () => {
    expect(await t.call('fleet.list', {})).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown id, with what to do about it', async () => {
    expect(await refused('fleet.get', { id: 'nope' })).toEqual({
      code: 'NOT_FOUND',
      message: 'No fleet with id "nope". It may have been deleted; reload the fleet list.',
    });
  });
});

describe('fleet.update', () => {
  let id = '';
  beforeEach(async () => {
    id = (await t.call('fleet.create', { name: 'prod', environment: 'prod', tags: ['a'] })).id;
    t.clock.advance(DAY);
    t.events.length = 0;
  });

  it('renames, retags and redescribes, audits before and after, and moves updatedAt only', async () => {
    const updated = await t.call('fleet.update', {
      id,
      name: 'Production',
      environment: 'staging',
      tags: ['b'],
      description: 'moved',
    });
    const later = new Date(Date.parse(T0) + DAY).toISOString();
    expect(updated).toEqual({
      id,
      name: 'Production',
      environment: 'staging',
      tags: ['b'],
      description: 'moved',
      botCount: 0,
      driftMode: 'notify',
      target: 'local',
      createdAt: T0,
      updatedAt: later,
    });
    expect(await t.call('fleet.get', { id })).toEqual(updated);
    const audit = await auditSince(1);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      seq: 2,
      ts: later,
      actor: 'tester',
      action: 'fleet.update',
      resourceType: 'fleet',
      resourceId: id,
      diff: {
        before: { name: 'prod', environment: 'prod', tags: ['a'], description: '' },
        after: { name: 'Production', environment: 'staging', tags: ['b'], description: 'moved' },
      },
    });
    expect(t.events).toEqual([
      { event: 'fleet.changed', payload: { kind: 'updated', item: updated } },
      { event: 'audit.appended', payload: audit[0] },
    ]);
  });

  it('changes only the fields given', async () => {
    const updated = await t.call('fleet.update', { id, description: 'only this' });
    expect(updated).toMatchObject({
      name: 'prod',
      environment: 'prod',
      tags: ['a'],
      description: 'only this',
    });
  });

  it('lets a fleet change the case of its own name', async () => {
    expect((await t.call('fleet.update', { id, name: 'PROD' })).name).toBe('PROD');
    await refused('fleet.create', { name: 'Prod', environment: 'dev' });
  });

  it('frees the old name after a rename', async () => {
    await t.call('fleet.update', { id, name: 'live' });
    expect((await t.call('fleet.create', { name: 'prod', environment: 'dev' })).name).toBe('prod');
  });

  it('is a no-op that writes nothing, pushes nothing and keeps updatedAt when nothing changes', async () => {
    const before = t.snapshot();
    for (const params of [
      { id },
      { id, name: 'prod' },
      { id, name: '  prod  ', environment: 'prod' as const, tags: ['a', 'a'], description: '' },
    ]) {
      const same = await t.call('fleet.update', params);
      expect(same.updatedAt).toBe(T0);
    }
    expect(t.snapshot()).toBe(before);
    expect(t.events).toEqual([]);
  });

  it('refuses a name another fleet has (case-insensitively) and changes nothing', async () => {
    await t.call('fleet.create', { name: 'Staging', environment: 'staging' });
    const error = await refused('fleet.update', { id, name: 'STAGING', description: 'would change too' });
    expect(error).toMatchObject({ code: 'CONFLICT', issues: [{ path: 'name', message: 'already in use' }] });
    expect(error.message).toContain('"Staging" already exists');
  });

  it('answers NOT_FOUND for an unknown id and changes nothing', async () => {
    const error = await refused('fleet.update', { id: 'gone', name: 'x' });
    expect(error).toEqual({
      code: 'NOT_FOUND',
      message: 'No fleet with id "gone". It may have been deleted; reload the fleet list.',
    });
  });
});

describe('fleet.delete', () => {
  let id = '';
  beforeEach(async () => {
    id = (await t.call('fleet.create', { name: 'prod', environment: 'prod', description: 'd' })).id;
    t.events.length = 0;
  });

  it('deletes an empty fleet with one audit event holding what it was', async () => {
    expect(await t.call('fleet.delete', { id })).toEqual({ id, deletedBots: 0 });
    expect(t.counts()).toEqual({ fleets: 0, bots: 0, audit: 2 });
    const audit = await auditSince(1);
    expect(audit).toMatchObject([
      {
        action: 'fleet.delete',
        resourceType: 'fleet',
        resourceId: id,
        diff: { before: { name: 'prod', environment: 'prod', tags: [], description: 'd' }, after: null },
      },
    ]);
    expect(t.events).toEqual([
      { event: 'fleet.changed', payload: { kind: 'deleted', id } },
      { event: 'audit.appended', payload: audit[0] },
    ]);
    await refused('fleet.get', { id });
  });

  it('refuses a fleet that still has bots without force, saying how many and what to do', async () => {
    await t.call('bot.create', { fleetId: id, name: 'one' });
    await t.call('bot.create', { fleetId: id, name: 'two' });
    expect(await refused('fleet.delete', { id })).toEqual({
      code: 'PRECONDITION',
      message:
        'Fleet "prod" still has 2 bots. Delete them first, or delete the fleet with force to remove them too.',
    });
    expect(await refused('fleet.delete', { id, force: false })).toMatchObject({ code: 'PRECONDITION' });
  });

  it('says "1 bot" for one', async () => {
    await t.call('bot.create', { fleetId: id, name: 'one' });
    expect((await refused('fleet.delete', { id })).message).toContain('still has 1 bot.');
  });

  it('with force, deletes the bots too, auditing each bot and then the fleet at one instant', async () => {
    const one = await t.call('bot.create', { fleetId: id, name: 'one', tags: ['x'] });
    const two = await t.call('bot.create', { fleetId: id, name: 'two' });
    const other = await t.call('fleet.create', { name: 'other', environment: 'dev' });
    const kept = await t.call('bot.create', { fleetId: other.id, name: 'one' });
    const seq = t.counts().audit;
    t.clock.advance(DAY);
    t.events.length = 0;

    expect(await t.call('fleet.delete', { id, force: true })).toEqual({ id, deletedBots: 2 });
    expect(t.counts()).toEqual({ fleets: 1, bots: 1, audit: seq + 3 });
    const audit = await auditSince(seq);
    const later = new Date(Date.parse(T0) + DAY).toISOString();
    expect(audit.map((e) => [e.action, e.resourceId, e.ts])).toEqual([
      ['bot.delete', one.id, later],
      ['bot.delete', two.id, later],
      ['fleet.delete', id, later],
    ]);
    expect(audit[0]?.diff).toEqual({ before: { name: 'one', fleetId: id, tags: ['x'] }, after: null });
    expect(t.events.map((e) => e.event)).toEqual([
      'bot.changed',
      'bot.changed',
      'fleet.changed',
      'audit.appended',
      'audit.appended',
      'audit.appended',
    ]);
    expect(t.events[0]?.payload).toEqual({ kind: 'deleted', id: one.id, fleetId: id });
    expect(await t.call('bot.get', { id: kept.id })).toEqual(kept);
  });

  it('answers NOT_FOUND for an unknown id and changes nothing', async () => {
    expect(await refused('fleet.delete', { id: 'gone', force: true })).toMatchObject({ code: 'NOT_FOUND' });
  });
});
