import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openStore } from '../../main/store/database.ts';
import { dumpTables, T0 } from '../support/control-plane.ts';
import { repoRoot } from '../support/serve-process.ts';

let dir = '';
const children = new Set<ChildProcess>();
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clawster-cli-'));
});
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node bin/clawster.mjs ...args` with the Node that runs the tests (Node 24). */
function clawster(...args: string[]): Run {
  const child = spawn(process.execPath, ['bin/clawster.mjs', ...args], {
    cwd: repoRoot,
    env: { ...process.env, TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
  });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('close', (code, signal) => done({ code, signal })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

/** Resolves with the first line of stdout (or rejects if the process ends first). */
function firstLine(run: Run): Promise<string> {
  return new Promise((done, fail) => {
    const check = () => {
      const nl = run.stdout().indexOf('\n');
      if (nl >= 0) done(run.stdout().slice(0, nl));
    };
    run.child.stdout?.on('data', check);
    void run.exit.then(() => fail(new Error(`exited before it listened: ${run.stderr()}`)));
    check();
  });
}

function call(url: URL, method: string, params: unknown): Promise<unknown> {
  const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token') ?? ''}`);
  return new Promise((done, fail) => {
    ws.once('error', fail);
    ws.once('open', () => ws.send(JSON.stringify({ id: 1, method, params })));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; result?: unknown };
      if (frame.type === 'res') {
        ws.close();
        done(frame.result);
      }
    });
  });
}

describe('clawster serve', () => {
  it('prints exactly one line with its address, serves the control plane, and stops on SIGTERM', async () => {
    const run = clawster('serve', '--data-dir', dir, '--port', '0');
    const line = await firstLine(run);
    const match = /^Clawster listening on (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{20,}))$/.exec(
      line,
    );
    expect(match, line).not.toBeNull();
    const url = new URL(match?.[1] ?? '');
    expect(Number(url.port)).toBeGreaterThan(0);

    expect(await call(url, 'fleet.create', { name: 'prod', environment: 'prod' })).toMatchObject({
      ok: true,
      value: { name: 'prod' },
    });
    expect(await call(url, 'app.info', {})).toMatchObject({ ok: true, value: { host: 'web', dataDir: dir } });

    run.child.kill('SIGTERM');
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toBe(`${line}\n`);
    expect(run.stderr()).toBe('');
    // The data outlives the process, and the log never holds the token.
    const store = openStore(join(dir, 'clawster.db'));
    try {
      expect(store.sqlite.prepare('SELECT name FROM fleets').pluck().all()).toEqual(['prod']);
    } finally {
      store.close();
    }
    const log = readFileSync(join(dir, 'logs', 'clawster.log'), 'utf8');
    expect(log).toContain('"msg":"serving"');
    expect(log).not.toContain(url.searchParams.get('token'));
  });

  // Every spelling of a bad port is in main/cli/args.test.ts; here, what the process does with one.
  it.each(['abc', '70000'])('refuses --port %j with a clear message and exit code 2', async (port) => {
    const run = clawster('serve', '--data-dir', dir, '--port', port);
    expect(await run.exit).toEqual({ code: 2, signal: null });
    expect(run.stderr()).toBe(`clawster: --port must be a whole number from 0 to 65535, not "${port}"\n`);
    expect(run.stdout()).toBe('');
  });

  it('refuses an unknown option or command with exit code 2', async () => {
    const option = clawster('serve', '--data-dir', dir, '--prot', '80');
    const command = clawster('srve');
    expect(await option.exit).toMatchObject({ code: 2 });
    expect(option.stderr()).toMatch(/^clawster: .*--prot/);
    expect(await command.exit).toMatchObject({ code: 2 });
    expect(command.stderr()).toContain('unknown command "srve"');
    expect(command.stderr()).toContain('Usage: clawster');
  });

  it('refuses a data directory whose database is newer than this build, with the message, and leaves it', async () => {
    const store = openStore(join(dir, 'clawster.db'));
    store.sqlite
      .prepare('INSERT INTO __clawster_migrations (idx, tag, applied_at) VALUES (?, ?, ?)')
      .run(store.migration.to, '9999_newer', T0);
    const before = dumpTables(store.sqlite);
    store.close();
    const run = clawster('serve', '--data-dir', dir, '--port', '0');
    expect(await run.exit).toEqual({ code: 2, signal: null });
    expect(run.stdout()).toBe('');
    expect(run.stderr()).toBe(
      'clawster: This database was written by a newer or different Clawster (it has migration 9999_newer, which this version does not know). Update Clawster, or start it with another data directory.\n',
    );
    const db = new Database(join(dir, 'clawster.db'), { readonly: true });
    try {
      expect(dumpTables(db)).toBe(before);
    } finally {
      db.close();
    }
  });

  it('refuses a port that is taken, saying so', async () => {
    const first = clawster('serve', '--data-dir', dir, '--port', '0');
    const port = new URL((/(http\S+)/.exec(await firstLine(first)) ?? [])[1] ?? '').port;
    const second = clawster('serve', '--data-dir', join(dir, 'other'), '--port', port);
    expect(await second.exit).toMatchObject({ code: 2 });
    expect(second.stderr()).toContain(`Port ${port} on 127.0.0.1 is in use`);
    first.child.kill('SIGTERM');
    expect(await first.exit).toEqual({ code: 0, signal: null });
  });

  it('prints its version', async () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const run = clawster('version');
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toBe(`${pkg.version}\n`);
  });
});
