import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { acquireAny } from './file-lock.ts';

const run = promisify(execFile);

/** The OpenClaw release every real-gateway test runs against. */
export const OPENCLAW_VERSION = '2026.9.6';
/** The Node the gateway needs (`>=24.16 <25`); scripts/node24.sh fetches the same build. */
export const NODE_VERSION = '24.21.0';

export interface OpenclawInstall {
  /** The Node 24 binary that runs the gateway. */
  node: string;
  /** openclaw's CLI entry (`openclaw.mjs`), run as `node <entry> ...`. */
  entry: string;
  dir: string;
}

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');

export function cacheDir(): string {
  return process.env.CLAWSTER_CACHE ?? join(homedir(), '.cache', 'clawster');
}

function installedVersion(dir: string): string | null {
  const pkg = join(dir, 'node_modules', 'openclaw', 'package.json');
  if (!existsSync(pkg) || !existsSync(join(dir, '.complete'))) return null;
  const parsed: unknown = JSON.parse(readFileSync(pkg, 'utf8'));
  return typeof parsed === 'object' &&
    parsed !== null &&
    'version' in parsed &&
    typeof parsed.version === 'string'
    ? parsed.version
    : null;
}

function describe(dir: string, node: string): OpenclawInstall {
  return { node, dir, entry: join(dir, 'node_modules', 'openclaw', 'openclaw.mjs') };
}

async function ensureNode(): Promise<string> {
  const node = join(cacheDir(), `node-${NODE_VERSION}`, 'bin', 'node');
  if (existsSync(node)) return node;
  // scripts/node24.sh fetches the official build from the npm registry into the same cache.
  await run('bash', ['-c', `source "${join(repoRoot, 'scripts', 'node24.sh')}" && command -v node`], {
    env: { ...process.env, PATH: '/usr/local/bin:/usr/bin:/bin' },
  });
  if (!existsSync(node)) throw new Error(`Node ${NODE_VERSION} was not found at ${node} after fetching it`);
  return node;
}

/**
 * Installs `openclaw@OPENCLAW_VERSION` with Node 24 into the cache outside node_modules
 * (about 60 s and 650 MB the first time) and reuses it afterwards. A lock keeps two test
 * files from installing at once; the `.complete` marker is written only after a full install.
 */
export async function ensureOpenclaw(): Promise<OpenclawInstall> {
  const node = await ensureNode();
  const dir = join(cacheDir(), `openclaw-${OPENCLAW_VERSION}`);
  if (installedVersion(dir) === OPENCLAW_VERSION) return describe(dir, node);
  await mkdir(cacheDir(), { recursive: true });
  const lock = await acquireAny([`${dir}.install-lock`], 'the openclaw install lock', 600_000);
  try {
    if (installedVersion(dir) === OPENCLAW_VERSION) return describe(dir, node);
    await mkdir(dir, { recursive: true });
    // npm itself comes from the system; Node 24 first on PATH makes it install for Node 24.
    await run(
      'npm',
      ['install', '--prefix', dir, '--no-audit', '--no-fund', `openclaw@${OPENCLAW_VERSION}`],
      {
        cwd: dir,
        env: {
          ...process.env,
          PATH: `${join(cacheDir(), `node-${NODE_VERSION}`, 'bin')}:${process.env.PATH}`,
        },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 900_000,
      },
    );
    if (!existsSync(join(dir, 'node_modules', 'openclaw', 'openclaw.mjs')))
      throw new Error(`npm installed openclaw@${OPENCLAW_VERSION} into ${dir}, but openclaw.mjs is missing`);
    await writeFile(join(dir, '.complete'), `${OPENCLAW_VERSION}\n`);
    return describe(dir, node);
  } finally {
    await lock.release();
  }
}
