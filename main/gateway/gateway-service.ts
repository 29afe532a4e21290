import { isNotNull } from 'drizzle-orm';
import { AppError } from '../../shared/contract/errors.ts';
import type { Params } from '../../shared/contract/requests.ts';
import type { BotHealth, GatewaySummary } from '../../shared/domain/gateway.ts';
import { assertCanAddBot, type BotService, findRow, listBots } from '../bots/bot-service.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../log/logger.ts';
import { registerSecretValue } from '../log/redact.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { Db } from '../store/database.ts';
import { bots } from '../store/schema.ts';
import type { Mutator } from '../store/unit-of-work.ts';
import type { BackoffPolicy } from './backoff.ts';
import { gatewaySummary, toBotHealth, unknownHealth } from './bot-health.ts';
import { createGatewayConnection, type GatewayConnection } from './connection.ts';
import { loadOrCreateDeviceIdentity } from './device-identity.ts';
import { deviceTokenStore } from './device-tokens.ts';
import { type GatewayErrorCode, isGatewayError } from './errors.ts';
import type { HelloOk } from './frames.ts';
import { createGatewayApi } from './gateway-api.ts';
import { createGatewayPool, type GatewayPool } from './pool.ts';
import { checkGatewayUrl } from './url-policy.ts';

/** Where a connected bot's gateway token lives in the SecretStore. */
export const gatewayTokenRef = (botId: string): string => `gateway/token/${botId}`;

export interface GatewayServiceOptions {
  db: Db;
  mutate: Mutator;
  bots: BotService;
  bus: EventBus;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  newId: () => string;
  clientVersion: string;
  /** How long a test or connect waits for the gateway (a starting gateway is waited for). */
  connectTimeoutMs?: number;
  backoff?: BackoffPolicy;
}

/** Failures that will not fix themselves within a request: reported at once, not after the timeout. */
const FAIL_FAST = new Set<GatewayErrorCode>(['UNREACHABLE', 'PROTOCOL_MISMATCH']);

/** A SecretStore that forgets everything: device tokens of a connection test are not kept. */
function ephemeralSecrets(): SecretStore {
  const m = new Map<string, string>();
  return {
    put: async (ref, value) => void m.set(ref, value),
    get: async (ref) => m.get(ref) ?? null,
    delete: async (ref) => m.delete(ref),
  };
}

/** The first outcome of a started connection: its hello, or the error an operator must act on. */
function firstOutcome(conn: GatewayConnection, timeoutMs: number): Promise<HelloOk> {
  return new Promise<HelloOk>((resolve, reject) => {
    const off = conn.onStatus((s) => {
      if (s.state === 'waiting' && s.error && FAIL_FAST.has(s.error.gatewayCode)) {
        off();
        reject(s.error);
      }
    });
    conn.ready(timeoutMs).then(
      (h) => {
        off();
        resolve(h);
      },
      (e: unknown) => {
        off();
        reject(e);
      },
    );
  });
}

