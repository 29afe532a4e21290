/**
 * The local target against real OpenClaw gateways (openclaw@2026.9.6 under Node 24, installed once
 * into ~/.cache/clawster by the harness and used here as the OpenClaw "the operator already has").
 * At most one gateway of this file runs at a time, inside one of the harness's gateway slots.
 * Secrets live in the keychain's test double (the keychain itself is tested in keychain.test.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGatewayConnection, type GatewayConnection } from '../../main/gateway/connection.ts';
import { loadOrCreateDeviceIdentity } from '../../main/gateway/device-identity.ts';
import { createGatewayApi } from '../../main/gateway/gateway-api.ts';
import { createLocalTarget, type LocalTarget } from '../../main/targets/local/local-target.ts';
import type { LocalLogLine } from '../../main/targets/local/log-lines.ts';
import { botPaths, gatewayTokenRef } from '../../main/targets/local/paths.ts';
import { pidAlive } from '../../main/targets/local/pidfile.ts';
import { createRuntimeResolver, type RuntimeResolver } from '../../main/targets/local/runtime.ts';
import type { LocalTransition } from '../../main/targets/local/supervisor.ts';
import { builtinTemplates } from '../../shared/config/builtin-templates.ts';
import { AppError } from '../../shared/contract/errors.ts';
import { MemorySecretStoreDouble } from '../support/memory-secret-store.ts';
import type { HeldLock } from '../support/openclaw/file-lock.ts';
import { ensureOpenclaw, OPENCLAW_VERSION } from '../support/openclaw/install.ts';
import { acquireGatewaySlot } from '../support/openclaw/real-gateway.ts';

const minimal = builtinTemplates.find((t) => t.metadata.name === 'minimal');
if (!minimal) throw new Error('the Minimal template is missing');
const minimalConfig = minimal.spec.config as Record<string, unknown>;
const bot = { id: 'local-1', name: 'local-one' };
const readyTimeoutMs = 240_000;

let slot: HeldLock | undefined;
let dataDir: string;
let runtimes: RuntimeResolver;
const secrets = new MemorySecretStoreDouble();
const targets: LocalTarget[] = [];
const conns: GatewayConnection[] = [];
const numbers: Record<string, number> = {};

function target(o: { readyTimeoutMs?: number } = {}): LocalTarget {
  const t = createLocalTarget({
    dataDir,
    secrets,
    runtimes,
    readyTimeoutMs: o.readyTimeoutMs ?? readyTimeoutMs,
    // Offline here: no channels, no network fetches of OpenClaw's own.
    extraEnv: { OPENCLAW_OFFLINE: '1', OPENCLAW_SKIP_CHANNELS: '1' },
    portRange: { first: 29_100, last: 29_900 },
  });
  targets.push(t);
  return t;
}

function nextTransition(t: LocalTarget, botId: string, phase: string): Promise<LocalTransition> {
  return new Promise((resolve) => {
    const off = t.onTransition((x) => {
      if (x.botId !== botId || x.phase !== phase) return;
      off();
      resolve(x);
    });
  });
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

/** RSS of a process and its group's other members, in MB (Linux /proc). */
function groupRssMb(pgid: number): number {
  let kb = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return Math.round(kb / 1024);
}

beforeAll(async () => {
  const install = await ensureOpenclaw();
  slot = await acquireGatewaySlot();
  dataDir = await mkdtemp(join(tmpdir(), 'clawster-local-'));
  runtimes = createRuntimeResolver({
    dataDir,
    searchPaths: [join(install.dir, 'node_modules', '.bin', 'openclaw')],
    usePath: false,
    node: install.node,
  });
}, 900_000);

