import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ContractClient } from '../../../shared/contract/client.ts';
import type { ErrorInfo } from '../../../shared/contract/errors.ts';
import type { EventPayload } from '../../../shared/contract/events.ts';
import type { Fleet } from '../../../shared/domain/fleet.ts';
import { applyChange, createRecorder, sortByName } from './list-changes.ts';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface FleetsState {
  fleets: Fleet[];
  status: LoadStatus;
  error: ErrorInfo | null;
  load(): Promise<void>;
}

type FleetChange = EventPayload<'fleet.changed'>;

/** Every fleet, loaded once per connection and kept live by `fleet.changed`. */
export function createFleetsStore(client: ContractClient): StoreApi<FleetsState> & { dispose(): void } {
  const recorder = createRecorder<FleetChange>();
  let latest = 0;
  const store = createStore<FleetsState>((set) => ({
    fleets: [],
    status: 'idle',
    error: null,
    async load() {
      const ticket = ++latest;
      set({ status: 'loading' });
      const { result, changes } = await recorder.during(() => client.invoke('fleet.list', {}));
      if (ticket !== latest) return;
      if (!result.ok) {
        set({ status: 'error', error: result.error });
        return;
      }
      const fleets = changes.reduce<Fleet[]>(applyChange, sortByName(result.value));
      set({ fleets, status: 'ready', error: null });
    },
  }));
  const off = client.on('fleet.changed', (change) => {
    recorder.push(change);
    store.setState((s) => ({ fleets: applyChange(s.fleets, change) }));
  });
  return Object.assign(store, { dispose: off });
}
