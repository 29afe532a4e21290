import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forgetSecretValue, REDACTED, redact } from '../../main/log/redact.ts';
import { createKeychainStore } from '../../main/secrets/keychain-store.ts';
import { AppError } from '../../shared/contract/errors.ts';

/*
 * The real OS keychain: gnome-keyring's Secret Service in the private D-Bus session that
 * scripts/with-keyring.sh starts for `npm test`. The "unreachable" and "locked" cases run in child
 * processes with their own (or no) D-Bus session, so they never disturb the one this file uses.
 */

const root = resolve(import.meta.dirname, '../..');
const storeUrl = pathToFileURL(join(root, 'main/secrets/keychain-store.ts')).href;
const service = `Clawster-test-${randomUUID()}`;
const store = createKeychainStore({ service });
const used = new Set<string>();
const tempDirs: string[] = [];
const run = promisify(execFile);

function ref(name: string): string {
  const r = `clawster/test/${name}`;
  used.add(r);
  return r;
}

async function caught(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

/** Why the keychain of this session cannot be used, if it cannot; every in-process test then fails. */
let unreachable: Error | null = null;

beforeAll(async () => {
  const probe = ref('reachability');
  try {
    await store.put(probe, 'reachability-probe');
    await store.delete(probe);
  } catch (e) {
    unreachable = new Error(
      `No OS keychain is reachable, so the keychain tests cannot run (${e instanceof Error ? e.message : String(e)}). Run them through \`npm test\`, or \`bash scripts/with-keyring.sh npx vitest run test/integration/keychain.test.ts\`: both start a private D-Bus session with an unlocked gnome-keyring (Debian packages: gnome-keyring dbus dbus-x11 libsecret-tools; scripts/ensure-system.sh installs them).`,
    );
  }
});

function needKeychain(): void {
  if (unreachable) throw unreachable;
}

afterEach(async () => {
  for (const r of used) await store.delete(r).catch(() => false);
  used.clear();
});

afterAll(async () => {
  for (const d of tempDirs) await rm(d, { recursive: true, force: true });
});

describe('keychain SecretStore on gnome-keyring', () => {
  it('runs where an OS keychain is reachable (through `npm test`, which starts one)', () => {
    needKeychain();
  });

  it('stores, reads, replaces and deletes a secret, and the Secret Service really holds it', async () => {
    needKeychain();
    const r = ref('round-trip');
    await store.put(r, 'first-value-123');
    expect(await store.get(r)).toBe('first-value-123');
    const { stdout } = await run('secret-tool', ['lookup', 'service', service, 'username', r]);
    expect(stdout).toBe('first-value-123');

    await store.put(r, 'second-value-456');
    expect(await store.get(r)).toBe('second-value-456');

    expect(await store.delete(r)).toBe(true);
    expect(await store.get(r)).toBeNull();
    expect(await store.delete(r)).toBe(false);
  });

  it('gives null for a reference that holds nothing, and false when deleting it', async () => {
    needKeychain();
    expect(await store.get(ref('never-stored'))).toBeNull();
    expect(await store.delete(ref('never-stored'))).toBe(false);
  });

  it('keeps unicode and 4 KB values exactly', async () => {
    needKeychain();
    const unicode = 'pässwörd ✓ 秘密 🔑 e\u0301 \u05e9\u05dc\u05d5\u05dd';
    const big = 'ß€🙂x'.repeat(1024); // 4096 code points, 10 KB of UTF-8
    const ascii4k = 'k'.repeat(4096);
    await store.put(ref('unicode'), unicode);
    await store.put(ref('big'), big);
    await store.put(ref('ascii-4k'), ascii4k);
    expect(await store.get(ref('unicode'))).toBe(unicode);
    expect(await store.get(ref('big'))).toBe(big);
    expect(await store.get(ref('ascii-4k'))).toBe(ascii4k);
  });

  it('keeps secrets apart by reference', async () => {
    needKeychain();
    await store.put(ref('a'), 'value-of-a');
    await store.put(ref('a/b'), 'value-of-a-b');
    expect(await store.delete(ref('a'))).toBe(true);
    expect(await store.get(ref('a/b'))).toBe('value-of-a-b');
  });

  it('registers every value it stores or reads with the log redactor', async () => {
    needKeychain();
    const written = `written-${randomUUID()}`;
    await store.put(ref('redact-put'), written);
    expect(redact(`token is ${written}`)).toBe(`token is ${REDACTED}`);

    const readOnly = `read-${randomUUID()}`;
    await store.put(ref('redact-get'), readOnly);
    forgetSecretValue(readOnly); // as after a restart: only the read registers it again
    expect(redact(readOnly)).toBe(readOnly);
    expect(await store.get(ref('redact-get'))).toBe(readOnly);
    expect(redact({ message: `got ${readOnly}` })).toEqual({ message: `got ${REDACTED}` });
  });

  it('refuses malformed references and empty values with VALIDATION, storing nothing', async () => {
    needKeychain();
    for (const bad of [
      '',
      '/lead',
      'trail/',
      'a//b',
      '../up',
      'a/../b',
      'sp ace',
      'new\nline',
      'x'.repeat(513),
    ]) {
      const e = await caught(store.put(bad, 'some-secret'));
      expect(e.code, bad).toBe('VALIDATION');
      expect(e.message).toContain('not a valid secret reference');
      expect((await caught(store.get(bad))).code).toBe('VALIDATION');
      expect((await caught(store.delete(bad))).code).toBe('VALIDATION');
    }
    const empty = await caught(store.put(ref('empty'), ''));
    expect(empty.code).toBe('VALIDATION');
    expect(empty.message).toContain('must not be empty');
    expect(await store.get(ref('empty'))).toBeNull();
  });
});

interface ChildResult {
  code: number | null;
  /** The child's private HOME (and XDG folders), kept until the end of the file. */
  home: string;
  stdout: string;
  stderr: string;
}

/** Runs `cmd` with a private HOME and XDG folders and no display; resolves when it exits. */
async function runChild(cmd: string, args: string[], env: Record<string, string>): Promise<ChildResult> {
  const home = await mkdtemp(join(tmpdir(), 'clawster-keychain-'));
  tempDirs.push(home);
  for (const d of ['data', 'config', 'cache', 'run']) await mkdir(join(home, d), { mode: 0o700 });
  const base = { ...process.env };
  for (const k of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'CLAWSTER_KEYRING_READY']) {
    delete base[k];
  }
  const child = spawn(cmd, args, {
    env: {
      ...base,
      HOME: home,
      XDG_DATA_HOME: join(home, 'data'),
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_CACHE_HOME: join(home, 'cache'),
      XDG_RUNTIME_DIR: join(home, 'run'),
      CLAWSTER_TEST_NODE: process.execPath,
      CLAWSTER_TEST_SCRIPT: childScript,
      CLAWSTER_TEST_STORE_URL: storeUrl,
      CLAWSTER_TEST_SERVICE: service,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const code = await new Promise<number | null>((done, fail) => {
    child.once('error', (e) =>
      fail(
        new Error(
          `Could not start ${cmd} (${e.message}). The keychain tests need the Debian packages gnome-keyring dbus dbus-x11 libsecret-tools; scripts/ensure-system.sh installs them.`,
        ),
      ),
    );
    child.once('close', (c) => done(c));
  });
  return { code, stdout, stderr, home };
}

/** Runs the ops in CLAWSTER_TEST_OPS on a keychain store; prints one JSON line per op. */
const childScript = `
const { createKeychainStore } = await import(process.env.CLAWSTER_TEST_STORE_URL);
const store = createKeychainStore({ service: process.env.CLAWSTER_TEST_SERVICE });
for (const [op, ref, value] of JSON.parse(process.env.CLAWSTER_TEST_OPS)) {
  try {
    const v = op === 'put' ? await store.put(ref, value) : op === 'get' ? await store.get(ref) : await store.delete(ref);
    console.log(JSON.stringify({ op, ok: true, value: v ?? null }));
  } catch (e) {
    console.log(JSON.stringify({ op, ok: false, code: e.code ?? null, name: e.name, message: e.message }));
  }
}
`;
const nodeCommand = '"$CLAWSTER_TEST_NODE" --input-type=module -e "$CLAWSTER_TEST_SCRIPT"';

type OpResult =
  | { op: string; ok: true; value: unknown }
  | { op: string; ok: false; code: string; message: string };

function results(r: ChildResult): OpResult[] {
  const lines = r.stdout.split('\n').filter((l) => l.startsWith('{'));
  if (r.code !== 0 || lines.length === 0) {
    throw new Error(`the child failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return lines.map((l) => JSON.parse(l) as OpResult);
}

/** Every file under `dir` whose bytes contain `text`. */
async function filesHolding(dir: string, text: string): Promise<string[]> {
  const hits: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    const bytes = await readFile(path).catch(() => Buffer.alloc(0));
    if (bytes.includes(text)) hits.push(path);
  }
  return hits;
}

describe('keychain SecretStore where the keychain cannot be used', () => {
  it('without a D-Bus session: every call fails with a clear UNAVAILABLE error, nothing is written anywhere', async () => {
    const secret = `plaintext-canary-${randomUUID()}`;
    const ops = [
      ['put', 'clawster/test/no-bus', secret],
      ['get', 'clawster/test/no-bus'],
      ['delete', 'clawster/test/no-bus'],
    ];
    const r = await runChild('bash', ['-c', nodeCommand], {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/clawster-test-bus',
      CLAWSTER_TEST_OPS: JSON.stringify(ops),
    });
    const out = results(r);
    expect(out.map((o) => [o.op, o.ok, o.ok ? null : o.code])).toEqual([
      ['put', false, 'UNAVAILABLE'],
      ['get', false, 'UNAVAILABLE'],
      ['delete', false, 'UNAVAILABLE'],
    ]);
    for (const o of out) {
      if (o.ok) continue;
      expect(o.message).toMatch(/no OS keychain is reachable/);
      expect(o.message).toMatch(/Start a Secret Service such as gnome-keyring/);
      expect(o.message).not.toContain(secret);
    }
    expect(out[0]?.ok === false && out[0].message).toContain('nothing was stored');
    expect(await filesHolding(r.home, secret)).toEqual([]);
  });

  it('with a locked keyring: reading, replacing and deleting a stored secret fail with a clear UNAVAILABLE error', async () => {
    const stored = `stored-before-lock-${randomUUID()}`;
    const replacement = `plaintext-canary-${randomUUID()}`;
    const r = await runChild(
      'dbus-run-session',
      [
        '--',
        'bash',
        '-c',
        `set -e
        echo -n unlock-me | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        CLAWSTER_TEST_OPS="$OPS_BEFORE" ${nodeCommand}
        dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \\
          org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null
        CLAWSTER_TEST_OPS="$OPS_AFTER" ${nodeCommand}`,
      ],
      {
        OPS_BEFORE: JSON.stringify([
          ['put', 'clawster/test/locked', stored],
          ['get', 'clawster/test/locked'],
        ]),
        OPS_AFTER: JSON.stringify([
          ['get', 'clawster/test/locked'],
          ['put', 'clawster/test/locked', replacement],
          ['delete', 'clawster/test/locked'],
        ]),
      },
    );
    const out = results(r);
    expect(out.map((o) => [o.op, o.ok, o.ok ? o.value : o.code])).toEqual([
      ['put', true, null],
      ['get', true, stored],
      ['get', false, 'UNAVAILABLE'],
      ['put', false, 'UNAVAILABLE'],
      ['delete', false, 'UNAVAILABLE'],
    ]);
    for (const o of out.slice(2)) {
      if (o.ok) continue;
      expect(o.message).toMatch(/the OS keychain is locked/);
      expect(o.message).toMatch(/Unlock it/);
    }
    expect(await filesHolding(r.home, replacement)).toEqual([]);
    expect(await filesHolding(r.home, stored)).toEqual([]);
  });

  it('with a keyring that was never unlocked: storing fails with a clear UNAVAILABLE error', async () => {
    const secret = `plaintext-canary-${randomUUID()}`;
    const r = await runChild(
      'dbus-run-session',
      ['--', 'bash', '-c', `gnome-keyring-daemon --start --components=secrets >/dev/null\n${nodeCommand}`],
      {
        CLAWSTER_TEST_OPS: JSON.stringify([
          ['put', 'clawster/test/never-unlocked', secret],
          ['get', 'clawster/test/never-unlocked'],
        ]),
      },
    );
    const out = results(r);
    expect(out.map((o) => [o.op, o.ok, o.ok ? o.value : o.code])).toEqual([
      ['put', false, 'UNAVAILABLE'],
      ['get', true, null],
    ]);
    expect(out[0]?.ok === false && out[0].message).toMatch(/locked or has no default keyring/);
    expect(await filesHolding(r.home, secret)).toEqual([]);
  });
});
