import { useCallback, useEffect, useState } from 'react';
import type { AlertSettings } from '../../../../shared/alerts/settings.ts';
import type { ErrorInfo, Result } from '../../../../shared/contract/errors.ts';
import type { ParamsIn } from '../../../../shared/contract/requests.ts';
import { useClient, useGeneration } from '../../app/services.tsx';

export interface AlertSettingsState {
  /** The stored settings; null until loaded. */
  settings: AlertSettings | null;
  error: ErrorInfo | null;
  update(p: ParamsIn<'alerts.settings.update'>): Promise<Result<AlertSettings>>;
}

/** The notification settings: loaded once per connection, then kept live by `alerts.settings.changed`. */
export function useAlertSettings(): AlertSettingsState {
  const client = useClient();
  const generation = useGeneration();
  const [settings, setSettings] = useState<AlertSettings | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    let live = true;
    let pushed = false;
    const off = client.on('alerts.settings.changed', (s) => {
      pushed = true;
      setSettings(s);
    });
    if (generation > 0)
      void client.invoke('alerts.settings.get', {}).then((r) => {
        if (!live) return;
        if (!r.ok) setError(r.error);
        // A change pushed while the answer was on its way is newer than the answer.
        else if (!pushed) setSettings(r.value);
      });
    return () => {
      live = false;
      off();
    };
  }, [client, generation]);
  const update = useCallback(
    async (p: ParamsIn<'alerts.settings.update'>) => {
      const r = await client.invoke('alerts.settings.update', p);
      if (r.ok) setSettings(r.value);
      return r;
    },
    [client],
  );
  return { settings, error, update };
}
