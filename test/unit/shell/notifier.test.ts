import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/clock.ts';
import { silentLogger } from '../../../main/log/logger.ts';
import { createNotifier, type Notifier } from '../../../main/shell/notifier.ts';
import type { AlertInput } from '../../../shared/alerts/alerts.ts';
import type { AlertGroup } from '../../../shared/alerts/grouping.ts';
import { type AlertSettings, defaultAlertSettings } from '../../../shared/alerts/settings.ts';
import { manualSchedule } from './manual-schedule.ts';

const down = (bot: string, fleet = 'prod'): AlertInput => ({
  kind: 'bot.down',
  severity: 'critical',
  fleetId: `f-${fleet}`,
  fleetName: fleet,
  botId: `b-${bot}`,
  botName: bot,
});
const recovered = (bot: string): AlertInput => ({ ...down(bot), kind: 'bot.recovered', severity: 'info' });

let notifier: Notifier | null = null;
afterEach(() => notifier?.dispose());

function setup(settings: Partial<AlertSettings> = {}, start = '2026-03-10T12:00:00.000Z') {
  const clock = fixedClock(start);
  const timers = manualSchedule(clock);
  const shown: AlertGroup[] = [];
  let current: AlertSettings = { ...defaultAlertSettings, ...settings };
  notifier = createNotifier({
    clock,
    schedule: timers.schedule,
    settings: () => current,
    show: (g) => shown.push(g),
    log: silentLogger,
    settleMs: 5_000,
    maxWaitMs: 30_000,
  });
  return {
    n: notifier,
    timers,
    shown,
    set: (s: Partial<AlertSettings>) => {
      current = { ...current, ...s };
    },
  };
}

describe('notifier (fake clock, timers driven by the test)', () => {
  it('shows "3 bots down in fleet prod" once, after the burst settles', () => {
    const { n, timers, shown } = setup();
    n.alert(down('alpha'));
    timers.advance(2_000);
    n.alert(down('beta'));
    timers.advance(2_000);
    n.alert(down('gamma'));
    timers.advance(4_999);
    expect(shown).toEqual([]);
    timers.advance(1);
    expect(shown.map((g) => g.title)).toEqual(['3 bots down in fleet prod']);
    expect(timers.pending()).toBe(0);
  });

  it('shows a batch after the longest wait even when alerts keep arriving', () => {
    const { n, timers, shown } = setup();
    for (let i = 0; i < 10; i++) {
      n.alert(down(`bot${i}`));
      timers.advance(4_000);
    }
    expect(shown.map((g) => g.title)).toEqual(['8 bots down in fleet prod']);
  });

  it('drops alerts below the minimum severity', () => {
    const { n, timers, shown } = setup({ minSeverity: 'warning' });
    n.alert(recovered('alpha'));
    timers.advance(60_000);
    expect(shown).toEqual([]);
    expect(timers.pending()).toBe(0);
  });

  it('stays silent in quiet hours and speaks again after them', () => {
    const { n, timers, shown } = setup(
      { quietHours: { start: '22:00', end: '07:00' } },
      '2026-03-10T23:00:00.000Z',
    );
    n.alert(down('alpha'));
    timers.advance(60_000);
    expect(shown).toEqual([]);
    timers.advance(8 * 60 * 60 * 1000); // 08:01
    n.alert(down('beta'));
    timers.advance(5_000);
    expect(shown.map((g) => g.title)).toEqual(['beta is down']);
  });

  it('drops a batch that falls due in quiet hours', () => {
    const { n, timers, shown } = setup(
      { quietHours: { start: '12:00', end: '13:00' } },
      '2026-03-10T11:59:58.000Z',
    );
    n.alert(down('alpha'));
    timers.advance(5_000);
    expect(shown).toEqual([]);
  });

  it('stays silent while alerts are paused, and speaks once the pause is over', () => {
    const { n, timers, shown } = setup({ pausedUntil: '2026-03-10T13:00:00.000Z' });
    n.alert(down('alpha'));
    timers.advance(5_000);
    expect(shown).toEqual([]);
    timers.advance(60 * 60 * 1000);
    n.alert(down('beta'));
    timers.advance(5_000);
    expect(shown.map((g) => g.title)).toEqual(['beta is down']);
  });

  it('says nothing about a bot that went down and came back within the batch', () => {
    const { n, timers, shown } = setup();
    n.alert(down('alpha'));
    timers.advance(1_000);
    n.alert(recovered('alpha'));
    timers.advance(10_000);
    expect(shown).toEqual([]);
  });

  it('shows at most four notifications for one batch', () => {
    const { n, timers, shown } = setup();
    for (const fleet of ['a', 'b', 'c', 'd', 'e', 'f']) n.alert(down(`bot-${fleet}`, fleet));
    timers.advance(5_000);
    expect(shown).toHaveLength(4);
    expect(shown[3]?.title).toBe('3 more alerts');
  });

  it('leaves no timer behind when disposed', () => {
    const { n, timers, shown } = setup();
    n.alert(down('alpha'));
    expect(timers.pending()).toBe(1);
    n.dispose();
    expect(timers.pending()).toBe(0);
    timers.advance(60_000);
    expect(shown).toEqual([]);
  });
});
