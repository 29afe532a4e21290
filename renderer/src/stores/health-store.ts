import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ContractClient } from '../../../shared/contract/client.ts';
import type { ErrorInfo } from '../../../shared/contract/errors.ts';
import type { BotHealth } from '../../../shared/domain/gateway.ts';

export interface HealthState {
  /** The live gateway health of each connected bot on screen, by bot id. */
  byBot: Record<string, BotHealth>;
  error: ErrorInfo | null;
  /** Loads a fleet's health once; `bot.health.changed` keeps it live from then on (no polling). */
  load(fleetId: string): Promise<void>;
  /** Takes a health the host returned with an answer (connect, retry, new token). */
  put(health: BotHealth): void;
}

/** Newer wins: an answer that arrives after a pushed event must not undo it. */
const newer = (a: BotHealth | undefined, b: BotHealth) => !a || a.since <= b.since;

export function createHealthStore(client: ContractClient): StoreApi<HealthState> & { dispose(): void } {
  const store = createStore<HealthState>((set, get) => ({
    byBot: {},
    error: null,
    async load(fleetId) {
      const result = await client.invoke('bot.health.list', { fleetId });
      if (!result.ok) {
        set({ error: result.error });
        return;
      }
      for (const h of result.value) get().put(h);
      set({ error: null });
    },
    put(health) {
      if (!newer(get().byBot[health.botId], health)) return;
      set((s) => ({ byBot: { ...s.byBot, [health.botId]: health } }));
    },
  }));
  const offHealth = client.on('bot.health.changed', (h) => store.getState().put(h));
  const offBots = client.on('bot.changed', (change) => {
    if (change.kind !== 'deleted' || !store.getState().byBot[change.id]) return;
    store.setState((s) => {
      const { [change.id]: _gone, ...rest } = s.byBot;
      return { byBot: rest };
    });
  });
  return Object.assign(store, {
    dispose() {
      offHealth();
      offBots();
    },
  });
}
