import { useEffect, useState } from 'react';
import type { BotRuntime } from '../../../../shared/domain/lifecycle.ts';
import { useClient, useGeneration } from '../../app/services.tsx';

/** The lifecycle of a fleet's deployed bots, by bot id: loaded once, then kept live by bot.runtime.changed. */
export function useRuntimes(fleetId: string): Readonly<Record<string, BotRuntime>> {
  const client = useClient();
  const generation = useGeneration();
  const [byBot, setByBot] = useState<Record<string, BotRuntime>>({});
  useEffect(() => {
    let live = true;
    const off = client.on('bot.runtime.changed', (r) => setByBot((s) => ({ ...s, [r.botId]: r })));
    if (generation > 0)
      void client.invoke('bot.runtime.list', { fleetId }).then((res) => {
        if (live && res.ok)
          setByBot((s) => ({ ...Object.fromEntries(res.value.map((r) => [r.botId, r])), ...s }));
      });
    return () => {
      live = false;
      off();
    };
  }, [client, fleetId, generation]);
  return byBot;
}
