/**
 * `clawster apply` and `clawster export` as an operator runs them: child processes of
 * bin/clawster.mjs against a temp data directory (the control plane runs in the CLI's process).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dumpTables } from '../support/control-plane.ts';
import { repoRoot } from '../support/serve-process.ts';

const V = 'apiVersion: clawster.dev/v1';
const PROFILE = `${V}
kind: Profile
metadata:
  name: hardened
spec:
  config:
    logging:
      level: warn
`;
const botYaml = (name: string, overrides = '') => `${V}
kind: Bot
metadata:
  name: ${name}
  fleet: Prod
  environment: prod
spec:
  template: minimal
  profile: hardened
${overrides}`;
const OPEN_GATEWAY = `  overrides:
    config:
      gateway:
        bind: lan
        auth:
          mode: none
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to its end, whatever its exit status. */
function clawster(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'bin', 'clawster.mjs'), ...args],
      { cwd: dir, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;
let dataDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clawster-cli-manifests-'));
  dataDir = join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function put(path: string, text: string): string {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

/** Every table of the data directory's database, as one string. */
function snapshot(data = dataDir): string {
  const db = new Database(join(data, 'clawster.db'), { readonly: true });
  try {
    return dumpTables(db);
  } finally {
    db.close();
  }
}

function count(table: string, data = dataDir): number {
  const db = new Database(join(data, 'clawster.db'), { readonly: true });
  try {
    return Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
  } finally {
    db.close();
  }
}

/** Every file under `folder` by relative path, with its text. */
function readTree(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const e of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, e.name);
      if (e.isDirectory()) walk(full);
      else out[relative(folder, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(folder);
  return out;
}

describe('clawster apply', () => {
  it('--dry-run prints each manifest with its diff and each bot with its config diff and findings, and changes nothing', async () => {
    put('m/profile.yaml', PROFILE);
    put('m/bots/alpha.yaml', botYaml('alpha'));
    const r = await clawster('apply', '-f', join(dir, 'm'), '--dry-run', '--data-dir', dataDir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const line of [
      '  create    Profile/hardened (v1)\n',
      '      + spec: {"config":{"logging":{"level":"warn"}}}\n',
      '  create    Bot/alpha (v1, fleet Prod)\n',
      '  create    Prod/alpha\n',
      '      + config.logging: {"level":"warn"}\n',
      '      WARN     openclaw.version_unpinned at openclawVersion: OpenClaw version not pinned',
      '        why: Without a pinned version',
      '        fix: Set spec.openclawVersion on the bot',
    ])
      expect(r.stdout).toContain(line);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Dry run: the apply would change 2 manifests and 1 bot config. Nothing was changed.',
    );
    expect([count('manifests'), count('bots'), count('fleets'), count('audit_events')]).toEqual([0, 0, 0, 0]);
  });

  it('applies a folder: the manifests, the fleet and the bot are stored and audited; applying again changes nothing', async () => {
    put('m/profile.yaml', PROFILE);
    put('m/bots/alpha.yaml', botYaml('alpha'));
    const r = await clawster('apply', '-f', join(dir, 'm'), '--data-dir', dataDir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Applied: changed 2 manifests and 1 bot config.');
    expect([count('manifests'), count('bots'), count('fleets')]).toEqual([2, 1, 1]);
    expect(count('audit_events')).toBeGreaterThanOrEqual(3);

    const before = snapshot();
    const again = await clawster('apply', '-f', join(dir, 'm'), '--data-dir', dataDir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('  unchanged Profile/hardened (v1)\n');
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe('Applied: everything was already as given.');
    expect(snapshot()).toBe(before);
  });

  it('exits 1 on a refused apply, naming the critical rule, and changes nothing', async () => {
    put('m/profile.yaml', PROFILE);
    await clawster('apply', '-f', join(dir, 'm'), '--data-dir', dataDir);
    const before = snapshot();
    const file = put('open.yaml', botYaml('beta', OPEN_GATEWAY));
    const r = await clawster('apply', '-f', file, '--data-dir', dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^clawster apply: The apply was refused: Bot Prod\/beta: gateway\.auth_none \(critical\)/,
    );
    expect(r.stdout).toContain('  create    Prod/beta [BLOCKED]\n');
    expect(r.stdout).toContain('      CRITICAL gateway.auth_none at config.gateway.auth.mode');
    expect(r.stdout).toContain('Refused:\n  - Bot Prod/beta: gateway.auth_none (critical)');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Refused: nothing was changed.');
    expect(snapshot()).toBe(before);

    // The dry run shows the same refusal and exits 1 too.
    const dry = await clawster('apply', '-f', file, '--dry-run', '--data-dir', dataDir);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('Refused:\n  - Bot Prod/beta: gateway.auth_none (critical)');
    expect(dry.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Dry run: this apply would be refused. Nothing was changed.',
    );
    expect(snapshot()).toBe(before);
  });

  it('exits 1 on invalid YAML, naming the file and the line, and changes nothing', async () => {
    put('m/a-profile.yaml', PROFILE);
    put('m/sub/bad.yaml', `${V}\nkind: Profile\nmetadata:\n  name: [broken\n`);
    const r = await clawster('apply', '-f', join(dir, 'm'), '--data-dir', dataDir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/\n {2}sub\/bad\.yaml#1 \(line \d+, col \d+\): \(root\): Invalid YAML/);
    expect([count('manifests'), count('audit_events')]).toEqual([0, 0]);
  });

  it('exits 2 on usage errors: no -f, a path that does not exist, an unknown option', async () => {
    for (const args of [
      ['apply', '--data-dir', dataDir],
      ['apply', '-f', join(dir, 'nope'), '--data-dir', dataDir],
      ['apply', '-f', dir, '--force'],
      ['export'],
    ]) {
      const r = await clawster(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(/^clawster: /);
    }
  });
});

describe('clawster export', () => {
  it('writes every manifest as YAML; applying that folder to a fresh data dir and exporting again gives identical files', async () => {
    put('m/profile.yaml', PROFILE);
    put('m/bots/alpha.yaml', botYaml('alpha'));
    put(
      'm/bots/beta.yaml',
      botYaml('beta', '  overrides:\n    config:\n      logging:\n        level: debug\n'),
    );
    expect((await clawster('apply', '-f', join(dir, 'm'), '--data-dir', dataDir)).code).toBe(0);

    const first = join(dir, 'export-1');
    const r = await clawster('export', first, '--data-dir', dataDir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = readTree(first);
    expect(Object.keys(files).sort()).toEqual([
      'bots/Prod/alpha.yaml',
      'bots/Prod/beta.yaml',
      'profiles/hardened.yaml',
    ]);
    const [head, ...listed] = r.stdout.trimEnd().split('\n');
    expect(head).toBe(`Wrote 3 files to ${first}:`);
    expect(listed.map((l) => l.trim()).sort()).toEqual(Object.keys(files).sort());

    const fresh = join(dir, 'fresh-data');
    const applied = await clawster('apply', '-f', first, '--data-dir', fresh);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const second = join(dir, 'export-2');
    expect((await clawster('export', second, '--data-dir', fresh)).code).toBe(0);
    expect(readTree(second)).toEqual(files);
  });

  it('refuses a folder that holds files unless --force, and writes nothing then', async () => {
    put('m/profile.yaml', PROFILE);
    await clawster('apply', '-f', join(dir, 'm'), '--data-dir', dataDir);
    const out = join(dir, 'out');
    put('out/notes.txt', 'mine\n');
    const refused = await clawster('export', out, '--data-dir', dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `clawster export: ${out} is not empty; choose an empty folder or add --force to overwrite\n`,
    );
    expect(readTree(out)).toEqual({ 'notes.txt': 'mine\n' });

    const forced = await clawster('export', out, '--force', '--data-dir', dataDir);
    expect(forced.code).toBe(0);
    expect(Object.keys(readTree(out)).sort()).toEqual(['notes.txt', 'profiles/hardened.yaml']);
  });
});
