import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChangeSetStatus, changeSetInfoSchema } from '../../shared/domain/changeset.ts';
import { startControlPlane, type TestControlPlane } from '../support/control-plane.ts';
import { botDoc, profile } from '../support/rollout-rig.ts';

/**
 * Change sets through the control plane's dispatch, results checked against the contract. No bot
 * is deployed here (rollouts with redeploys are covered with a real gateway in
 * deploy-local-real.test.ts and with a deploy double in main/rollout), so a started change set
 * only applies its manifests.
 */
let t: TestControlPlane;
beforeEach(async () => {
  t = startControlPlane({ reconcileSchedule: false });
  await t.call('fleet.create', { name: 'Prod', environment: 'prod' });
  await t.call('manifest.apply', {
    files: [{ name: 'fleet.yaml', text: [profile('info'), botDoc('a'), botDoc('b')].join('---\n') }],
  });
});
afterEach(() => t.cleanup());

const files = (text: string) => [{ name: 'change.yaml', text }];

/** Resolves when the change set has `status` (now, or by a pushed `changeset.changed`). */
async function reaches(id: string, status: ChangeSetStatus): Promise<void> {
  let off = () => {};
  const pushed = new Promise<void>((resolve) => {
    off = t.cp.onEvent((event, payload) => {
      const cs = changeSetInfoSchema.safeParse(payload);
      if (event === 'changeset.changed' && cs.success && cs.data.id === id && cs.data.status === status)
        resolve();
    });
  });
  try {
    if ((await t.call('changeset.get', { id })).status !== status) await pushed;
  } finally {
    off();
  }
}

describe('change sets over the contract', () => {
  it('keeps a draft, applies it on start, and lists it with its counts', async () => {
    t.events.length = 0;
    const draft = await t.call('changeset.create', {
      title: 'Debug logs',
      files: files(profile('debug')),
      strategy: { kind: 'percentage', percent: 50 },
    });
    expect(draft).toMatchObject({ status: 'draft', healthTimeoutSec: 120, bakeSec: 30, botsChanged: 2 });
    expect(t.events.map((e) => e.event)).toEqual(['changeset.changed', 'audit.appended']);
    // Every step is pushed without the manifest files (they can be megabytes; no step changes them).
    expect(t.events[0]?.payload).not.toHaveProperty('files');
    expect(
      (await t.call('manifest.get', { ref: { kind: 'Profile', name: 'standard' } })).summary.version,
    ).toBe(1);

    const started = await t.call('changeset.start', { id: draft.id });
    // Nothing is deployed: the manifests change, no bot needs a redeploy.
    expect(started).toMatchObject({ status: 'completed', bots: [] });
    expect(
      (await t.call('manifest.get', { ref: { kind: 'Profile', name: 'standard' } })).summary.version,
    ).toBe(2);
    const [summary] = await t.call('changeset.list', {});
    expect(summary).toMatchObject({ id: draft.id, status: 'completed', counts: { healthy: 0, failed: 0 } });
    expect(await t.call('changeset.get', { id: draft.id })).toEqual(started);

    // Rolled back: the profile is as it was before (as a new version).
    expect((await t.call('changeset.rollback', { id: draft.id })).status).toBe('rolling-back');
    await reaches(draft.id, 'rolled-back');
    const profileNow = await t.call('manifest.get', { ref: { kind: 'Profile', name: 'standard' } });
    expect(profileNow.summary.version).toBe(3);
    expect(JSON.stringify(profileNow.manifest)).toContain('"level":"info"');
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const before = t.snapshot();
    const noTitle = await t.fail('changeset.create', { title: ' ', files: files(profile('debug')) });
    expect(noTitle.code).toBe('VALIDATION');
    expect(noTitle.issues?.[0]).toMatchObject({ path: 'title', message: 'Give the change set a title' });
    const badStrategy = await t.fail('changeset.create', {
      title: 'x',
      files: files(profile('debug')),
      strategy: { kind: 'percentage', percent: 0 },
    });
    expect(badStrategy.code).toBe('VALIDATION');
    expect((await t.fail('changeset.start', { id: 'missing' })).code).toBe('NOT_FOUND');
    expect(t.snapshot()).toBe(before);
  });
});
