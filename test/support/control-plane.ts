import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { fixedClock } from '../../main/clock.ts';
import { type ControlPlane, type ControlPlaneOptions, createControlPlane } from '../../main/control-plane.ts';
import type { ErrorInfo } from '../../shared/contract/errors.ts';
import type { EventName } from '../../shared/contract/events.ts';
import type { ParamsIn, RequestName, ResultOf } from '../../shared/contract/requests.ts';

/** The instant every test control plane starts at (TZ=UTC in every project). */
export const T0 = '2026-03-10T12:00:00.000Z';

export interface PushedEvent {
  event: EventName;
  payload: unknown;
}

export interface RowCounts {
  fleets: number;
  bots: number;
  audit: number;
}

export interface TestControlPlane {
  cp: ControlPlane;
  /** The temporary data directory (removed by `cleanup`). */
  dir: string;
  clock: ReturnType<typeof fixedClock>;
  actor: string;
  /** Every event pushed since start (or since the last `events.length = 0`). */
  events: PushedEvent[];
  /** Makes a request that must succeed and returns its value. */
  call<N extends RequestName>(method: N, params: ParamsIn<N>): Promise<ResultOf<N>>;
  /** Makes a request that must fail and returns its error. */
  fail(method: string, params: unknown): Promise<ErrorInfo>;
  counts(): RowCounts;
  /** Every row of every table of ours, as one string: equal snapshots mean an unchanged database. */
  snapshot(): string;
  /**
   * Closes the control plane and opens a new one on the same data directory (another actor if
   * given). The database is switched at once; the promise settles when the old gateways closed.
   */
  reopen(options?: { actor?: string }): Promise<void>;
  /**
   * Closes the control plane and removes the data directory, both at once; the promise settles
   * when every gateway connection is closed too.
   */
  cleanup(): Promise<void>;
}

const TABLES = [
  'fleets',
  'bots',
  'audit_events',
  'audit_head',
  'settings',
  'manifests',
  'manifest_versions',
  'policy_exceptions',
  'bot_runtime',
  'deployment_events',
  'openclaw_checks',
  'change_sets',
  '__clawster_migrations',
] as const;

/** A dump of the tables of the control plane, in primary-key order. */
export function dumpTables(sqlite: BetterSqlite3.Database): string {
  const present = new Set(
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
  );
  const parts = TABLES.filter((t) => present.has(t)).map(
    (t) => `${t}:${JSON.stringify(sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1`).all())}`,
  );
  parts.push(`user_version:${String(sqlite.pragma('user_version', { simple: true }))}`);
  return parts.join('\n');
}

/** Ids that read well in failures: id-1, id-2, … (audit events draw from the same counter). */
export function counterIds(prefix = 'id'): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `${prefix}-${n}`;
  };
}

/**
 * A real control plane for tests: a fresh data directory under the OS temp folder, a fixed
 * clock, counter ids, results checked against the contract, and every pushed event recorded.
 */
export function startControlPlane(
  options: Partial<Omit<ControlPlaneOptions, 'clock'>> = {},
): TestControlPlane {
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'clawster-cp-'));
  const clock = fixedClock(T0);
  let actor = options.actor ?? 'tester';
  const newId = options.newId ?? counterIds();
  const events: PushedEvent[] = [];
  const open = () => {
    const cp = createControlPlane({ newId, validateResults: true, ...options, clock, actor, dataDir: dir });
    cp.onEvent((event, payload) => events.push({ event, payload }));
    return cp;
  };
  let cp = open();
  let closed = false;
  const t: TestControlPlane = {
    get cp() {
      return cp;
    },
    get actor() {
      return actor;
    },
    dir,
    clock,
    events,
    async call(method, params) {
      const r = await cp.dispatch(method, params);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
      return r.value as ResultOf<typeof method>;
    },
    async fail(method, params) {
      const r = await cp.dispatch(method, params);
      if (r.ok) throw new Error(`${method} succeeded, expected an error: ${JSON.stringify(r.value)}`);
      return r.error;
    },
    counts() {
      const n = (table: string) =>
        Number(cp.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
      return { fleets: n('fleets'), bots: n('bots'), audit: n('audit_events') };
    },
    snapshot: () => dumpTables(cp.store.sqlite),
    reopen(again = {}) {
      const closing = cp.close();
      actor = again.actor ?? actor;
      cp = open();
      return closing;
    },
    cleanup() {
      const closing = closed ? Promise.resolve() : cp.close();
      closed = true;
      rmSync(dir, { recursive: true, force: true });
      return closing;
    },
  };
  return t;
}
