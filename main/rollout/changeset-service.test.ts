import { afterEach, describe, expect, it } from 'vitest';
import { isPlainObject } from '../../shared/config/json.ts';
import {
  deployAll,
  errorOf,
  manualTimers,
  profile,
  type Rig,
  startRig,
  statuses,
} from '../../test/support/rollout-rig.ts';
import { getRuntime } from '../deploy/runtime-store.ts';

/**
 * Rolling out change sets through the service on a real SQLite store and the real manifest
 * service; the deploy is a test double (test/support/rollout-rig.ts) and so are the timers: no
 * time passes unless a test fires a timer, so nothing here sleeps.
 */
let rig: Rig;
afterEach(() => rig.cleanup());
const draft: Rig['draft'] = (...args) => rig.draft(...args);

describe('rolling out a change set', () => {
  it('updates the canary first, then the rest, each through the health gate, and completes', async () => {
    const t = manualTimers();
    rig = startRig({ timers: t.timers, bots: ['a', 'b', 'c', 'd'] });
    await deployAll(rig);
    const created = draft('Quieter logs', profile('warn'), { strategy: { kind: 'canary', bots: 1 } });
    expect(created).toMatchObject({ status: 'draft', botsChanged: 4, bots: [] });
    expect(created.changes.map((c) => `${c.kind}/${c.name} ${c.action}`)).toEqual([
      'Profile/standard update',
    ]);
    // A draft changes nothing.
    expect(rig.manifests.resolveBot(rig.bots.get('a') ?? '')?.resolved?.config.logging).toEqual({
      level: 'info',
    });

    const started = rig.service.start({ id: created.id });
    expect(started.status).toBe('rolling-out');
    expect(started.bots.map((b) => `${b.botName}:${b.wave}`)).toEqual(['a:1', 'b:2', 'c:2', 'd:2']);
    expect(started.manifests).toEqual([
      { ref: { kind: 'Profile', name: 'standard' }, label: 'Profile/standard', before: 1, after: 2 },
    ]);
    const done = await rig.settled(created.id);
    expect(done.status).toBe('completed');
    expect(statuses(done)).toEqual({ a: 'healthy', b: 'healthy', c: 'healthy', d: 'healthy' });
    expect(rig.deploys.map((d) => d.bot)).toEqual(['a', 'b', 'c', 'd']);
    expect(rig.alerts).toEqual([]);
    const progress = rig.events.filter((e) => e.event === 'changeset.changed').length;
    expect(progress).toBeGreaterThan(8);
    const audited = rig.store.sqlite
      .prepare("SELECT action FROM audit_events WHERE resource_type = 'changeset' ORDER BY seq")
      .pluck()
      .all();
    expect(audited).toEqual(['changeset.create', 'changeset.start', 'changeset.complete']);
  });

  it('rolls out in waves of a percentage', async () => {
    const t = manualTimers();
    rig = startRig({ timers: t.timers, bots: ['a', 'b', 'c', 'd', 'e'] });
    await deployAll(rig);
    const cs = draft('Debug logs', profile('debug'), { strategy: { kind: 'percentage', percent: 40 } });
    const started = rig.service.start({ id: cs.id });
    expect(started.bots.map((b) => b.wave)).toEqual([1, 1, 2, 2, 3]);
    expect((await rig.settled(cs.id)).status).toBe('completed');
  });

  it('stops at a failed canary, restores the manifests, redeploys it on the old config and raises an alert', async () => {
    const t = manualTimers();
    rig = startRig({ timers: t.timers });
    await deployAll(rig);
    const cs = draft('Rename the assistant', profile('info', 'broken'), {
      strategy: { kind: 'canary', bots: 1 },
    });
    rig.service.start({ id: cs.id });
    const done = await rig.settled(cs.id);
    expect(done.status).toBe('rolled-back');
    expect(done.failure).toMatch(
      /^Prod\/a failed in wave 1: redeploy failed: the gateway exited with code 1\. Rolled back/,
    );
    expect(statuses(done)).toEqual({ a: 'rolled-back', b: 'skipped', c: 'skipped' });
    expect(done.bots.find((b) => b.botName === 'b')?.message).toBe('not reached: wave 1 failed');
    // The canary got the change, failed, and was redeployed on the config from before.
    expect(rig.deploys).toEqual([
      { bot: 'a', assistant: 'broken' },
      { bot: 'a', assistant: 'Helper' },
    ]);
    expect(getRuntime(rig.store.db, rig.bots.get('a') ?? '')?.state).toBe('running');
    const restored = rig.manifests.get({ ref: { kind: 'Profile', name: 'standard' } });
    expect(restored.summary.version).toBe(3);
    expect(rig.manifests.resolveBot(rig.bots.get('b') ?? '')?.resolved?.config.ui).toEqual({
      assistant: { name: 'Helper' },
    });
    expect(rig.alerts).toEqual([
      expect.objectContaining({
        kind: 'rollout.failed',
        severity: 'critical',
        fleetName: 'Prod',
        botName: 'a',
        detail: expect.stringMatching(/^Rename the assistant: Prod\/a failed in wave 1/),
        changeSetId: cs.id,
      }),
    ]);
  });

  it('fails a bot that goes degraded during the bake time, and rolls back', async () => {
    const t = manualTimers();
    rig = startRig({ timers: t.timers, bots: ['a', 'b'] });
    await deployAll(rig);
    const cs = draft('Debug logs', profile('debug'), { strategy: { kind: 'canary', bots: 1 }, bakeSec: 30 });
    rig.service.start({ id: cs.id });
    await t.requested(30_000);
    rig.move(rig.bots.get('a') ?? '', { to: 'degraded', cause: 'health', message: 'Gateway health is down' });
    const done = await rig.settled(cs.id);
    expect(done.status).toBe('rolled-back');
    expect(done.failure).toContain('it went degraded during the 30 s bake time');
    expect(statuses(done)).toEqual({ a: 'rolled-back', b: 'skipped' });
  });

  it('passes a bot that stays healthy for the bake time', async () => {
    const t = manualTimers();
    rig = startRig({ timers: t.timers, bots: ['a'] });
    await deployAll(rig);
    const cs = draft('Debug logs', profile('debug'), { bakeSec: 30 });
    rig.service.start({ id: cs.id });
    await t.requested(30_000);
    t.fire(30_000);
    expect((await rig.settled(cs.id)).status).toBe('completed');
  });

  it('fails a bot that does not become healthy within the timeout', async () => {
    const t = manualTimers();
    rig = startRig({ timers: t.timers, bots: ['a'] });
    await deployAll(rig);
    const cs = draft('Debug logs', profile('debug'));
    // The redeploy returns with the gateway still connecting (degraded), and it never recovers.
    let degraded = false;
    rig.bus.on((event, payload) => {
      if (event !== 'bot.runtime.changed' || !isPlainObject(payload) || degraded) return;
      if (payload.state === 'running' && typeof payload.botId === 'string') {
        degraded = true;
        rig.move(payload.botId, { to: 'degraded', cause: 'health', message: 'connecting' });
      }
    });
    rig.service.start({ id: cs.id });
    await t.requested(60_000);
    t.fire(60_000);
    const done = await rig.settled(cs.id);
    expect(done.failure).toContain('it did not become healthy within 60 s (it is degraded)');
    expect(done.status).toBe('rolled-back');
  });

  it('holds the next wave until the canary has passed its bake time', async () => {
    const t = manualTimers();
    rig = startRig({ timers: t.timers });
    await deployAll(rig);
    const cs = draft('Debug logs', profile('debug'), { strategy: { kind: 'canary', bots: 1 }, bakeSec: 30 });
    rig.service.start({ id: cs.id });
    await t.requested(30_000);
    expect(rig.deploys.map((d) => d.bot)).toEqual(['a']);
    expect(statuses(rig.service.get({ id: cs.id }))).toEqual({ a: 'updating', b: 'pending', c: 'pending' });
    // Wave 2, one bot at a time here (concurrency 1): each redeployed, then baked.
    t.fire(30_000);
    await t.requested(30_000);
    expect(rig.deploys.map((d) => d.bot)).toEqual(['a', 'b']);
    t.fire(30_000);
    await t.requested(30_000);
    expect(rig.deploys.map((d) => d.bot)).toEqual(['a', 'b', 'c']);
    t.fire(30_000);
    expect((await rig.settled(cs.id)).status).toBe('completed');
  });

  it('leaves bots stopped on purpose alone, at the start and while the rollout runs', async () => {
    const t = manualTimers();
    rig = startRig({ timers: t.timers });
    await deployAll(rig);
    const stop = (name: string) =>
      rig.move(rig.bots.get(name) ?? '', {
        to: 'stopped',
        cause: 'stop',
        message: 'Stopped by the operator',
        set: { desiredState: 'stopped' },
      });
    stop('c');
    const cs = draft('Debug logs', profile('debug'), { strategy: { kind: 'canary', bots: 1 }, bakeSec: 30 });
    const started = rig.service.start({ id: cs.id });
    expect(started.bots.map((b) => `${b.botName}:${b.status}`)).toEqual([
      'a:pending',
      'b:pending',
      'c:skipped',
    ]);
    await t.requested(30_000);
    stop('b'); // while the canary bakes
    t.fire(30_000);
    const done = await rig.settled(cs.id);
    expect(done.status).toBe('completed');
    expect(done.bots.map((b) => `${b.botName}:${b.status}:${b.message ?? ''}`)).toEqual([
      'a:healthy:',
      'b:skipped:stopped by the operator: not redeployed',
      'c:skipped:stopped: it takes the change at its next deploy',
    ]);
    expect(rig.deploys.map((d) => d.bot)).toEqual(['a']);
    expect(getRuntime(rig.store.db, rig.bots.get('b') ?? '')?.desiredState).toBe('stopped');
  });

  it('refuses a change to the manifests a rollout is changing until it ends', async () => {
    rig = startRig({ timers: manualTimers().timers, bots: ['a'] });
    await deployAll(rig);
    const cs = draft('Debug logs', profile('debug'));
    rig.hold = new Promise<void>(() => undefined);
    rig.service.start({ id: cs.id });
    expect(errorOf(() => rig.apply(profile('error')))).toMatchObject({
      code: 'CONFLICT',
      message:
        'Change set "Debug logs" is rolling out a change to Profile/standard. Wait for it to finish before changing it.',
    });
    // Other manifests can change.
    rig.apply(
      'apiVersion: clawster.dev/v1\nkind: Overlay\nmetadata:\n  name: other\nspec:\n  selector:\n    tags: [nobody]\n  config:\n    logging:\n      level: error\n',
    );
  });
});
