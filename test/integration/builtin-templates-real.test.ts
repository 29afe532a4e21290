/**
 * Every built-in template against the real OpenClaw (openclaw@2026.9.6 under Node 24, installed
 * into ~/.cache/clawster by the harness; one gateway for this file, loopback only):
 *
 * 1. `openclaw config validate --json` accepts the openclaw.json a bot of the template runs: the
 *    template resolved through the layers (shared/config/resolve.ts) for a minimal Bot manifest,
 *    its Clawster `$secret` references bound as deploy binds them (OpenClaw env SecretRefs,
 *    shared/config/secret-bindings.ts; an env template string where OpenClaw takes no SecretRef),
 *    with no warnings.
 * 2. A running gateway takes that config whole through `config.apply` with the base hash of the
 *    `config.get` before it, and `config.get` reads it back valid and without drift
 *    (shared/config/drift.ts). Only what the test harness owns is kept (the port, the shared
 *    token, the log file) so that the gateway stays reachable, as the local target does.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayConnection, type GatewayConnection } from '../../main/gateway/connection.ts';
import { loadOrCreateDeviceIdentity } from '../../main/gateway/device-identity.ts';
import { createGatewayApi, type GatewayApi } from '../../main/gateway/gateway-api.ts';
import { builtinTemplates } from '../../shared/config/builtin-templates.ts';
import { configDrift } from '../../shared/config/drift.ts';
import { isPlainObject, type JsonObject, type JsonValue } from '../../shared/config/json.ts';
import { createResolver } from '../../shared/config/resolve.ts';
import { bindSecrets } from '../../shared/config/secret-bindings.ts';
import { ensureOpenclaw, type OpenclawInstall } from '../support/openclaw/install.ts';
import { type RealGateway, startRealGateway } from '../support/openclaw/real-gateway.ts';
import { createInMemorySecretStoreTestDouble } from '../support/sim-gateway/in-memory-secret-store.ts';

const run = promisify(execFile);

const resolver = createResolver({ templates: builtinTemplates, profiles: [], overlays: [] });
const who = { bot: 'probe', fleet: 'Lab', environment: 'prod' };

/**
 * The openclaw.json of a bot made from the template (a Bot manifest naming only the template), its
 * secrets bound as deploy binds them (shared/config/secret-bindings.ts: env SecretRefs, or env
 * template strings where OpenClaw takes none), and the environment with a placeholder value for each.
 */
function botConfig(template: string): { config: JsonObject; env: Record<string, string> } {
  const r = resolver.resolve({
    apiVersion: 'clawster.dev/v1',
    kind: 'Bot',
    metadata: { name: who.bot, fleet: who.fleet, environment: 'prod' },
    spec: { template, openclawVersion: '2026.9.6' },
  });
  if (!r.ok) throw new Error(`${template} does not resolve: ${r.problems.map((p) => p.message).join('; ')}`);
  const bound = bindSecrets(r.value.config, who);
  const env = Object.fromEntries(
    bound.bindings.map((b) => [b.env, `placeholder-${b.env.toLowerCase()}-0123456789abcdef0123456789abcdef`]),
  );
  return { config: bound.config, env };
}

const obj = (v: JsonValue | undefined): JsonObject => (isPlainObject(v) ? v : {});

let install: OpenclawInstall;
let gw: RealGateway;
let conn: GatewayConnection;
let api: GatewayApi;

beforeAll(async () => {
  install = await ensureOpenclaw();
  gw = await startRealGateway();
  const secrets = createInMemorySecretStoreTestDouble();
  conn = createGatewayConnection({
    url: gw.url,
    token: gw.token,
    identity: await loadOrCreateDeviceIdentity(secrets),
    secrets,
    gatewayKey: 'templates',
    clientVersion: '0.1.0',
    connectTimeoutMs: 60_000,
  });
  conn.start();
  api = createGatewayApi(conn);
  await conn.ready(60_000);
}, 600_000);

afterAll(async () => {
  await conn?.close();
  await gw?.stop();
});

/** `openclaw config validate --json` on `config` in a temp home of its own, with `env` set. */
async function validateWithCli(config: JsonObject, env: Record<string, string>): Promise<unknown> {
  const home = await mkdtemp(join(tmpdir(), 'clawster-validate-'));
  try {
    const configPath = join(home, '.openclaw', 'openclaw.json');
    await mkdir(join(home, '.openclaw'), { recursive: true });
    await writeFile(configPath, JSON.stringify(config, null, 2), { mode: 0o600 });
    const result = await run(install.node, [install.entry, 'config', 'validate', '--json'], {
      cwd: home,
      // Nothing of the test runner's environment: openclaw behaves differently under VITEST.
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        OPENCLAW_HOME: home,
        OPENCLAW_STATE_DIR: join(home, '.openclaw'),
        OPENCLAW_CONFIG_PATH: configPath,
        TMPDIR: home,
        OPENCLAW_OFFLINE: '1',
        OPENCLAW_NO_AUTO_UPDATE: '1',
        ...env,
      },
      timeout: 120_000,
    }).catch((e: unknown) => {
      // A rejected config exits 1 with the JSON report on stdout.
      if (e && typeof e === 'object' && 'stdout' in e && typeof e.stdout === 'string' && e.stdout.trim())
        return { stdout: e.stdout };
      throw e;
    });
    return JSON.parse(result.stdout);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

describe('built-in templates against the real OpenClaw 2026.9.6', () => {
  for (const t of builtinTemplates) {
    const name = t.metadata.name;

    it(`${name}: openclaw config validate accepts the bot's openclaw.json without warnings`, async () => {
      const { config, env } = botConfig(name);
      const report = await validateWithCli(config, env);
      expect(report).toMatchObject({ valid: true, warnings: [] });
    }, 180_000);

    it(`${name}: a running gateway takes it through config.apply and reads it back without drift`, async () => {
      const { config } = botConfig(name);
      // What the harness owns (as the local target owns them for a bot): port, token, log file.
      const gateway = obj(config.gateway);
      const desired: JsonObject = {
        ...config,
        gateway: {
          ...gateway,
          port: gw.port,
          auth: { ...obj(gateway.auth), mode: 'token', token: gw.token },
        },
        logging: { ...obj(config.logging), file: gw.logFile },
        update: { ...obj(config.update), checkOnStart: false },
      };
      const before = await api.configGet({ timeoutMs: 60_000 });
      const written = await api.configApply(
        { config: desired, baseHash: before.hash, note: `clawster built-in template ${name}` },
        { timeoutMs: 60_000 },
      );
      expect(written.ok).toBe(true);
      expect(written.hash).not.toBe(before.hash);
      // A change that needs a restart restarts the gateway in-process; requests wait for the reconnect.
      const after = await api.configGet({ timeoutMs: 120_000 });
      expect(after.valid).not.toBe(false);
      expect(after.issues ?? []).toEqual([]);
      const parsed = after.parsed;
      if (!isPlainObject(parsed)) throw new Error('config.get returned no parsed config');
      expect(configDrift(desired, parsed).changes).toEqual([]);
    }, 300_000);
  }
});
