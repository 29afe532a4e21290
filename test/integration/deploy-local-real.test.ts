/**
 * Deploying bots on this workstation through the control plane, with a real OpenClaw gateway
 * (openclaw@2026.9.6 under Node 24, installed once by the harness and used as the OpenClaw the
 * operator already has). One gateway of this file runs at a time, inside a harness slot. Secrets
 * live in the keychain's test double (the keychain itself is tested in keychain.test.ts).
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileSink } from '../../main/log/file-sink.ts';
import { createLogger } from '../../main/log/logger.ts';
import { createRuntimeResolver } from '../../main/targets/local/runtime.ts';
import { alertInputSchema } from '../../shared/alerts/alerts.ts';
import { type ChangeSetInfo, changeSetInfoSchema } from '../../shared/domain/changeset.ts';
import { type BotRuntime, botRuntimeSchema } from '../../shared/domain/lifecycle.ts';
import { logsAppendedSchema } from '../../shared/domain/logs.ts';
import {
  type OpenclawChecksReport,
  openclawChecksReportSchema,
} from '../../shared/domain/openclaw-checks.ts';
import { startControlPlane, type TestControlPlane } from '../support/control-plane.ts';
import { MemorySecretStoreDouble } from '../support/memory-secret-store.ts';
import type { HeldLock } from '../support/openclaw/file-lock.ts';
import { ensureOpenclaw } from '../support/openclaw/install.ts';
import { acquireGatewaySlot } from '../support/openclaw/real-gateway.ts';

const V = 'apiVersion: clawster.dev/v1';
let slot: HeldLock | undefined;
let t: TestControlPlane;
let fleetId = '';
const secrets = new MemorySecretStoreDouble();
const logFile = join(mkdtempSync(join(tmpdir(), 'clawster-deploy-log-')), 'clawster.log');

const botManifest = (name: string, overrides = '') => `${V}
kind: Bot
metadata:
  name: ${name}
  fleet: Prod
spec:
  template: minimal${overrides}
`;

function runtimeWhere(botId: string, ok: (r: BotRuntime) => boolean): Promise<BotRuntime> {
  return new Promise((resolve) => {
    const off = t.cp.onEvent((event, payload) => {
      if (event !== 'bot.runtime.changed') return;
      const r = botRuntimeSchema.safeParse(payload);
      if (r.success && r.data.botId === botId && ok(r.data)) {
        off();
        resolve(r.data);
      }
    });
  });
}

function checksWhere(botId: string, ok: (r: OpenclawChecksReport) => boolean): Promise<OpenclawChecksReport> {
  return new Promise((resolve) => {
    const off = t.cp.onEvent((event, payload) => {
      if (event !== 'bot.checks.changed') return;
      const r = openclawChecksReportSchema.safeParse(payload);
      if (r.success && r.data.botId === botId && ok(r.data)) {
        off();
        resolve(r.data);
      }
    });
  });
}

const alerts = () =>
  t.events.flatMap((e) => {
    const a = alertInputSchema.safeParse(e.payload);
    return e.event === 'alert.raised' && a.success ? [a.data] : [];
  });

beforeAll(async () => {
  const install = await ensureOpenclaw();
  slot = await acquireGatewaySlot();
  t = startControlPlane({
    secrets,
    log: createLogger({ level: 'info', sink: fileSink(logFile) }),
    local: {
      runtimes: createRuntimeResolver({
        dataDir: '/nonexistent-clawster-runtimes',
        searchPaths: [join(install.dir, 'node_modules', '.bin', 'openclaw')],
        usePath: false,
        node: install.node,
      }),
      extraEnv: { OPENCLAW_OFFLINE: '1', OPENCLAW_SKIP_CHANNELS: '1' },
      portRange: { first: 30_100, last: 30_900 },
      readyTimeoutMs: 240_000,
    },
  });
  fleetId = (await t.call('fleet.create', { name: 'Prod', environment: 'prod' })).id;
}, 900_000);

// When a test fails, the control plane's log says why (CI keeps only the output).
afterEach((context) => {
  if (context.task.result?.state !== 'fail' || !existsSync(logFile)) return;
  const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-40).join('\n');
  process.stderr.write(`--- the last lines of the Clawster log at "${context.task.name}":\n${tail}\n---\n`);
});

afterAll(async () => {
  if (t) {
    for (const b of await t.call('bot.list', { fleetId }).catch(() => [])) {
      await t.cp.dispatch('bot.destroy', { id: b.id, confirmName: b.name });
    }
    await t.cleanup();
  }
  await slot?.release();
}, 120_000);

describe('deploying a bot on this workstation (real OpenClaw gateway)', () => {
  let botId = '';

  it('refuses a bot without config, and a config with a critical finding, starting nothing', async () => {
    const bare = await t.call('bot.create', { fleetId, name: 'bare' });
    const none = await t.fail('bot.deploy', { id: bare.id });
    expect(none).toMatchObject({ code: 'PRECONDITION' });
    expect(none.message).toMatch(/has no config yet/);

    // Applied while the fleet was dev (allowed there), then deployed once it is prod: refused.
    await t.call('fleet.update', { id: fleetId, environment: 'dev' });
    await t.call('manifest.apply', {
      files: [
        {
          name: 'open.yaml',
          text: botManifest(
            'open',
            '\n  overrides:\n    config:\n      agents:\n        defaults:\n          sandbox:\n            mode: "off"',
          ),
        },
      ],
    });
    await t.call('fleet.update', { id: fleetId, environment: 'prod' });
    const open = (await t.call('bot.list', { fleetId })).find((b) => b.name === 'open');
    const refused = await t.fail('bot.deploy', { id: open?.id ?? '' });
    expect(refused.code).toBe('PRECONDITION');
    expect(refused.message).toMatch(/refused by policy: sandbox\.off \(critical\)/);
    expect(await t.call('bot.runtime.get', { id: open?.id ?? '' })).toBeNull();
    expect(existsSync(join(t.cp.dataDir, 'bots', open?.id ?? 'x'))).toBe(false);
    // The shell hears of it (a notification).
    expect(alerts()).toEqual([
      expect.objectContaining({ kind: 'deploy.refused', botName: 'open', fleetName: 'Prod' }),
    ]);
    expect(alerts()[0]?.detail).toMatch(/sandbox\.off/);
  });

  it('runs the OpenClaw a bot pins: one this machine lacks ends in error with the reason, nothing started', async () => {
    await t.call('manifest.apply', {
      files: [{ name: 'pinned.yaml', text: botManifest('pinned', '\n  openclawVersion: 2026.9.4') }],
    });
    const pinned = (await t.call('bot.list', { fleetId })).find((b) => b.name === 'pinned');
    const e = await t.fail('bot.deploy', { id: pinned?.id ?? '' });
    expect(e.code).toBe('PRECONDITION');
    expect(e.message).toMatch(/OpenClaw 2026\.9\.4 is not installed here; found only .*\(2026\.9\.6\)/);
    expect(await t.call('bot.runtime.get', { id: pinned?.id ?? '' })).toMatchObject({
      state: 'error',
      lastError: { code: 'PRECONDITION' },
    });
    expect(existsSync(join(t.cp.dataDir, 'bots', pinned?.id ?? 'x', 'gateway.pid'))).toBe(false);
    await t.call('bot.destroy', { id: pinned?.id ?? '', confirmName: 'pinned' });
  });

  it('deploys the Minimal template to running, with every transition in the timeline', async () => {
    await t.call('manifest.apply', { files: [{ name: 'alpha.yaml', text: botManifest('alpha') }] });
    botId = (await t.call('bot.list', { fleetId })).find((b) => b.name === 'alpha')?.id ?? '';
    const checked = checksWhere(botId, (r) => r.trigger === 'deploy');
    const runtime = await t.call('bot.deploy', { id: botId });
    expect(runtime).toMatchObject({
      botId,
      target: 'local',
      desiredState: 'running',
      state: 'running',
      lastError: null,
    });
    expect(runtime.port).toBeGreaterThanOrEqual(30_100);
    const { events } = await t.call('bot.events.list', { id: botId });
    expect(events.map((e) => `${e.fromState ?? '-'}>${e.toState}`).reverse()).toEqual([
      '->pending',
      'pending>provisioning',
      'provisioning>running',
    ]);
    // The config the bot runs holds references, never the gateway token.
    const written = readFileSync(join(t.cp.dataDir, 'bots', botId, 'openclaw.json'), 'utf8');
    expect(written).toContain('OPENCLAW_GATEWAY_TOKEN');
    const audit = (await t.call('audit.list', { resourceId: botId })).events.map((e) => e.action);
    expect(audit).toContain('bot.deploy');

    // OpenClaw's own security audit and doctor ran after the deploy, with the bot's environment.
    const report = await checked;
    expect(report).toMatchObject({ openclawVersion: '2026.9.6', failures: [] });
    expect(new Set(report.findings.map((f) => f.source))).toEqual(new Set(['security-audit', 'doctor']));
    expect(report.findings.every((f) => f.checkId !== '' && f.title !== '')).toBe(true);
    expect(await t.call('bot.checks.get', { id: botId })).toEqual(report);
    // The token the gateway runs with appears in none of it.
    const token = await secrets.get(`clawster/local/${botId}/gateway-token`);
    expect(token?.length).toBeGreaterThan(30);
    expect(JSON.stringify(report)).not.toContain(token);
  }, 240_000);

  it("runs OpenClaw's checks on demand; a new critical finding raises an alert, once", async () => {
    const config = join(t.cp.dataDir, 'bots', botId, 'openclaw.json');
    const before = alerts().length;
    chmodSync(config, 0o644);
    try {
      const loose = await t.call('bot.checks.run', { id: botId });
      expect(loose.trigger).toBe('operator');
      const critical = loose.findings.filter((f) => f.severity === 'critical');
      expect(critical.map((f) => f.checkId)).toContain('fs.config.perms_world_readable');
      expect(loose.newCritical.length).toBeGreaterThan(0);
      expect(alerts().slice(before)).toEqual([
        expect.objectContaining({ kind: 'checks.critical', severity: 'critical', botId, botName: 'alpha' }),
      ]);
      // The same finding again is not news.
      const again = await t.call('bot.checks.run', { id: botId });
      expect(again.newCritical).toEqual([]);
      expect(alerts().length).toBe(before + 1);
    } finally {
      chmodSync(config, 0o600);
    }
    const fixed = await t.call('bot.checks.run', { id: botId });
    expect(fixed.findings.map((f) => f.checkId)).not.toContain('fs.config.perms_world_readable');
  }, 240_000);

  it('pages its log with level and search filters', async () => {
    const page = await t.call('bot.logs.page', { id: botId, limit: 1000 });
    expect(page.lines.length).toBeGreaterThan(0);
    expect(page.lines.some((l) => l.level !== undefined)).toBe(true);
    const warnUp = await t.call('bot.logs.page', { id: botId, limit: 1000, level: 'warn' });
    expect(warnUp.lines.every((l) => !['debug', 'info', 'trace'].includes(l.level ?? ''))).toBe(true);
    const word = page.lines[0]?.message.split(/\s+/).find((w) => w.length > 4) ?? 'gateway';
    const found = await t.call('bot.logs.page', { id: botId, limit: 1000, search: word.toUpperCase() });
    expect(found.lines.length).toBeGreaterThan(0);
    expect(found.lines.every((l) => l.message.toLowerCase().includes(word.toLowerCase()))).toBe(true);
  });

  it('finds no drift right after a deploy, then reports and heals a change made behind its back', async () => {
    const { followId } = await t.call('bot.logs.follow', { id: botId });
    const followed = new Promise<number>((resolve) => {
      const off = t.cp.onEvent((event, payload) => {
        const p = logsAppendedSchema.safeParse(payload);
        if (event === 'bot.logs.appended' && p.success && p.data.followId === followId) {
          off();
          resolve(p.data.lines.length);
        }
      });
    });
    const first = await t.call('reconcile.run', { botId });
    expect(first.results).toEqual([expect.objectContaining({ botId, status: 'in-sync' })]);

    const api = await t.cp.gateways.pool.api(botId);
    const live = await api.configGet({ timeoutMs: 60_000 });
    await api.configPatch(
      {
        patch: { logging: { level: 'debug' } },
        baseHash: live.hash,
        note: 'test: drift',
      },
      { timeoutMs: 60_000 },
    );
    // The fleet reports drift only (the default), and the shell hears of it once...
    const alertsBefore = alerts().length;
    const noticed = await t.call('reconcile.run', { fleetId });
    expect(noticed.results).toEqual([
      expect.objectContaining({ botId, status: 'drifted', changes: ['logging.level'] }),
    ]);
    await t.call('reconcile.run', { fleetId });
    expect(alerts().slice(alertsBefore)).toEqual([
      expect.objectContaining({ kind: 'drift.found', botId, botName: 'alpha', detail: 'logging.level' }),
    ]);
    // ...until the operator chooses to heal it.
    await t.call('fleet.update', { id: fleetId, driftMode: 'heal' });
    const healed = await t.call('reconcile.run', { fleetId });
    expect(healed.results).toEqual([expect.objectContaining({ botId, status: 'healed' })]);
    const after = await api.configGet({ timeoutMs: 60_000 });
    expect(JSON.stringify(after.parsed)).not.toContain('"debug"');
    expect((await t.call('reconcile.run', { botId })).results[0]?.status).toBe('in-sync');
    const audit = (await t.call('audit.list', { resourceId: botId })).events.map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['reconcile.drift', 'reconcile.heal']));
    // The gateway logged the config changes, and the follow pushed them.
    expect(await followed).toBeGreaterThan(0);
    expect(await t.call('bot.logs.unfollow', { followId })).toEqual({ stopped: true });
  });

  it('stops and starts again, counting the restart', async () => {
    expect(await t.call('bot.stop', { id: botId })).toMatchObject({
      state: 'stopped',
      desiredState: 'stopped',
    });
    const started = await t.call('bot.start', { id: botId });
    expect(started).toMatchObject({ state: 'running', desiredState: 'running', restartCount: 1 });
  });

  it('adopts the running gateway when the app restarts, and watches it again', async () => {
    await t.reopen();
    const resumed = await t.cp.resume();
    expect(resumed).toEqual({ adopted: [botId], restarted: [], failed: [] });
    expect(await t.call('bot.runtime.get', { id: botId })).toMatchObject({
      state: 'running',
      restartCount: 1,
    });
  });

  it('notices the gateway dying under kill -9 and records the error', async () => {
    const pid = Number(
      JSON.parse(readFileSync(join(t.cp.dataDir, 'bots', botId, 'gateway.pid'), 'utf8')).pid,
    );
    const errored = runtimeWhere(botId, (r) => r.state === 'error');
    process.kill(-pid, 'SIGKILL');
    const r = await errored;
    // An adopted gateway is no child of ours: its death is found by the liveness check.
    expect(r.lastError?.message).toMatch(/pid \d+\) stopped/);
  });

  it('reports the dead bot as drift of state, and in heal mode starts it again', async () => {
    // The fleet was switched to heal above; a pass finds the bot down and starts it.
    const before = alerts().length;
    const pass = await t.call('reconcile.run', { botId });
    expect(pass.results).toEqual([
      expect.objectContaining({
        botId,
        status: 'healed',
        changes: ['state'],
        detail: expect.stringMatching(/^Should be running, is error/),
      }),
    ]);
    expect(await t.call('bot.runtime.get', { id: botId })).toMatchObject({
      state: 'running',
      desiredState: 'running',
    });
    expect(alerts().length).toBe(before);
    const audit = (await t.call('audit.list', { resourceId: botId })).events.map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['bot.start', 'reconcile.heal']));
    expect((await t.call('reconcile.run', { botId })).results[0]?.status).toBe('in-sync');
  }, 240_000);

  it('rolls a change set out through a real redeploy, rolls back a change the gateway refuses, and alerts', async () => {
    const change = (title: string, overrides: string) =>
      t.call('changeset.create', {
        title,
        files: [
          { name: 'change.yaml', text: botManifest('alpha', `\n  overrides:\n    config:\n${overrides}`) },
        ],
        strategy: { kind: 'canary', bots: 1 },
        healthTimeoutSec: 120,
        bakeSec: 0,
      });
    const settled = (id: string) =>
      new Promise<ChangeSetInfo>((resolve) => {
        const off = t.cp.onEvent((event, payload) => {
          const cs = changeSetInfoSchema.safeParse(payload);
          if (event !== 'changeset.changed' || !cs.success || cs.data.id !== id) return;
          if (['completed', 'rolled-back', 'failed'].includes(cs.data.status)) {
            off();
            resolve(cs.data);
          }
        });
      });
    const debug = await change('Debug logs', '      logging:\n        level: debug');
    const done = settled(debug.id);
    expect((await t.call('changeset.start', { id: debug.id })).bots).toEqual([
      expect.objectContaining({ botId, wave: 1, status: 'pending' }),
    ]);
    expect(await done).toMatchObject({
      status: 'completed',
      bots: [expect.objectContaining({ status: 'healthy' })],
    });
    const written = () =>
      JSON.parse(readFileSync(join(t.cp.dataDir, 'bots', botId, 'openclaw.json'), 'utf8'));
    expect(written().logging).toMatchObject({ level: 'debug' });

    // A key this OpenClaw does not know: it passes Clawster's model and policy, the gateway refuses it.
    const before = alerts().length;
    const bad = await change('Unknown key', '      gateway:\n        notAKnownKey: true');
    const failed = settled(bad.id);
    await t.call('changeset.start', { id: bad.id });
    const result = await failed;
    const timeline = (await t.call('bot.events.list', { id: botId })).events
      .slice(0, 8)
      .map((e) => `${e.fromState ?? '-'}>${e.toState} ${e.cause}: ${e.message}`);
    expect({ status: result.status, failure: result.failure, bots: result.bots, timeline }).toMatchObject({
      status: 'rolled-back',
    });
    expect(result.failure).toMatch(/^Prod\/alpha failed in wave 1: /);
    expect(result.bots).toEqual([expect.objectContaining({ status: 'rolled-back' })]);
    expect(await t.call('bot.runtime.get', { id: botId })).toMatchObject({ state: 'running' });
    expect(written().gateway).not.toHaveProperty('notAKnownKey');
    // OpenClaw's own doctor may flag the unknown key too (checks.critical): both are true.
    expect(
      alerts()
        .slice(before)
        .filter((a) => a.kind === 'rollout.failed'),
    ).toEqual([
      expect.objectContaining({ severity: 'critical', botId, fleetName: 'Prod', changeSetId: bad.id }),
    ]);
  }, 600_000);

  it('destroys only with the bot name typed, removing its folder', async () => {
    expect((await t.fail('bot.destroy', { id: botId, confirmName: 'nope' })).code).toBe('VALIDATION');
    const done = await t.call('bot.destroy', { id: botId, confirmName: 'ALPHA' });
    expect(done.id).toBe(botId);
    expect(await t.call('bot.runtime.get', { id: botId })).toBeNull();
    expect(existsSync(join(t.cp.dataDir, 'bots', botId))).toBe(false);
  });
});
