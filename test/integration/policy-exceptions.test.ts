import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeExceptions } from '../../main/policy/exception-store.ts';
import type { AuditEvent } from '../../shared/domain/audit.ts';
import type { PolicyExceptionRecord } from '../../shared/domain/policy.ts';
import { startControlPlane, T0, type TestControlPlane } from '../support/control-plane.ts';

const DAY = 24 * 3600 * 1000;
const inDays = (n: number) => new Date(Date.parse(T0) + n * DAY).toISOString();

let t: TestControlPlane;
let fleetId: string;
let botId: string;

beforeEach(async () => {
  t = startControlPlane({ actor: 'ada' });
  fleetId = (await t.call('fleet.create', { name: 'Payments', environment: 'prod' })).id;
  botId = (await t.call('bot.create', { fleetId, name: 'checkout' })).id;
  t.events.length = 0;
});
afterEach(() => t.cleanup());

const sandboxOff = () => ({
  ruleId: 'sandbox.off',
  scope: 'bot' as const,
  id: botId,
  reason: 'Lab bot without a container runtime',
  expiresAt: inDays(30),
});

async function auditOf(resourceId: string): Promise<AuditEvent[]> {
  const page = await t.call('audit.list', { resourceType: 'policy-exception', resourceId });
  return page.events.reverse();
}

/** A request that must fail and leave the database and the event stream as they were. */
async function refused(method: string, params: unknown) {
  const before = t.snapshot();
  t.events.length = 0;
  const error = await t.fail(method, params);
  expect(t.snapshot()).toBe(before);
  expect(t.events).toEqual([]);
  return error;
}

describe('policy.exception.create', () => {
  it('records the exception, audits it and pushes policy.exception.changed after the commit', async () => {
    const created = await t.call('policy.exception.create', sandboxOff());
    const expected: PolicyExceptionRecord = {
      exceptionId: created.exceptionId,
      ...sandboxOff(),
      targetName: 'checkout',
      createdAt: T0,
      createdBy: 'ada',
      revokedAt: null,
      revokedBy: null,
      active: true,
    };
    expect(created).toEqual(expected);
    expect(t.events.filter((e) => e.event === 'policy.exception.changed')).toEqual([
      { event: 'policy.exception.changed', payload: expected },
    ]);
    const audit = await auditOf(created.exceptionId);
    expect(audit.map((e) => [e.action, e.actor, e.ts])).toEqual([['policy.exception.create', 'ada', T0]]);
    expect(audit[0]?.diff).toEqual({
      before: null,
      after: {
        ruleId: 'sandbox.off',
        scope: 'bot',
        targetId: botId,
        reason: 'Lab bot without a container runtime',
        expiresAt: inDays(30),
        revokedAt: null,
        revokedBy: null,
      },
    });
    expect(activeExceptions(t.cp.store.db)).toEqual([sandboxOff()]);
  });

  it('stores an expiry given with an offset as the same instant in UTC', async () => {
    const created = await t.call('policy.exception.create', {
      ...sandboxOff(),
      expiresAt: '2026-03-11T14:00:00+02:00',
    });
    expect(created.expiresAt).toBe('2026-03-11T12:00:00.000Z');
  });

  it('covers a whole fleet by the fleet id, named by the fleet', async () => {
    const created = await t.call('policy.exception.create', { ...sandboxOff(), scope: 'fleet', id: fleetId });
    expect(created).toMatchObject({ scope: 'fleet', id: fleetId, targetName: 'Payments', active: true });
  });

  it('refuses an unknown rule, naming it, and changes nothing', async () => {
    const error = await refused('policy.exception.create', { ...sandboxOff(), ruleId: 'sandbox.of' });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('"sandbox.of"');
    expect(error.issues).toEqual([{ path: 'ruleId', message: 'unknown rule "sandbox.of"' }]);
  });

  it('refuses a bot or fleet that does not exist', async () => {
    const bot = await refused('policy.exception.create', { ...sandboxOff(), id: 'nope' });
    expect(bot.code).toBe('NOT_FOUND');
    expect(bot.message).toContain('No bot with id "nope"');
    const fleet = await refused('policy.exception.create', { ...sandboxOff(), scope: 'fleet', id: botId });
    expect(fleet.code).toBe('NOT_FOUND');
    expect(fleet.message).toContain(`No fleet with id "${botId}"`);
  });

  it('refuses an expiry that is not in the future or more than a year ahead', async () => {
    for (const expiresAt of [T0, inDays(-1)]) {
      const error = await refused('policy.exception.create', { ...sandboxOff(), expiresAt });
      expect(error.code).toBe('VALIDATION');
      expect(error.issues).toEqual([{ path: 'expiresAt', message: 'must be in the future' }]);
    }
    const far = await refused('policy.exception.create', { ...sandboxOff(), expiresAt: inDays(366) });
    expect(far.code).toBe('VALIDATION');
    expect(far.message).toContain(`choose a date by ${inDays(365)}`);
    await t.call('policy.exception.create', { ...sandboxOff(), expiresAt: inDays(365) });
  });

  it('refuses a missing reason and unknown fields through the contract', async () => {
    const error = await refused('policy.exception.create', { ...sandboxOff(), reason: ' ' });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.map((i) => i.path)).toEqual(['reason']);
    expect((await refused('policy.exception.create', { ...sandboxOff(), extra: 1 })).code).toBe('VALIDATION');
  });
});

