/**
 * TEST DOUBLE: the simulated gateway's default method handlers. They answer with the real
 * gateway's shapes and enforce what the client must respect: a config write needs the current
 * baseHash (a stale one is refused with the real gateway's text). `config.patch` merges its JSON5
 * patch the way the real gateway does (RFC 7396: objects merge, null removes, the rest replaces),
 * `config.apply` replaces the whole config; both move the hash on.
 */
import { createHash } from 'node:crypto';
import JSON5 from 'json5';
import { isPlainObject } from '../../../shared/config/json.ts';
import { deepMerge } from '../../../shared/config/merge.ts';
import { configSnapshot, healthPayload, statusPayload } from './sim-payloads.ts';
import { type SimGateway, type SimHandler, SimRequestError } from './sim-types.ts';

const rec = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

const startedAt = Date.now();
const zeroTotals = {
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
  totalTokens: 0,
  totalCost: 0,
  missingCostEntries: 0,
};

function configWrite(method: string): SimHandler {
  return (params, { sim }) => {
    const p = rec(params);
    const raw = typeof p.raw === 'string' ? p.raw : '';
    if (typeof p.baseHash !== 'string') {
      throw new SimRequestError({
        code: 'INVALID_REQUEST',
        message: 'config base hash required; re-run config.get and retry with baseHash',
      });
    }
    if (p.baseHash !== sim.state.hash) {
      throw new SimRequestError({
        code: 'INVALID_REQUEST',
        message: 'config changed since last load; re-run config.get and retry',
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON5.parse(raw);
    } catch {
      throw new SimRequestError({
        code: 'INVALID_REQUEST',
        message: `invalid ${method} params: raw is not JSON5`,
      });
    }
    if (!isPlainObject(parsed))
      throw new SimRequestError({
        code: 'INVALID_REQUEST',
        message: `invalid ${method} params: raw must be an object`,
      });
    const next = method === 'config.apply' ? parsed : deepMerge(sim.state.config, parsed);
    sim.state.config = isPlainObject(next) ? next : {};
    sim.state.hash = `sim:${createHash('sha256').update(sim.state.hash).update(raw).digest('base64url')}`;
    sim.state.lastWrite = { method, raw };
    sim.push('config.changed', {
      path: '/sim/.openclaw/openclaw.json',
      hash: sim.state.hash,
      ts: Date.now(),
    });
    return {
      ok: true,
      path: '/sim/.openclaw/openclaw.json',
      hash: sim.state.hash,
      config: sim.state.config,
      changedPaths: [],
      sentinel: { payload: { stats: { requiresRestart: false } } },
    };
  };
}

function restartRequest(_params: unknown, ctx: { sim: SimGateway }) {
  setTimeout(() => ctx.sim.restart(100), 20);
  return {
    ok: true,
    status: 'scheduled',
    preflight: { safe: true, counts: {}, blockers: [], summary: 'safe to restart now' },
    restart: { ok: true, signal: 'SIGUSR2', reason: 'sim' },
  };
}

export const defaultHandlers: Record<string, SimHandler | undefined> = {
  health: (_p, { sim }) => healthPayload(Date.now(), sim.state.healthy),
  status: () => statusPayload(Date.now(), startedAt),
  'config.get': (_p, { sim }) => configSnapshot(sim.state.config, sim.state.hash),
  'config.patch': configWrite('config.patch'),
  'config.apply': configWrite('config.apply'),
  'config.schema.lookup': (p) => ({
    path: String(rec(p).path ?? ''),
    schema: { type: 'string' },
    reloadKind: 'hot',
  }),
  'logs.tail': (p) => {
    const limit = Number(rec(p).limit ?? 3);
    const lines = Array.from({ length: Math.min(limit, 3) }, (_, i) =>
      JSON.stringify({ time: new Date().toISOString(), message: `sim log line ${i}` }),
    );
    return { file: '/sim/logs/openclaw.log', cursor: 120, size: 120, lines, truncated: false, reset: false };
  },
  'usage.cost': (p) => ({
    updatedAt: Date.now(),
    days: Number(rec(p).days ?? 30),
    daily: [],
    totals: zeroTotals,
    cacheStatus: { status: 'fresh' },
  }),
  'usage.status': () => ({ updatedAt: Date.now(), providers: [] }),
  'sessions.usage': () => ({ updatedAt: Date.now(), sessions: [], totals: zeroTotals, aggregates: {} }),
  'channels.status': () => ({ ts: Date.now(), channelOrder: [], channels: {}, channelAccounts: {} }),
  'agents.list': () => ({ defaultId: 'main', agents: [{ id: 'main', model: { primary: 'mock/echo' } }] }),
  'update.status': () => ({ sentinel: null, updateAvailable: null }),
  'gateway.restart.request': restartRequest,
};
