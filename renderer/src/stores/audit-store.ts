import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ContractClient } from '../../../shared/contract/client.ts';
import type { ErrorInfo } from '../../../shared/contract/errors.ts';
import type { AuditEvent, ResourceType } from '../../../shared/domain/audit.ts';
import type { LoadStatus } from './fleets-store.ts';
import { createRecorder } from './list-changes.ts';

export interface AuditFilters {
  actor?: string | undefined;
  resourceType?: ResourceType | undefined;
  /** ISO times, inclusive. */
  since?: string | undefined;
  until?: string | undefined;
}

export interface AuditFacets {
  actors: string[];
  resourceTypes: string[];
}

export interface AuditState {
  filters: AuditFilters;
  /** Newest first. */
  events: AuditEvent[];
  /** Where the next older page starts; null when the oldest event is on screen. */
  nextBefore: number | null;
  status: LoadStatus;
  loadingMore: boolean;
  error: ErrorInfo | null;
  facets: AuditFacets;
  setFilters(filters: AuditFilters): Promise<void>;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  loadFacets(): Promise<void>;
}

const AUDIT_PAGE_SIZE = 50;

/** Whether an event belongs in a list with these filters (the host applies the same rules). */
function matchesFilters(e: AuditEvent, f: AuditFilters): boolean {
  if (f.actor && e.actor !== f.actor) return false;
  if (f.resourceType && e.resourceType !== f.resourceType) return false;
  const t = Date.parse(e.ts);
  if (f.since && t < Date.parse(f.since)) return false;
  if (f.until && t > Date.parse(f.until)) return false;
  return true;
}

/** Newest first, each event once. */
function mergeEvents(a: readonly AuditEvent[], b: readonly AuditEvent[]): AuditEvent[] {
  const bySeq = new Map<number, AuditEvent>();
  for (const e of [...a, ...b]) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((x, y) => y.seq - x.seq);
}

const addSorted = (list: readonly string[], value: string) =>
  list.includes(value) ? [...list] : [...list, value].sort();

/** The audit timeline: pages of `audit.list`, kept live by `audit.appended`. */
export function createAuditStore(client: ContractClient): StoreApi<AuditState> & { dispose(): void } {
  const recorder = createRecorder<AuditEvent>();
  let latest = 0;
  const query = (filters: AuditFilters, before?: number) =>
    client.invoke('audit.list', { ...filters, limit: AUDIT_PAGE_SIZE, ...(before ? { before } : {}) });

  const store = createStore<AuditState>((set, get) => ({
    filters: {},
    events: [],
    nextBefore: null,
    status: 'idle',
    loadingMore: false,
    error: null,
    facets: { actors: [], resourceTypes: [] },
    async setFilters(filters) {
      set({ filters, events: [], nextBefore: null });
      await get().reload();
    },
    async reload() {
      const ticket = ++latest;
      const filters = get().filters;
      set({ status: 'loading', loadingMore: false });
      const { result, changes } = await recorder.during(() => query(filters));
      if (ticket !== latest) return;
      if (!result.ok) {
        set({ status: 'error', error: result.error, events: [], nextBefore: null });
        return;
      }
      const live = changes.filter((e) => matchesFilters(e, filters));
      set({
        events: mergeEvents(result.value.events, live),
        nextBefore: result.value.nextBefore,
        status: 'ready',
        error: null,
      });
    },
    async loadMore() {
      const { nextBefore, filters, loadingMore } = get();
      if (nextBefore === null || loadingMore) return;
      const ticket = latest;
      set({ loadingMore: true });
      const result = await query(filters, nextBefore);
      if (ticket !== latest) return;
      if (!result.ok) {
        set({ loadingMore: false, error: result.error });
        return;
      }
      set((s) => ({
        events: mergeEvents(s.events, result.value.events),
        nextBefore: result.value.nextBefore,
        loadingMore: false,
        error: null,
      }));
    },
    async loadFacets() {
      const result = await client.invoke('audit.facets', {});
      if (result.ok) set({ facets: result.value });
    },
  }));

  const off = client.on('audit.appended', (event) => {
    recorder.push(event);
    store.setState((s) => ({
      facets: {
        actors: addSorted(s.facets.actors, event.actor),
        resourceTypes: addSorted(s.facets.resourceTypes, event.resourceType),
      },
      events:
        s.status === 'ready' && matchesFilters(event, s.filters)
          ? // Newer than all on screen (the usual case): on top, without a re-sort per event.
            (s.events[0]?.seq ?? 0) < event.seq
            ? [event, ...s.events]
            : mergeEvents([event], s.events)
          : s.events,
    }));
  });
  return Object.assign(store, { dispose: off });
}
