import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ContractClient } from '../../../shared/contract/client.ts';
import type { ErrorInfo } from '../../../shared/contract/errors.ts';
import type { EventPayload } from '../../../shared/contract/events.ts';
import type { Bot } from '../../../shared/domain/bot.ts';
import type { LoadStatus } from './fleets-store.ts';
import { applyChange, createRecorder, sortByName } from './list-changes.ts';

export interface FleetBots {
  bots: Bot[];
  status: LoadStatus;
  error: ErrorInfo | null;
}

export interface BotsState {
  /** The bots of each fleet that a page has loaded. */
  byFleet: Record<string, FleetBots>;
  load(fleetId: string): Promise<void>;
}

type BotChange = EventPayload<'bot.changed'>;

const fleetOf = (change: BotChange) => (change.kind === 'deleted' ? change.fleetId : change.item.fleetId);

/** The bots of the fleets on screen, loaded per fleet and kept live by `bot.changed`. */
export function createBotsStore(client: ContractClient): StoreApi<BotsState> & { dispose(): void } {
  const recorder = createRecorder<BotChange>();
  const latest = new Map<string, number>();
  let tickets = 0;
  const store = createStore<BotsState>((set, get) => ({
    byFleet: {},
    async load(fleetId) {
      const ticket = ++tickets;
      latest.set(fleetId, ticket);
      const put = (entry: FleetBots) => set((s) => ({ byFleet: { ...s.byFleet, [fleetId]: entry } }));
      const before = get().byFleet[fleetId];
      put({ bots: before?.bots ?? [], status: 'loading', error: null });
      const { result, changes } = await recorder.during(() => client.invoke('bot.list', { fleetId }));
      if (latest.get(fleetId) !== ticket) return;
      if (!result.ok) {
        put({ bots: [], status: 'error', error: result.error });
        return;
      }
      const mine = changes.filter((c) => fleetOf(c) === fleetId);
      put({ bots: mine.reduce<Bot[]>(applyChange, sortByName(result.value)), status: 'ready', error: null });
    },
  }));
  const off = client.on('bot.changed', (change) => {
    recorder.push(change);
    const fleetId = fleetOf(change);
    const entry = store.getState().byFleet[fleetId];
    if (!entry) return;
    store.setState((s) => ({
      byFleet: { ...s.byFleet, [fleetId]: { ...entry, bots: applyChange(entry.bots, change) } },
    }));
  });
  return Object.assign(store, { dispose: off });
}