describe('policy.exception.list', () => {
  it('lists active ones by default, all with `all`, and filters by scope and target', async () => {
    const onBot = await t.call('policy.exception.create', sandboxOff());
    t.clock.advance(1000);
    const onFleet = await t.call('policy.exception.create', {
      ...sandboxOff(),
      ruleId: 'channels.open_dm_policy',
      scope: 'fleet',
      id: fleetId,
      expiresAt: inDays(2),
    });
    const ids = (rs: PolicyExceptionRecord[]) => rs.map((r) => r.exceptionId);
    expect(ids(await t.call('policy.exception.list', {}))).toEqual([onFleet.exceptionId, onBot.exceptionId]);
    expect(ids(await t.call('policy.exception.list', { scope: 'fleet' }))).toEqual([onFleet.exceptionId]);
    expect(ids(await t.call('policy.exception.list', { id: botId }))).toEqual([onBot.exceptionId]);

    // Three days later the fleet's exception has expired: no longer listed as active.
    t.clock.advance(3 * DAY);
    expect(ids(await t.call('policy.exception.list', {}))).toEqual([onBot.exceptionId]);
    const all = await t.call('policy.exception.list', { all: true });
    expect(all.map((r) => [r.exceptionId, r.active])).toEqual([
      [onFleet.exceptionId, false],
      [onBot.exceptionId, true],
    ]);
    // The engine still gets the expired one (unrevoked), to say on a finding that it expired.
    expect(activeExceptions(t.cp.store.db).map((e) => e.ruleId)).toEqual([
      'sandbox.off',
      'channels.open_dm_policy',
    ]);
  });

  it('keeps the exceptions of a deleted bot, showing its id', async () => {
    const created = await t.call('policy.exception.create', sandboxOff());
    await t.call('bot.delete', { id: botId });
    const [listed] = await t.call('policy.exception.list', { all: true });
    expect(listed).toMatchObject({ exceptionId: created.exceptionId, targetName: `(deleted bot ${botId})` });
  });
});

describe('policy.exception.revoke', () => {
  it('revokes once, audited with before and after, and pushes the change', async () => {
    const created = await t.call('policy.exception.create', sandboxOff());
    t.clock.advance(DAY);
    t.events.length = 0;
    const revoked = await t.call('policy.exception.revoke', { exceptionId: created.exceptionId });
    const at = inDays(1);
    expect(revoked).toEqual({ ...created, revokedAt: at, revokedBy: 'ada', active: false });
    expect(t.events.filter((e) => e.event === 'policy.exception.changed')).toEqual([
      { event: 'policy.exception.changed', payload: revoked },
    ]);
    const audit = await auditOf(created.exceptionId);
    expect(audit.map((e) => e.action)).toEqual(['policy.exception.create', 'policy.exception.revoke']);
    expect(audit[1]?.diff.before).toMatchObject({ revokedAt: null, revokedBy: null });
    expect(audit[1]?.diff.after).toMatchObject({ revokedAt: at, revokedBy: 'ada' });
    expect(await t.call('policy.exception.list', {})).toEqual([]);
    expect(activeExceptions(t.cp.store.db)).toEqual([]);

    const again = await refused('policy.exception.revoke', { exceptionId: created.exceptionId });
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toContain(`already revoked by ada at ${at}`);
  });

  it('refuses an unknown exception', async () => {
    const error = await refused('policy.exception.revoke', { exceptionId: 'missing' });
    expect(error.code).toBe('NOT_FOUND');
  });

  it('keeps every exception in the database: deleting one is refused', async () => {
    await t.call('policy.exception.create', sandboxOff());
    expect(() => t.cp.store.sqlite.exec('DELETE FROM policy_exceptions')).toThrow(/revoke instead/);
  });
});
