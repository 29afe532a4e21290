import type { ErrorInfo } from '../../shared/contract/errors.ts';
import { AppError } from '../../shared/contract/errors.ts';
import { type Clock, systemClock } from '../clock.ts';
import { forEachLimited } from '../concurrency.ts';
import { type Logger, silentLogger } from '../log/logger.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { BackoffPolicy } from './backoff.ts';
import { createGatewayConnection, type GatewayConnection } from './connection.ts';
import { type DeviceIdentity, loadOrCreateDeviceIdentity } from './device-identity.ts';
import { deviceTokenStore } from './device-tokens.ts';
import { type GatewayErrorCode, isGatewayError } from './errors.ts';
import { createGatewayApi, type GatewayApi, type GatewayHealth } from './gateway-api.ts';
import { type LiveHealth, type LiveHealthTracker, trackLiveHealth } from './live-health.ts';

/** Where a bot's gateway is and the shared token to bootstrap with (null once paired). */
export interface BotEndpoint {
  url: string;
  token: string | null;
  headers?: Record<string, string>;
}

export interface GatewayPoolOptions {
  /** Looks a bot's gateway up (phase 2: the bot row plus its token from the keychain). */
  endpoint(botId: string): Promise<BotEndpoint>;
  secrets: SecretStore;
  clientVersion: string;
  /** This installation's device; loaded from (or created in) `secrets` when not given. */
  identity?: DeviceIdentity;
  clock?: Clock;
  log?: Logger;
  /** Requests in flight at once during a sweep. */
  sweepConcurrency?: number;
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
  backoff?: BackoffPolicy;
}

export type SweepResult<T> =
  | { botId: string; ok: true; value: T; ms: number }
  | { botId: string; ok: false; error: ErrorInfo & { gatewayCode?: GatewayErrorCode }; ms: number };

export interface SweepOptions {
  concurrency?: number;
  /** Per bot, connecting included. */
  timeoutMs?: number;
}

export interface GatewayPool {
  /** The bot's connection, created and started on first use. */
  connection(botId: string): Promise<GatewayConnection>;
  api(botId: string): Promise<GatewayApi>;
  /**
   * Takes over a connection made outside the pool (the one that tested a new bot's gateway), so
   * that the bot keeps its session (and its pending pairing request) instead of connecting again.
   */
  adopt(botId: string, conn: GatewayConnection): Promise<void>;
  /** Closes the bot's connection; `forgetDeviceToken` also deletes its device token. */
  remove(botId: string, options?: { forgetDeviceToken?: boolean }): Promise<void>;
  /** Runs `fn` for every bot with bounded concurrency; one bot's failure is that bot's result. */
  sweep<T>(
    botIds: readonly string[],
    fn: (api: GatewayApi, botId: string) => Promise<T>,
    options?: SweepOptions,
  ): Promise<SweepResult<T>[]>;
  /** A `health` sweep whose answers also feed the live health. */
  healthSweep(botIds: readonly string[], options?: SweepOptions): Promise<SweepResult<GatewayHealth>[]>;
  liveHealth(botId: string): LiveHealth | undefined;
  onHealthChange(listener: (health: LiveHealth) => void): () => void;
  readonly size: number;
  close(): Promise<void>;
}

interface Entry {
  conn: GatewayConnection;
  api: GatewayApi;
  health: LiveHealthTracker;
}