afterAll(async () => {
  await Promise.all(conns.map((c) => c.close()));
  for (const t of targets.reverse()) {
    for (const id of [bot.id, 'bad-config', 'slow']) await t.destroy(id).catch(() => undefined);
    t.close();
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  await slot?.release();
  console.log(`local target numbers: ${JSON.stringify(numbers)}`);
}, 120_000);

describe('local target with a real OpenClaw gateway', () => {
  let t: LocalTarget;
  let pid = 0;

  it('deploys the Minimal template to a running, healthy gateway that answers health over its own client', async () => {
    t = target();
    const t0 = performance.now();
    const res = await t.deploy(bot, { version: 'v1', json: minimalConfig }, []);
    numbers.deployToReadyMs = Math.round(performance.now() - t0);
    expect(res).toMatchObject({ configVersion: 'v1', changed: true });

    const s = await t.status(bot.id);
    expect(s).toMatchObject({ state: 'running', health: 'healthy', running: 1, desired: 1, restartCount: 0 });
    expect(s.events[0]?.message).toMatch(/^running: ready on port \d+/);
    pid = s.pid ?? 0;
    expect(pidAlive(pid)).toBe(true);
    numbers.rssMb = groupRssMb(pid);

    // The config file holds no secret; the token is only in the keychain.
    const p = botPaths(dataDir, bot.id);
    const token = await secrets.get(gatewayTokenRef(bot.id));
    expect(token).toBeTruthy();
    expect(statSync(p.config).mode & 0o777).toBe(0o600);
    for (const f of [p.config, p.record, p.pidFile]) expect(readFileSync(f, 'utf8')).not.toContain(token);

    const conn = await t.connection(bot.id);
    const c = createGatewayConnection({
      url: conn.url,
      token,
      identity: await loadOrCreateDeviceIdentity(secrets),
      secrets,
      gatewayKey: bot.id,
      clientVersion: '0.1.0',
      connectTimeoutMs: 60_000,
    });
    conns.push(c);
    c.start();
    const hello = await c.ready(120_000);
    expect(hello.server.version).toBe(OPENCLAW_VERSION);
    expect((await createGatewayApi(c).health()).ok).toBe(true);
    await c.close();

    // The same config again changes nothing.
    expect(await t.deploy(bot, { version: 'v1', json: minimalConfig }, [])).toMatchObject({ changed: false });
  });

  it('pages the log with levels, follows it, and stops the gateway (the follow sees the shutdown line)', async () => {
    const page = await t.logs(bot.id, { limit: 5 });
    expect(page.lines).toHaveLength(5);
    expect(page.cursor).not.toBeNull();
    expect((page.lines[0] as LocalLogLine).level).toBe('info');
    const next = await t.logs(bot.id, { cursor: page.cursor ?? undefined, limit: 5 });
    expect(next.lines[0]?.id).not.toBe(page.lines[0]?.id);

    const ac = new AbortController();
    const seen: LocalLogLine[] = [];
    let sawShutdown: () => void = () => {};
    const shutdownLine = new Promise<void>((resolve) => {
      sawShutdown = resolve;
    });
    const following = t.followLogs(bot.id, {
      signal: ac.signal,
      onLines: (lines) => {
        seen.push(...lines);
        if (lines.some((l) => /SIGTERM|shutting down/.test(l.message))) sawShutdown();
      },
    });

    const t0 = performance.now();
    await t.stop(bot.id);
    numbers.stopMs = Math.round(performance.now() - t0);
    await shutdownLine;
    ac.abort();
    await following;
    expect(seen.length).toBeGreaterThan(0);

    const s = await t.status(bot.id);
    expect(s).toMatchObject({ state: 'stopped', running: 0, desired: 0 });
    expect(s.events[0]?.message).toMatch(/^stopped: stopped by the operator/);
    expect(pidAlive(pid)).toBe(false);
    expect(existsSync(botPaths(dataDir, bot.id).pidFile)).toBe(false);
    await t.stop(bot.id); // idempotent
  });

  it('starts it again on the same port and counts the restart', async () => {
    const before = await t.status(bot.id);
    const t0 = performance.now();
    await t.start(bot.id);
    numbers.startToReadyMs = Math.round(performance.now() - t0);
    const s = await t.status(bot.id);
    expect(s).toMatchObject({ state: 'running', health: 'healthy', port: before.port, restartCount: 1 });
    pid = s.pid ?? 0;
  });

  it('detects a kill -9 from outside as failed, with the reason, and leaves nothing behind', async () => {
    const failed = nextTransition(t, bot.id, 'failed');
    process.kill(pid, 'SIGKILL');
    const tr = await failed;
    expect(tr.message).toContain('was killed by SIGKILL');
    const s = await t.status(bot.id);
    expect(s.state).toBe('failed');
    expect(s.lastError?.message).toContain('SIGKILL');
    expect(existsSync(botPaths(dataDir, bot.id).pidFile)).toBe(false);
    // The group was sent SIGKILL before the failure was reported; the kernel tears it down a moment later.
    await vi.waitFor(() => expect(groupRssMb(pid)).toBe(0), { timeout: 5000, interval: 20 });
  });

  it('a new target instance (the app restarted) adopts the running gateway', async () => {
    await t.start(bot.id);
    const running = await t.status(bot.id);
    t.close();
    const t2 = target();
    const report = await t2.adopt();
    expect(report.adopted).toEqual([{ botId: bot.id, pid: running.pid, port: running.port }]);
    expect(report.dead).toEqual([]);
    const s = await t2.status(bot.id);
    expect(s).toMatchObject({ state: 'running', health: 'healthy', pid: running.pid });
    expect(s.events[0]?.message).toMatch(/^adopted after an app restart/);
    t = t2;
    await t.stop(bot.id);
    expect(pidAlive(running.pid ?? 0)).toBe(false);
  });

  it('refuses to start on a port another program holds, with the reason, and starts nothing', async () => {
    const { port } = await t.status(bot.id);
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const e = await failure(t.start(bot.id));
      expect(e.code).toBe('PRECONDITION');
      expect(e.message).toContain(`Port ${port}`);
      const s = await t.status(bot.id);
      expect(s).toMatchObject({ state: 'failed', running: 0 });
      expect(s.lastError?.message).toContain('in use by another program');
      expect(existsSync(botPaths(dataDir, bot.id).pidFile)).toBe(false);
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });

  it('ends a config the gateway rejects in failed, with the log tail, and nothing running', async () => {
    const bad = {
      ...minimalConfig,
      agents: { defaults: { sandbox: { mode: 'bogus' } } },
    };
    const e = await failure(t.deploy({ id: 'bad-config', name: 'bad' }, { version: 'bad1', json: bad }, []));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('before it was ready');
    expect(e.message).toContain('agents.defaults.sandbox.mode');
    const s = await t.status('bad-config');
    expect(s).toMatchObject({ state: 'failed', running: 0 });
    expect(existsSync(botPaths(dataDir, 'bad-config').pidFile)).toBe(false);
  });

  it('stops a gateway that is not ready in time and says so', async () => {
    const impatient = target({ readyTimeoutMs: 2000 });
    const e = await failure(
      impatient.deploy({ id: 'slow', name: 'slow' }, { version: 's1', json: minimalConfig }, []),
    );
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.message).toContain('was not ready after 2 s');
    const s = await impatient.status('slow');
    expect(s).toMatchObject({ state: 'failed', running: 0 });
    expect(existsSync(botPaths(dataDir, 'slow').pidFile)).toBe(false);
  });

  it('destroy removes the state folder and the token; a second destroy removes nothing', async () => {
    const res = await t.destroy(bot.id);
    expect(res.removed.join('\n')).toContain('state folder');
    expect(existsSync(botPaths(dataDir, bot.id).dir)).toBe(false);
    expect(await secrets.get(gatewayTokenRef(bot.id))).toBeNull();
    expect((await t.status(bot.id)).state).toBe('absent');
    expect(await t.destroy(bot.id)).toEqual({ removed: [] });
  });
});
