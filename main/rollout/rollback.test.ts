import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../shared/domain/changeset.ts';
import {
  botDoc,
  deployAll,
  errorOf,
  manualTimers,
  profile,
  type Rig,
  startRig,
  statuses,
} from '../../test/support/rollout-rig.ts';

/**
 * Rolling back change sets, and what refuses them, through the service on a real SQLite store
 * and the real manifest service; the deploy is a test double (test/support/rollout-rig.ts) and so
 * are the timers: no time passes unless a test fires a timer, so nothing here sleeps.
 */
let rig: Rig;
afterEach(() => rig.cleanup());
const draft: Rig['draft'] = (...args) => rig.draft(...args);

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
      draft(title, profile(level), { strategy: { kind: 'canary', bots: 1 } });
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

  it('reports a rollback whose bot does not come back, and finishes it on a second try', async () => {
    const cs = await completed();
    rig.failing.add('a');
    rig.service.rollback({ id: cs.id });
    const failed = await rig.settled(cs.id);
    expect(failed.status).toBe('failed');
    expect(failed.failure).toBe(
      'The rollback did not finish: the manifests were restored, but 1 bot did not come back healthy (Prod/a: rollback redeploy failed: the gateway exited with code 1)',
    );
    expect(statuses(failed)).toEqual({ a: 'failed', b: 'rolled-back' });
    expect(rig.alerts).toEqual([
      expect.objectContaining({ kind: 'rollout.failed', botName: 'a', changeSetId: cs.id }),
    ]);
    const profileVersion = () =>
      rig.manifests.get({ ref: { kind: 'Profile', name: 'standard' } }).summary.version;
    expect(profileVersion()).toBe(3);

    // Again, once the bot can start: the manifests are already back (no new version), only a is redeployed.
    rig.failing.clear();
    rig.deploys.length = 0;
    rig.service.rollback({ id: cs.id });
    const done = await rig.settled(cs.id);
    expect(done).toMatchObject({ status: 'rolled-back', failure: null });
    expect(rig.deploys.map((d) => d.bot)).toEqual(['a']);
    expect(profileVersion()).toBe(3);
  });

  it('skips a bot destroyed since the rollout', async () => {
    const cs = await completed();
    rig.store.sqlite.prepare('DELETE FROM bot_runtime WHERE bot_id = ?').run(rig.bots.get('b'));
    rig.deploys.length = 0;
    rig.service.rollback({ id: cs.id });
    const done = await rig.settled(cs.id);
    expect(done.status).toBe('rolled-back');
    expect(done.bots.find((b) => b.botName === 'b')).toMatchObject({
      status: 'skipped',
      message: 'destroyed: not redeployed by the rollback',
    });
    expect(rig.deploys.map((d) => d.bot)).toEqual(['a']);
  });

  it('deletes the manifests a change set created, which can then be created again', async () => {
    rig = startRig({ timers: manualTimers().timers, bots: ['a'] });
    await deployAll(rig);
    const overlay = (level: string) =>
      `apiVersion: clawster.dev/v1\nkind: Overlay\nmetadata:\n  name: extra\nspec:\n  selector: {}\n  config:\n    logging:\n      level: ${level}\n`;
    const first = draft('Extra overlay', overlay('debug'));
    expect(rig.service.start({ id: first.id }).manifests).toEqual([
      { ref: { kind: 'Overlay', name: 'extra' }, label: 'Overlay/extra', before: null, after: 1 },
    ]);
    await rig.settled(first.id);
    rig.service.rollback({ id: first.id });
    expect((await rig.settled(first.id)).status).toBe('rolled-back');
    expect(rig.manifests.list({ kind: 'Overlay' })).toEqual([]);
    expect(rig.manifests.resolveBot(rig.bots.get('a') ?? '')?.resolved?.config.logging).toEqual({
      level: 'info',
    });

    const again = draft('Extra overlay again', overlay('warn'));
    expect(rig.service.start({ id: again.id }).manifests[0]).toMatchObject({ before: null, after: 3 });
    expect((await rig.settled(again.id)).status).toBe('completed');
  });

  it("puts a bot's tags back with its manifest", async () => {
    rig = startRig({ timers: manualTimers().timers, bots: ['a'] });
    rig.apply(
      'apiVersion: clawster.dev/v1\nkind: Overlay\nmetadata:\n  name: canaries\nspec:\n  selector:\n    tags: [canary]\n  config:\n    logging:\n      level: debug\n',
    );
    await deployAll(rig);
    const id = rig.bots.get('a') ?? '';
    const cs = draft(
      'Make a a canary',
      botDoc('a').replace('  fleet: Prod\n', '  fleet: Prod\n  tags: [canary]\n'),
    );
    rig.service.start({ id: cs.id });
    await rig.settled(cs.id);
    expect(rig.manifests.resolveBot(id)?.resolved).toMatchObject({
      tags: ['canary'],
      config: { logging: { level: 'debug' } },
    });
    rig.service.rollback({ id: cs.id });
    expect((await rig.settled(cs.id)).status).toBe('rolled-back');
    expect(rig.manifests.resolveBot(id)?.resolved).toMatchObject({
      tags: [],
      config: { logging: { level: 'info' } },
    });
  });

  it('refuses to start a draft whose change was applied since, and changes nothing', async () => {
    rig = startRig({ timers: manualTimers().timers, bots: ['a'] });
    await deployAll(rig);
    const cs = draft('Debug logs', profile('debug'));
    rig.apply(profile('debug'));
    const before = rig.snapshot();
    expect(errorOf(() => rig.service.start({ id: cs.id }))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^The manifests are already as this change set would make them/),
    });
    expect(rig.snapshot()).toBe(before);
    expect(rig.service.get({ id: cs.id }).status).toBe('draft');
  });
});
