import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startControlPlane, T0, type TestControlPlane } from '../../test/support/control-plane.ts';

let t: TestControlPlane;
afterEach(() => t.cleanup());

const DAY = 24 * 3600 * 1000;
const day = (n: number) => new Date(Date.parse(T0) + n * DAY).toISOString();

describe('audit.list, audit.facets and audit.verify', () => {
  // Six events over four days by two actors:
  // day 0 tester: 1 fleet.create prod, 2 bot.create a; day 1 tester: 3 fleet.update prod;
  // day 2 alice: 4 fleet.create dev, 5 bot.create b; day 3 alice: 6 bot.delete a.
  let prod = '';
  let dev = '';
  let botA = '';
  beforeEach(async () => {
    t = startControlPlane();
    prod = (await t.call('fleet.create', { name: 'prod', environment: 'prod' })).id;
    botA = (await t.call('bot.create', { fleetId: prod, name: 'a' })).id;
    t.clock.advance(DAY);
    await t.call('fleet.update', { id: prod, description: 'live' });
    t.clock.advance(DAY);
    await t.reopen({ actor: 'alice' });
    dev = (await t.call('fleet.create', { name: 'dev', environment: 'dev' })).id;
    await t.call('bot.create', { fleetId: dev, name: 'b' });
    t.clock.advance(DAY);
    await t.call('bot.delete', { id: botA });
  });

  const seqs = async (params: Parameters<TestControlPlane['call']>[1]) =>
    (await t.call('audit.list', params as never)).events.map((e) => e.seq);

  it('lists newest first, with actor, action, resource, diff and time', async () => {
    const page = await t.call('audit.list', {});
    expect(page.nextBefore).toBeNull();
    expect(page.events.map((e) => [e.seq, e.actor, e.action, e.resourceType, e.ts])).toEqual([
      [6, 'alice', 'bot.delete', 'bot', day(3)],
      [5, 'alice', 'bot.create', 'bot', day(2)],
      [4, 'alice', 'fleet.create', 'fleet', day(2)],
      [3, 'tester', 'fleet.update', 'fleet', day(1)],
      [2, 'tester', 'bot.create', 'bot', day(0)],
      [1, 'tester', 'fleet.create', 'fleet', day(0)],
    ]);
    expect(page.events[3]?.diff).toEqual({
      before: {
        name: 'prod',
        environment: 'prod',
        tags: [],
        description: '',
        driftMode: 'notify',
        target: 'local',
      },
      after: {
        name: 'prod',
        environment: 'prod',
        tags: [],
        description: 'live',
        driftMode: 'notify',
        target: 'local',
      },
    });
  });

  it('filters by actor, resource type and resource id', async () => {
    expect(await seqs({ actor: 'alice' })).toEqual([6, 5, 4]);
    expect(await seqs({ actor: 'tester' })).toEqual([3, 2, 1]);
    expect(await seqs({ actor: 'nobody' })).toEqual([]);
    expect(await seqs({ resourceType: 'bot' })).toEqual([6, 5, 2]);
    expect(await seqs({ resourceType: 'fleet', actor: 'tester' })).toEqual([3, 1]);
    expect(await seqs({ resourceType: 'fleet', resourceId: prod })).toEqual([3, 1]);
    expect(await seqs({ resourceId: botA })).toEqual([6, 2]);
  });

  it('filters by a time range, both ends included, in any offset', async () => {
    expect(await seqs({ since: day(1) })).toEqual([6, 5, 4, 3]);
    expect(await seqs({ until: day(1) })).toEqual([3, 2, 1]);
    expect(await seqs({ since: day(1), until: day(2) })).toEqual([5, 4, 3]);
    // 14:00+02:00 on day 2 is 12:00Z, the instant of events 4 and 5.
    const plus2 = `${day(2).slice(0, 10)}T14:00:00+02:00`;
    expect(await seqs({ since: plus2, until: plus2 })).toEqual([5, 4]);
    expect(await seqs({ since: day(3), until: day(0) })).toEqual([]);
    expect(await seqs({ since: day(2), actor: 'tester' })).toEqual([]);
  });

  it('pages backwards with before/nextBefore, each event exactly once', async () => {
    const first = await t.call('audit.list', { limit: 4 });
    expect(first.events.map((e) => e.seq)).toEqual([6, 5, 4, 3]);
    expect(first.nextBefore).toBe(3);
    const second = await t.call('audit.list', { limit: 4, before: first.nextBefore ?? 0 });
    expect(second.events.map((e) => e.seq)).toEqual([2, 1]);
    expect(second.nextBefore).toBeNull();

    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await t.call('audit.list', { limit: 1, actor: 'alice', ...(before ? { before } : {}) });
      seen.push(...page.events.map((e) => e.seq));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen).toEqual([6, 5, 4]);
  });

  it('gives no next page when the last page is exactly full', async () => {
    const page = await t.call('audit.list', { limit: 6 });
    expect(page.events).toHaveLength(6);
    expect(page.nextBefore).toBeNull();
  });

  it('lists the actors and resource types that occur, sorted', async () => {
    expect(await t.call('audit.facets', {})).toEqual({
      actors: ['alice', 'tester'],
      resourceTypes: ['bot', 'fleet'],
    });
  });

  it('verifies an untouched chain, checking every event', async () => {
    expect(await t.call('audit.verify', {})).toEqual({ ok: true, checked: 6, problem: null });
  });

  it('links each event to the one before it', async () => {
    const events = (await t.call('audit.list', {})).events.reverse();
    for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
  });
});

describe('on an empty log', () => {
  beforeEach(() => {
    t = startControlPlane();
  });

  it('lists nothing, has no facets and verifies', async () => {
    expect(await t.call('audit.list', {})).toEqual({ events: [], nextBefore: null });
    expect(await t.call('audit.facets', {})).toEqual({ actors: [], resourceTypes: [] });
    expect(await t.call('audit.verify', {})).toEqual({ ok: true, checked: 0, problem: null });
  });
});
