/**
 * The reconciler against simulated gateways (a TEST DOUBLE of OpenClaw's gateway whose
 * config.patch merges like the real one): drift detected and healed with the baseHash just read,
 * notify-only fleets left alone, the policy gate honoured, drift that keeps coming back backed
 * off, and one unreachable bot reported without failing the pass.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../main/clock.ts';
import { createGatewayPool } from '../../main/gateway/pool.ts';
import { silentLogger } from '../../main/log/logger.ts';
import { createHealGuard } from '../../main/reconciler/heal-guard.ts';
import {
  createReconciler,
  type ReconcileBot,
  type ReconcileRecord,
  type ReconcilerDeps,
} from '../../main/reconciler/reconciler.ts';
import type { JsonObject } from '../../shared/config/json.ts';
import { createInMemorySecretStoreTestDouble } from '../support/sim-gateway/in-memory-secret-store.ts';
import { type SimGateway, startSimGateway } from '../support/sim-gateway/sim-gateway.ts';

const desired: JsonObject = {
  gateway: { mode: 'local', bind: 'loopback' },
  channels: { telegram: { dmPolicy: 'pairing' } },
  agents: { defaults: { sandbox: { mode: 'all' } } },
};
const drifted: JsonObject = {
  gateway: { mode: 'local', bind: 'loopback' },
  channels: { telegram: { dmPolicy: 'open', allowFrom: ['*'] } },
  agents: { defaults: { sandbox: { mode: 'all' } } },
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(count: number, overrides: Partial<ReconcilerDeps> = {}) {
  const sims: SimGateway[] = [];
  for (let i = 0; i < count; i++) {
    const s = await startSimGateway();
    cleanups.push(() => s.close());
    s.setConfig(structuredClone(desired));
    sims.push(s);
  }
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const pool = createGatewayPool({
    secrets: createInMemorySecretStoreTestDouble(),
    clientVersion: '0.1.0',
    clock,
    connectTimeoutMs: 2000,
    backoff: { initialMs: 20, maxMs: 200, multiplier: 2, jitter: 0.3 },
    endpoint: async (botId) => {
      const s = sims[Number(botId.slice(4))];
      if (!s) throw new Error(`no bot ${botId}`);
      return { url: s.url, token: s.token };
    },
  });
  cleanups.push(() => pool.close());
  const records: ReconcileRecord[] = [];
  const reconciler = createReconciler({
    clock,
    log: silentLogger,
    desired: () => desired,
    gate: () => ({ allowed: true }),
    sweep: pool.sweep,
    guard: createHealGuard(undefined, () => 0.5),
    record: (r) => records.push(r),
    sweepOptions: { timeoutMs: 3000 },
    ...overrides,
  });
  const bots = (mode: ReconcileBot['mode'] = 'heal'): ReconcileBot[] =>
    sims.map((_, i) => ({ id: `bot-${i}`, fleetId: 'f1', name: `bot ${i}`, mode }));
  return { sims, clock, reconciler, records, bots };
}

describe('reconciler (simulated gateways, a test double)', () => {
  it('leaves bots in sync alone, heals a drifted one through config.patch with the base hash, and audits the heal', async () => {
    const { sims, reconciler, records, bots } = await setup(3);
    sims[1]?.setConfig(structuredClone(drifted));
    const hashBefore = sims[1]?.state.hash;

    const report = await reconciler.reconcile(bots());
    expect(report.counts).toMatchObject({ 'in-sync': 2, healed: 1, drifted: 0, error: 0 });
    const healed = report.results.find((r) => r.botId === 'bot-1');
    expect(healed?.status).toBe('healed');
    expect(sims[1]?.state.config).toEqual(desired);
    expect(sims[1]?.state.hash).not.toBe(hashBefore);
    const write = sims[1]?.requests.find((r) => r.method === 'config.patch');
    expect(write?.params).toMatchObject({ baseHash: hashBefore });
    const raw =
      write?.params && typeof write.params === 'object' && 'raw' in write.params ? write.params.raw : '';
    expect(JSON.parse(String(raw))).toEqual({
      channels: { telegram: { allowFrom: null, dmPolicy: 'pairing' } },
    });
    expect(records.map((r) => `${r.action} ${r.bot.id}`)).toEqual(['reconcile.heal bot-1']);
    expect(records[0]?.changes.map((c) => c.path)).toEqual([
      'channels.telegram.allowFrom',
      'channels.telegram.dmPolicy',
    ]);

    const again = await reconciler.reconcile(bots());
    expect(again.counts['in-sync']).toBe(3);
    expect(sims.flatMap((s) => s.requests.filter((r) => r.method === 'config.patch'))).toHaveLength(1);
  });

  it('only reports drift for a notify fleet, and records it once until the bot is in sync again', async () => {
    const { sims, reconciler, records, bots } = await setup(1);
    sims[0]?.setConfig(structuredClone(drifted));
    const first = await reconciler.reconcile(bots('notify'));
    await reconciler.reconcile(bots('notify'));
    expect(first.results[0]).toMatchObject({ status: 'drifted', reason: 'notify' });
    expect(sims[0]?.state.config).toEqual(drifted);
    expect(records.map((r) => r.action)).toEqual(['reconcile.drift']);
    sims[0]?.setConfig(structuredClone(desired));
    await reconciler.reconcile(bots('notify'));
    sims[0]?.setConfig(structuredClone(drifted));
    await reconciler.reconcile(bots('notify'));
    expect(records.map((r) => r.action)).toEqual(['reconcile.drift', 'reconcile.drift']);
  });

  it('reports a gateway running another OpenClaw than deployed, and in heal mode restarts it', async () => {
    const restarted: string[] = [];
    const { reconciler, records, bots } = await setup(2, {
      // The first bot was deployed on 2026.9.4; the simulated gateway says 2026.9.6.
      desiredVersion: (id) => (id === 'bot-0' ? '2026.9.4' : '2026.9.6'),
      restart: async (id) => {
        restarted.push(id);
      },
    });
    const noticed = await reconciler.reconcile(bots('notify'));
    expect(noticed.results.map((r) => [r.botId, r.status])).toEqual([
      ['bot-0', 'drifted'],
      ['bot-1', 'in-sync'],
    ]);
    expect(noticed.results[0]).toMatchObject({
      changes: [{ path: 'openclawVersion', kind: 'changed', before: '2026.9.4', after: '2026.9.6' }],
      detail: 'The gateway runs OpenClaw 2026.9.6, deployed to run 2026.9.4; restart or redeploy it',
    });
    expect(restarted).toEqual([]);
    const healed = await reconciler.reconcile(bots('heal'));
    expect(healed.results[0]).toMatchObject({ botId: 'bot-0', status: 'healed' });
    expect(restarted).toEqual(['bot-0']);
    expect(records.map((r) => [r.bot.id, r.action])).toEqual([
      ['bot-0', 'reconcile.drift'],
      ['bot-0', 'reconcile.heal'],
    ]);
    // Still the other version after the restart: not restarted again and again, but backed off.
    const again = await reconciler.reconcile(bots('heal'));
    expect(again.results[0]).toMatchObject({ botId: 'bot-0', status: 'drifted', reason: 'recurring' });
    expect(restarted).toEqual(['bot-0']);
  });

  it('never heals past the policy gate', async () => {
    const { sims, reconciler, bots } = await setup(1, {
      gate: () => ({
        allowed: false,
        reason: 'sandbox.off (critical) at config.agents.defaults.sandbox.mode',
      }),
    });
    sims[0]?.setConfig(structuredClone(drifted));
    const report = await reconciler.reconcile(bots());
    expect(report.results[0]).toMatchObject({ status: 'drifted', reason: 'policy' });
    expect(sims[0]?.state.config).toEqual(drifted);
  });

  it('backs off when the same drift comes back after a heal, instead of fighting over the config', async () => {
    const { sims, clock, reconciler, bots } = await setup(1);
    sims[0]?.setConfig(structuredClone(drifted));
    expect((await reconciler.reconcile(bots())).results[0]?.status).toBe('healed');
    sims[0]?.setConfig(structuredClone(drifted)); // something on the bot puts it back
    const recurring = await reconciler.reconcile(bots());
    expect(recurring.results[0]).toMatchObject({ status: 'drifted', reason: 'recurring' });
    const paused = await reconciler.reconcile(bots());
    expect(paused.results[0]).toMatchObject({ status: 'drifted', reason: 'backoff' });
    expect(sims[0]?.state.config).toEqual(drifted);
    clock.advance(61_000); // first backoff: 60 s
    const retried = await reconciler.reconcile(bots());
    // Still the same patch as last healed: counted again, and the pause doubles.
    expect(retried.results[0]).toMatchObject({ status: 'drifted', reason: 'recurring' });
    expect(retried.results[0]?.status === 'drifted' && retried.results[0].detail).toMatch(/2 times/);
  });

  it('reports an unreachable bot as an error and a bot without desired config as unmanaged, and still reconciles the rest', async () => {
    const { sims, reconciler } = await setup(1, {
      desired: (botId) => (botId === 'bot-9' ? null : desired),
    });
    sims[0]?.setConfig(structuredClone(drifted));
    const report = await reconciler.reconcile([
      { id: 'bot-0', fleetId: 'f1', name: 'zero', mode: 'heal' },
      { id: 'bot-5', fleetId: 'f1', name: 'gone', mode: 'heal' },
      { id: 'bot-9', fleetId: 'f1', name: 'bare', mode: 'heal' },
    ]);
    expect(Object.fromEntries(report.results.map((r) => [r.botId, r.status]))).toEqual({
      'bot-0': 'healed',
      'bot-5': 'error',
      'bot-9': 'unmanaged',
    });
  });
});
