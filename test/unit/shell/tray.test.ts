import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createTray } from '../../../main/shell/tray.ts';
import { type TrayAction, trayModel } from '../../../main/shell/tray-model.ts';
import type { BotHealth, HealthState } from '../../../shared/alerts/health.ts';
import { defaultAlertSettings } from '../../../shared/alerts/settings.ts';
import { resetElectronStub, Tray } from '../../support/electron-stub/index.ts';

vi.mock('electron', () => import('../../support/electron-stub/index.ts'));
beforeEach(() => resetElectronStub());

const now = new Date('2026-03-10T12:00:00.000Z');
const bot = (name: string, state: HealthState, fleet = 'prod'): BotHealth => ({
  botId: `id-${name}`,
  botName: name,
  fleetId: `f-${fleet}`,
  fleetName: fleet,
  state,
});
const summary = (...bots: BotHealth[]) => ({ at: now.toISOString(), bots });
const labels = (items: ReturnType<typeof trayModel>['items']) =>
  items.map((i) => (i.kind === 'separator' ? '---' : i.label));

describe('tray model from a health summary', () => {
  it('shows the overall state, the counts per state and the bots needing attention', () => {
    const m = trayModel(
      summary(bot('a', 'healthy'), bot('b', 'down'), bot('c', 'degraded', 'dev'), bot('d', 'unknown')),
      defaultAlertSettings,
      now,
    );
    expect(m.state).toBe('down');
    expect(m.tooltip).toBe('Clawster: 4 bots, 1 healthy, 1 degraded, 1 down, 1 unknown');
    expect(labels(m.items)).toEqual([
      'Fleet health: Down',
      'Healthy: 1',
      'Degraded: 1',
      'Down: 1',
      'Unknown: 1',
      '---',
      'Needs attention',
      'b (prod): down',
      'c (dev): degraded',
      '---',
      'Pause alerts for an hour',
      'Open Clawster',
      '---',
      'Quit Clawster',
    ]);
  });

  it('opens a bot page from its entry', () => {
    const m = trayModel(summary(bot('b', 'down')), defaultAlertSettings, now);
    const entry = m.items.find((i) => i.kind === 'action' && i.label.startsWith('b ('));
    expect(entry).toMatchObject({ action: { type: 'navigate', route: '#/bots/id-b' } });
  });

  it('lists at most ten bots, then "and N more…" to the fleets', () => {
    const many = Array.from({ length: 13 }, (_, i) => bot(`bot${String(i).padStart(2, '0')}`, 'down'));
    const m = trayModel(summary(...many), defaultAlertSettings, now);
    const actions = m.items.filter((i) => i.kind === 'action');
    expect(actions.filter((i) => i.action.type === 'navigate')).toHaveLength(11);
    expect(actions[10]).toEqual({
      kind: 'action',
      label: 'and 3 more…',
      action: { type: 'navigate', route: '#/fleets' },
    });
  });

  it('is healthy only when every bot is, and unknown with no bots', () => {
    expect(trayModel(summary(bot('a', 'healthy')), defaultAlertSettings, now).state).toBe('healthy');
    const empty = trayModel(summary(), defaultAlertSettings, now);
    expect(empty.state).toBe('unknown');
    expect(empty.tooltip).toBe('Clawster: no bots yet');
  });

  it('shows when alerts are paused, with a way to resume', () => {
    const paused = { ...defaultAlertSettings, pausedUntil: '2026-03-10T13:00:00.000Z' };
    const m = trayModel(summary(), paused, now);
    expect(labels(m.items)).toContain('Alerts paused until 13:00');
    expect(m.items).toContainEqual({
      kind: 'action',
      label: 'Resume alerts',
      action: { type: 'resume-alerts' },
    });
    expect(labels(trayModel(summary(), paused, new Date('2026-03-10T13:00:00.000Z')).items)).toContain(
      'Pause alerts for an hour',
    );
  });
});

describe('tray icon and menu (electron stub)', () => {
  const setup = (platform: NodeJS.Platform) => {
    const actions: TrayAction[] = [];
    const controller = createTray({
      platform,
      iconFor: (state) => `/icons/tray-${state}.png`,
      onAction: (a) => actions.push(a),
    });
    const tray = Tray.all[0];
    if (!tray) throw new Error('no tray');
    return { controller, tray, actions };
  };

  it('starts unknown, then follows the fleet health in its icon, tooltip and menu', () => {
    const { controller, tray, actions } = setup('linux');
    expect(tray.image.path).toBe('/icons/tray-unknown.png');
    controller.show(trayModel(summary(bot('b', 'down')), defaultAlertSettings, now));
    expect(tray.image.path).toBe('/icons/tray-down.png');
    expect(tray.tooltip).toContain('1 down');
    const items = tray.menu?.items ?? [];
    expect(items.find((i) => i.label === 'Down: 1')).toMatchObject({ enabled: false });
    items.find((i) => i.label === 'b (prod): down')?.click?.();
    items.find((i) => i.label === 'Quit Clawster')?.click?.();
    expect(actions).toEqual([{ type: 'navigate', route: '#/bots/id-b' }, { type: 'quit' }]);
  });

  it('opens the window on a click on Windows and Linux; on macOS a click shows the menu', () => {
    const linux = setup('linux');
    linux.tray.emit('click');
    expect(linux.actions).toEqual([{ type: 'open' }]);
    resetElectronStub();
    const mac = setup('darwin');
    mac.tray.emit('click');
    expect(mac.actions).toEqual([]);
  });

  it('goes away when destroyed', () => {
    const { controller, tray } = setup('linux');
    controller.destroy();
    expect(tray.destroyed).toBe(true);
  });
});
