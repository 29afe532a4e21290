import { Notification } from 'electron';
import type { AlertGroup } from '../../shared/alerts/grouping.ts';

/**
 * Shows one grouped alert as a native notification; a click opens the page it is about.
 * Shown notifications are kept referenced until closed, or their click would be lost.
 */
export function createNotificationPresenter(options: { icon?: string; onClick(route: string): void }) {
  const live = new Set<Notification>();
  return {
    show(group: AlertGroup): void {
      if (!Notification.isSupported()) return;
      const n = new Notification({
        title: group.title,
        body: group.body,
        ...(options.icon ? { icon: options.icon } : {}),
        urgency: group.severity === 'critical' ? 'critical' : 'normal',
        silent: group.severity === 'info',
      });
      live.add(n);
      n.on('click', () => {
        live.delete(n);
        options.onClick(group.route);
      });
      n.on('close', () => live.delete(n));
      n.show();
    },
    dispose(): void {
      for (const n of live) n.close();
      live.clear();
    },
  };
}
