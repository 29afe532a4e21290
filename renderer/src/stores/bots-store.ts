import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ContractClient } from '../../../shared/contract/client.ts';
import type { ErrorInfo } from '../../../shared/contract/errors.ts';
import type { EventPayload } from '../../../shared/contract/events.ts';
import type { Bot } from '../../../shared/domain/bot.ts';
import type { LoadStatus } from './fleets-store.ts';
import { applyChange, createRecorder, sortByName, upsertAll } from './list-changes.ts';

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

/** One pushed change to one fleet's bots: one bot (`bot.changed`) or many added (`bot.createdMany`). */
interface FleetChange {
  fleetId: string;
  apply(bots: readonly Bot[]): Bot[];
}

const oneBot = (change: BotChange): FleetChange => ({
  fleetId: change.kind === 'deleted' ? change.fleetId : change.item.fleetId,
  apply: (bots) => applyChange(bots, change),
});

const manyBots = ({ fleetId, items }: EventPayload<'bot.createdMany'>): FleetChange => ({
  fleetId,
  apply: (bots) => upsertAll(bots, items),
});

/**
 * The bots of the fleets on screen, loaded per fleet and kept live by `bot.changed` and
 * `bot.createdMany`.
 */
export function createBotsStore(client: ContractClient): StoreApi<BotsState> & { dispose(): void } {
  const recorder = createRecorder<FleetChange>();
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
      const mine = changes.filter((c) => c.fleetId === fleetId);
      const bots = mine.reduce((list, c) => c.apply(list), sortByName(result.value));
      put({ bots, status: 'ready', error: null });
    },
  }));
  const receive = (change: FleetChange) => {
    recorder.push(change);
    const entry = store.getState().byFleet[change.fleetId];
    if (!entry) return;
    store.setState((s) => ({
      byFleet: { ...s.byFleet, [change.fleetId]: { ...entry, bots: change.apply(entry.bots) } },
    }));
  };
  const offOne = client.on('bot.changed', (change) => receive(oneBot(change)));
  const offMany = client.on('bot.createdMany', (added) => receive(manyBots(added)));
  return Object.assign(store, {
    dispose() {
      offOne();
      offMany();
    },
  });
}