/** The bots' gateways: connection tests, connecting bots, tokens, live health and cleanup. */
export function createGatewayService(o: GatewayServiceOptions) {
  const log = o.log.child('gateways');
  const timeoutMs = o.connectTimeoutMs ?? 20_000;
  /** Bots that have a gateway (so that deleting any other bot touches no keychain). */
  const connected = new Set<string>();
  const inFlight = new Set<Promise<unknown>>();
  const background = (what: string, p: Promise<unknown>) => {
    const q = p.catch((e: unknown) => log.error(`${what} failed`, { error: e }));
    inFlight.add(q);
    void q.finally(() => inFlight.delete(q));
  };

  /** Resolves once the cleanups and connects started in the background have finished. */
  const settled = async (): Promise<void> => {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  };

  const endpointOf = (botId: string) => {
    const row = findRow(o.db, botId);
    if (row.gatewayUrl === null || row.gatewayTokenRef === null)
      throw new AppError(
        'PRECONDITION',
        `Bot "${row.name}" is not connected to a gateway. Use "Connect existing bot" to connect one.`,
      );
    return { row, url: row.gatewayUrl, tokenRef: row.gatewayTokenRef };
  };

  const pool: GatewayPool = createGatewayPool({
    secrets: o.secrets,
    clientVersion: o.clientVersion,
    clock: o.clock,
    log,
    connectTimeoutMs: timeoutMs,
    ...(o.backoff ? { backoff: o.backoff } : {}),
    async endpoint(botId) {
      const e = endpointOf(botId);
      return { url: e.url, token: await o.secrets.get(e.tokenRef) };
    },
  });
  const offHealth = pool.onHealthChange((h) => o.bus.emit('bot.health.changed', toBotHealth(h)));

  const healthOf = (botId: string): BotHealth => {
    const live = pool.liveHealth(botId);
    return live ? toBotHealth(live) : unknownHealth(botId, o.clock);
  };

  /** A connection (not in the pool yet) to `url` with `token`, started. */
  const open = async (url: string, token: string, botId: string, secrets: SecretStore) => {
    const conn = createGatewayConnection({
      url,
      token,
      identity: await loadOrCreateDeviceIdentity(o.secrets),
      secrets,
      gatewayKey: botId,
      clientVersion: o.clientVersion,
      log,
      connectTimeoutMs: timeoutMs,
      ...(o.backoff ? { backoff: o.backoff } : {}),
    });
    conn.start();
    return conn;
  };

  const forget = async (botId: string) => {
    connected.delete(botId);
    await pool.remove(botId);
    const identity = await loadOrCreateDeviceIdentity(o.secrets);
    await deviceTokenStore(o.secrets, botId, identity.deviceId).clear();
    await o.secrets.delete(gatewayTokenRef(botId));
  };

  // A deleted bot (alone, or with its fleet) loses its connection, device token and token.
  const offBus = o.bus.on((event, payload) => {
    if (event !== 'bot.changed') return;
    const change = payload as { kind: string; id?: string };
    if (change.kind === 'deleted' && change.id && connected.has(change.id))
      background("removing a deleted bot's gateway", forget(change.id));
  });

  return {
    pool,

    /** Connects every bot that has a gateway (at start). */
    start() {
      const ids = o.db.select({ id: bots.id }).from(bots).where(isNotNull(bots.gatewayUrl)).all();
      for (const { id } of ids) {
        connected.add(id);
        background('connecting a bot', pool.connection(id));
      }
    },

    /**
     * Starts watching a bot's gateway (a bot Clawster just deployed or started): live health,
     * pushed events. Its gateway is up now, so a connection waiting out a backoff (the gateway was
     * down) tries again at once instead of at its next retry.
     */
    attach(botId: string): void {
      connected.add(botId);
      background(
        'connecting a bot',
        pool.connection(botId).then((conn) => conn.reconnect()),
      );
    },

    /** Stops watching a bot's gateway (stopped on purpose, or destroyed): no health, no alerts. */
    async detach(botId: string): Promise<void> {
      connected.delete(botId);
      await pool.remove(botId);
    },

    /** Connects to a gateway without keeping anything: its summary, or why not. */
    async test(p: Params<'bot.gateway.test'>): Promise<GatewaySummary> {
      registerSecretValue(p.token);
      const url = checkGatewayUrl(p.url);
      const conn = await open(url, p.token, `test-${o.newId()}`, ephemeralSecrets());
      try {
        const hello = await firstOutcome(conn, timeoutMs);
        return await gatewaySummary(url, hello, createGatewayApi(conn), timeoutMs);
      } finally {
        await conn.close();
      }
    },

    /**
     * Connects a new bot: the gateway must let Clawster in (or ask for pairing) before anything
     * is written; then the token goes to the SecretStore and the bot into the fleet, audited.
     */
    async connect(p: Params<'bot.connect'>) {
      registerSecretValue(p.token);
      const url = checkGatewayUrl(p.url);
      assertCanAddBot(o.db, p.fleetId, p.name);
      const botId = o.newId();
      const tokenRef = gatewayTokenRef(botId);
      const conn = await open(url, p.token, botId, o.secrets);
      let hello: HelloOk | null = null;
      try {
        hello = await firstOutcome(conn, timeoutMs);
      } catch (e) {
        if (!(isGatewayError(e) && e.gatewayCode === 'PAIRING_REQUIRED')) {
          await conn.close();
          throw e;
        }
      }
      try {
        await o.secrets.put(tokenRef, p.token);
        o.bots.create({ fleetId: p.fleetId, name: p.name, tags: p.tags }, { botId, url, tokenRef });
      } catch (e) {
        await conn.close();
        await forget(botId).catch((c: unknown) => log.error('cleanup after a failed connect', { error: c }));
        throw e;
      }
      connected.add(botId);
      await pool.adopt(botId, conn);
      const summary = hello ? await gatewaySummary(url, hello, createGatewayApi(conn), timeoutMs) : null;
      return { botId, health: healthOf(botId), summary };
    },

    /** Stores a new gateway token (audited, as a reference) and connects with it. */
    async setToken(p: Params<'bot.gateway.setToken'>): Promise<BotHealth> {
      registerSecretValue(p.token);
      const { tokenRef } = endpointOf(p.id);
      await o.secrets.put(tokenRef, p.token);
      o.mutate((tx) => {
        const row = findRow(tx.db, p.id);
        tx.audit({
          action: 'bot.gateway.setToken',
          resourceType: 'bot',
          resourceId: row.id,
          before: { gatewayTokenRef: tokenRef },
          after: { gatewayTokenRef: tokenRef, tokenReplacedAt: tx.now },
        });
      });
      connected.add(p.id);
      await pool.remove(p.id);
      const conn = await pool.connection(p.id);
      await firstOutcome(conn, timeoutMs).catch(() => null);
      return healthOf(p.id);
    },

    /** Tries a bot's gateway again now (after a stop, or to cut a backoff short). */
    async retry(p: Params<'bot.gateway.retry'>): Promise<BotHealth> {
      endpointOf(p.id);
      connected.add(p.id);
      const conn = await pool.connection(p.id);
      conn.reconnect();
      await firstOutcome(conn, timeoutMs).catch(() => null);
      return healthOf(p.id);
    },

    /** The live health of every bot of the fleet that has a gateway. */
    healthList(p: Params<'bot.health.list'>): BotHealth[] {
      return listBots(o.db, p.fleetId)
        .filter((b) => b.gatewayUrl !== undefined)
        .map((b) => healthOf(b.id));
    },

    async info(p: Params<'bot.gateway.info'>): Promise<GatewaySummary> {
      const { url } = endpointOf(p.id);
      const api = await pool.api(p.id);
      const hello = await api.connection.ready(timeoutMs);
      return gatewaySummary(url, hello, api, timeoutMs);
    },

    settled,

    async close(): Promise<void> {
      offBus();
      offHealth();
      await settled();
      await pool.close();
    },
  };
}
export type GatewayService = ReturnType<typeof createGatewayService>;