function toInfo(e: unknown): ErrorInfo & { gatewayCode?: GatewayErrorCode } {
  if (isGatewayError(e)) return { ...e.toInfo(), gatewayCode: e.gatewayCode };
  if (e instanceof AppError) return e.toInfo();
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

/** One connection per bot, created on demand, with live health and fleet-wide sweeps. */
export function createGatewayPool(o: GatewayPoolOptions): GatewayPool {
  const log = (o.log ?? silentLogger).child('gateway-pool');
  const clock = o.clock ?? systemClock;
  const entries = new Map<string, Promise<Entry>>();
  const trackers = new Map<string, LiveHealthTracker>();
  const healthListeners = new Set<(h: LiveHealth) => void>();
  let identity: Promise<DeviceIdentity> | null = o.identity ? Promise.resolve(o.identity) : null;
  let closing = false;

  const notify = (h: LiveHealth) => {
    for (const l of healthListeners) {
      try {
        l(h);
      } catch (e) {
        log.error('health listener failed', { error: e });
      }
    }
  };

  const create = async (botId: string): Promise<Entry> => {
    identity ??= loadOrCreateDeviceIdentity(o.secrets);
    const [id, endpoint] = await Promise.all([identity, o.endpoint(botId)]);
    const conn = createGatewayConnection({
      url: endpoint.url,
      token: endpoint.token,
      identity: id,
      secrets: o.secrets,
      gatewayKey: botId,
      clientVersion: o.clientVersion,
      log: log.child(botId),
      ...(endpoint.headers ? { headers: endpoint.headers } : {}),
      ...(o.requestTimeoutMs !== undefined ? { requestTimeoutMs: o.requestTimeoutMs } : {}),
      ...(o.connectTimeoutMs !== undefined ? { connectTimeoutMs: o.connectTimeoutMs } : {}),
      ...(o.backoff ? { backoff: o.backoff } : {}),
    });
    return track(botId, conn);
  };

  const track = (botId: string, conn: GatewayConnection): Entry => {
    const health = trackLiveHealth(botId, conn, clock, notify);
    trackers.set(botId, health);
    conn.start();
    return { conn, api: createGatewayApi(conn), health };
  };

  const entry = (botId: string): Promise<Entry> => {
    if (closing) return Promise.reject(new AppError('UNAVAILABLE', 'The gateway pool is shutting down.'));
    let e = entries.get(botId);
    if (!e) {
      e = create(botId);
      entries.set(botId, e);
      e.catch(() => entries.delete(botId));
    }
    return e;
  };

  const sweep = async <T>(
    botIds: readonly string[],
    fn: (api: GatewayApi, botId: string) => Promise<T>,
    options: SweepOptions = {},
  ): Promise<SweepResult<T>[]> => {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const results = new Map<string, SweepResult<T>>();
    await forEachLimited(botIds, options.concurrency ?? o.sweepConcurrency ?? 64, async (botId) => {
      const t0 = performance.now();
      try {
        const e = await entry(botId);
        await e.conn.ready(timeoutMs);
        const value = await fn(e.api, botId);
        results.set(botId, { botId, ok: true, value, ms: performance.now() - t0 });
      } catch (err) {
        results.set(botId, { botId, ok: false, error: toInfo(err), ms: performance.now() - t0 });
      }
    });
    return botIds.map((id) => results.get(id) as SweepResult<T>);
  };

  return {
    connection: async (botId) => (await entry(botId)).conn,
    api: async (botId) => (await entry(botId)).api,
    async adopt(botId, conn) {
      if (closing) {
        await conn.close();
        throw new AppError('UNAVAILABLE', 'The gateway pool is shutting down.');
      }
      const before = entries.get(botId);
      entries.set(botId, Promise.resolve(track(botId, conn)));
      const old = before ? await before.catch(() => null) : null;
      if (old && old.conn !== conn) {
        old.health.dispose();
        await old.conn.close();
      }
    },
    async remove(botId, options = {}) {
      const e = entries.get(botId);
      entries.delete(botId);
      trackers.delete(botId);
      if (e) {
        const got = await e.catch(() => null);
        if (got) {
          got.health.dispose();
          await got.conn.close();
        }
      }
      if (options.forgetDeviceToken) {
        const id = await (identity ?? loadOrCreateDeviceIdentity(o.secrets));
        await deviceTokenStore(o.secrets, botId, id.deviceId).clear();
      }
    },
    sweep,
    healthSweep: (botIds, options) =>
      sweep(
        botIds,
        async (api, botId) => {
          const h = await api.health({ timeoutMs: options?.timeoutMs ?? 10_000 });
          trackers.get(botId)?.observeHealth(h);
          return h;
        },
        options,
      ),
    liveHealth: (botId) => trackers.get(botId)?.get(),
    onHealthChange(listener) {
      healthListeners.add(listener);
      return () => healthListeners.delete(listener);
    },
    get size() {
      return entries.size;
    },
    async close() {
      closing = true;
      const all = [...entries.values()];
      entries.clear();
      trackers.clear();
      await Promise.all(
        all.map(async (p) => {
          const e = await p.catch(() => null);
          if (!e) return;
          e.health.dispose();
          await e.conn.close();
        }),
      );
    },
  };
}
