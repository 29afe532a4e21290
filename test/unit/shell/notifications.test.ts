import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotificationPresenter } from '../../../main/shell/notifications.ts';
import type { AlertGroup } from '../../../shared/alerts/grouping.ts';
import { Notification, resetElectronStub, stub } from '../../support/electron-stub/index.ts';

vi.mock('electron', () => import('../../support/electron-stub/index.ts'));
beforeEach(() => resetElectronStub());

const group = (severity: AlertGroup['severity'], route = '#/fleets/f1'): AlertGroup => ({
  kind: 'bot.down',
  severity,
  title: '3 bots down in fleet prod',
  body: 'a, b, c',
  route,
  alerts: [],
});

describe('native notifications (electron stub)', () => {
  it('shows the grouped alert; critical ones are urgent, info ones silent', () => {
    const p = createNotificationPresenter({ icon: '/icons/icon.png', onClick: vi.fn() });
    p.show(group('critical'));
    p.show(group('info'));
    expect(
      Notification.all.map((n) => [n.shown, n.options.title, n.options.urgency, n.options.silent]),
    ).toEqual([
      [true, '3 bots down in fleet prod', 'critical', false],
      [true, '3 bots down in fleet prod', 'normal', true],
    ]);
  });

  it('opens the page it is about when clicked', () => {
    const onClick = vi.fn();
    createNotificationPresenter({ onClick }).show(group('warning', '#/bots/b7'));
    Notification.all[0]?.emit('click');
    expect(onClick).toHaveBeenCalledWith('#/bots/b7');
  });

  it('shows nothing where the OS has no notifications', () => {
    stub.notificationsSupported = false;
    createNotificationPresenter({ onClick: vi.fn() }).show(group('critical'));
    expect(Notification.all).toEqual([]);
  });
});
