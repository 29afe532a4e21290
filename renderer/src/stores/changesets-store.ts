import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ContractClient } from '../../../shared/contract/client.ts';
import type { ErrorInfo } from '../../../shared/contract/errors.ts';
import { type ChangeSetSummary, toSummary } from '../../../shared/domain/changeset.ts';
import type { LoadStatus } from './fleets-store.ts';
import { createRecorder } from './list-changes.ts';

export interface ChangeSetsState {
  /** Newest first, as the host lists them. */
  changeSets: ChangeSetSummary[];
  status: LoadStatus;
  error: ErrorInfo | null;
  load(): Promise<void>;
}

/** Newest first; ties (the same instant) by id, descending, as the host orders them. */
const newestFirst = (a: ChangeSetSummary, b: ChangeSetSummary): number =>
  b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

/** The list with one change set replaced where it stands, or added in its place. */
export function upsertSummary(list: readonly ChangeSetSummary[], item: ChangeSetSummary): ChangeSetSummary[] {
  const at = list.findIndex((x) => x.id === item.id);
  if (at >= 0) return list.map((x, i) => (i === at ? item : x));
  return [...list, item].sort(newestFirst);
}

/** Every change set, loaded per connection and kept live by `changeset.changed` (each progress step). */
export function createChangeSetsStore(
  client: ContractClient,
): StoreApi<ChangeSetsState> & { dispose(): void } {
  const recorder = createRecorder<ChangeSetSummary>();
  let latest = 0;
  const store = createStore<ChangeSetsState>((set) => ({
    changeSets: [],
    status: 'idle',
    error: null,
    async load() {
      const ticket = ++latest;
      set({ status: 'loading' });
      const { result, changes } = await recorder.during(() => client.invoke('changeset.list', {}));
      if (ticket !== latest) return;
      if (!result.ok) {
        set({ status: 'error', error: result.error });
        return;
      }
      const changeSets = changes.reduce(upsertSummary, [...result.value].sort(newestFirst));
      set({ changeSets, status: 'ready', error: null });
    },
  }));
  const off = client.on('changeset.changed', (cs) => {
    const summary = toSummary(cs);
    recorder.push(summary);
    store.setState((s) => ({ changeSets: upsertSummary(s.changeSets, summary) }));
  });
  return Object.assign(store, { dispose: off });
}
