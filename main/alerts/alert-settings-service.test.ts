import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startControlPlane, type TestControlPlane } from '../../test/support/control-plane.ts';

let t: TestControlPlane;
beforeEach(() => {
  t = startControlPlane();
});
afterEach(() => t.cleanup());

describe('notification settings (alerts.settings.*)', () => {
  it('starts from the defaults, and keeps a change, audited and pushed', async () => {
    expect(await t.call('alerts.settings.get', {})).toEqual({
      minSeverity: 'info',
      quietHours: null,
      pausedUntil: null,
    });
    const saved = await t.call('alerts.settings.update', {
      minSeverity: 'warning',
      quietHours: { start: '22:00', end: '07:30' },
    });
    expect(saved).toEqual({
      minSeverity: 'warning',
      quietHours: { start: '22:00', end: '07:30' },
      pausedUntil: null,
    });
    expect(await t.call('alerts.settings.get', {})).toEqual(saved);
    expect(t.events.filter((e) => e.event === 'alerts.settings.changed').map((e) => e.payload)).toEqual([
      saved,
    ]);
    const audit = await t.call('audit.list', { resourceType: 'settings' });
    expect(audit.events.map((e) => [e.action, e.resourceId])).toEqual([['alerts.settings.update', 'alerts']]);

    // Only the fields given change; the same values again change nothing.
    expect(await t.call('alerts.settings.update', { quietHours: null })).toMatchObject({
      minSeverity: 'warning',
      quietHours: null,
    });
    await t.call('alerts.settings.update', { quietHours: null });
    expect((await t.call('audit.list', { resourceType: 'settings' })).events).toHaveLength(2);
  });

  it('refuses settings that make no sense, changing nothing', async () => {
    const before = t.snapshot();
    for (const [params, path] of [
      [{ quietHours: { start: '22:00', end: '22:00' } }, 'quietHours.end'],
      [{ quietHours: { start: '25:00', end: '07:00' } }, 'quietHours.start'],
      [{ minSeverity: 'loud' }, 'minSeverity'],
      [{ pausedUntil: 'tomorrow' }, 'pausedUntil'],
    ] as const) {
      const e = await t.fail('alerts.settings.update', params);
      expect(e.code).toBe('VALIDATION');
      expect(e.issues?.map((i) => i.path)).toEqual([path]);
    }
    expect((await t.fail('alerts.settings.update', {})).issues?.[0]?.message).toMatch(/at least one setting/);
    expect(t.snapshot()).toBe(before);
  });
});
