import { afterEach, describe, expect, it } from 'vitest';
import { isPlainObject } from '../../shared/config/json.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { ChangeSet, RolloutStrategy } from '../../shared/domain/changeset.ts';
import { botDoc, deployAll, profile, type Rig, startRig } from '../../test/support/rollout-rig.ts';
import { getRuntime } from '../deploy/runtime-store.ts';
import type { Timers } from './health-gate.ts';

/**
 * Change sets through the service on a real SQLite store and the real manifest service; the
 * deploy is a test double (test/support/rollout-rig.ts) and so are the timers: no time passes
 * unless a test fires a timer, so nothing here sleeps.
 */
function manualTimers() {
  const pending: { ms: number; resolve: () => void }[] = [];
  const waiters: { ms: number; resolve: () => void }[] = [];
  const timers: Timers = {
    after: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        const entry = { ms, resolve };
        pending.push(entry);
        signal.addEventListener('abort', () => {
          pending.splice(pending.indexOf(entry), 1);
          reject(signal.reason);
        });
        for (const w of waiters.filter((x) => x.ms === ms)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }),
  };
  return {
    timers,
    /** Resolves when a timer of `ms` is pending. */
    requested: (ms: number) =>
      pending.some((p) => p.ms === ms)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ ms, resolve })),
    fire(ms: number) {
      for (const p of pending.filter((x) => x.ms === ms)) p.resolve();
    },
  };
}

const files = (text: string) => [{ name: 'change.yaml', text }];
let rig: Rig;
afterEach(() => rig.cleanup());

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

/** A draft with the tests' defaults: all at once, a 60 s health timeout, no bake time. */
function draft(
  title: string,
  text: string,
  o: { strategy?: RolloutStrategy; bakeSec?: number } = {},
): ChangeSet {
  return rig.service.create({
    title,
    description: '',
    files: files(text),
    strategy: o.strategy ?? { kind: 'all' },
    healthTimeoutSec: 60,
    bakeSec: o.bakeSec ?? 0,
  });
}

const statuses = (cs: ChangeSet) => Object.fromEntries(cs.bots.map((b) => [b.botName, b.status]));

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
});

describe('rolling back and refusing', () => {
  async function completed(): Promise<ChangeSet> {
    const t = manualTimers();
    rig = startRig({ timers: t.timers, bots: ['a', 'b'] });
    await deployAll(rig);
    const cs = draft('Debug logs', profile('debug'));
    rig.service.start({ id: cs.id });
    return rig.settled(cs.id);
  }

  it('rolls a completed change set back with one request', async () => {
    const cs = await completed();
    rig.deploys.length = 0;
    expect(rig.service.rollback({ id: cs.id }).status).toBe('rolling-back');
    const done = await rig.settled(cs.id);
    expect(done.status).toBe('rolled-back');
    expect(statuses(done)).toEqual({ a: 'rolled-back', b: 'rolled-back' });
    expect(rig.deploys.map((d) => d.bot)).toEqual(['a', 'b']);
    expect(rig.manifests.resolveBot(rig.bots.get('a') ?? '')?.resolved?.config.logging).toEqual({
      level: 'info',
    });
    expect(errorOf(() => rig.service.rollback({ id: cs.id })).code).toBe('CONFLICT');
  });

  it('refuses to roll back over a later change to the same manifest, and changes nothing', async () => {
    const cs = await completed();
    rig.apply(profile('error'));
    const before = rig.snapshot();
    const e = errorOf(() => rig.service.rollback({ id: cs.id }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe(
      'Profile/standard was changed after this change set (it wrote version 2; it is at version 3 now). Roll back or undo that change first.',
    );
    expect(rig.snapshot()).toBe(before);
  });

  it('refuses what cannot become a change set, and stores nothing', () => {
    rig = startRig({ timers: manualTimers().timers, bots: ['a'] });
    const before = rig.snapshot();
    const create = (text: string) => errorOf(() => draft('x', text));
    expect(create(profile('info')).message).toBe(
      'Nothing to change: every manifest in these files is already as given.',
    );
    expect(create(botDoc('new-bot')).message).toMatch(/Prod\/new-bot does not exist yet/);
    const unsafe = create(
      `${profile('info')}    gateway:\n      bind: lan\n      auth:\n        mode: none\n`,
    );
    expect(unsafe.code).toBe('PRECONDITION');
    expect(unsafe.message).toMatch(/^This change would be refused: /);
    expect(create('kind: [').code).toBe('VALIDATION');
    expect(rig.snapshot()).toBe(before);
  });

  it('runs one rollout at a time, and marks one cut short by a restart as failed', async () => {
    rig = startRig({ timers: manualTimers().timers, bots: ['a', 'b'] });
    await deployAll(rig);
    const create = (title: string, level: string) =>
      rig.service.create({
        title,
        description: '',
        files: files(profile(level)),
        strategy: { kind: 'canary', bots: 1 },
        healthTimeoutSec: 60,
        bakeSec: 0,
      });
    const first = create('First', 'debug');
    const second = create('Second', 'warn');
    rig.hold = new Promise<void>(() => undefined); // the canary's redeploy never returns
    rig.service.start({ id: first.id });
    const busy = errorOf(() => rig.service.start({ id: second.id }));
    expect(busy).toMatchObject({
      code: 'CONFLICT',
      message: 'Change set "First" is rolling out. Wait for it to finish.',
    });
    // Clawster stops, and starts again on the same data.
    rig.service.close();
    rig.service = rig.reopenService();
    rig.service.recover();
    const after = rig.service.get({ id: first.id });
    expect(after.status).toBe('failed');
    expect(after.failure).toBe(
      'Clawster stopped while this change set was rolling out. Roll it back to finish.',
    );
    expect(statuses(after)).toEqual({ a: 'failed', b: 'skipped' });
    expect(rig.service.list().map((c) => `${c.title}:${c.status}`)).toEqual(['Second:draft', 'First:failed']);
  });

  it('discards a draft, and starts only drafts', () => {
    rig = startRig({ timers: manualTimers().timers, bots: ['a'] });
    const cs = draft('Unused', profile('debug'));
    expect(rig.service.discard({ id: cs.id }).status).toBe('discarded');
    expect(errorOf(() => rig.service.start({ id: cs.id })).message).toBe(
      'This change set is discarded; only a draft can be started.',
    );
    expect(errorOf(() => rig.service.get({ id: 'nope' })).code).toBe('NOT_FOUND');
  });
});
