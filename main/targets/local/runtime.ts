import { realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { AppError } from '../../../shared/contract/errors.ts';
import { type CommandRunner, runCommand } from './command.ts';
import { installedRuntime, type RuntimeInstaller, runtimeDir } from './runtime-install.ts';
import type { OpenclawRuntime } from './runtime-types.ts';

export type { OpenclawRuntime } from './runtime-types.ts';

/** OpenClaw 2026.9.6 needs Node >=24.16 <25 or >=26.1 (node:sqlite). */
export function nodeVersionSupported(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return (major === 24 && minor >= 16) || (major === 26 && minor >= 1) || major > 26;
}

/** `OpenClaw 2026.9.6 (eb377ac)` → `2026.9.6`. */
export function parseOpenclawVersion(output: string): string | null {
  return /(\d{4}\.\d{1,2}\.\d{1,3}(?:-[0-9A-Za-z.]+)?)/.exec(output)?.[1] ?? null;
}

export interface RuntimeResolverOptions {
  dataDir: string;
  /** openclaw executables, or folders holding one, tried first and in this order. */
  searchPaths?: readonly string[];
  /** Also look for `openclaw` on PATH (default true). */
  usePath?: boolean;
  /** The environment whose PATH is searched (default this process's). */
  env?: NodeJS.ProcessEnv;
  /** The Node that runs openclaw's JS entry; default this process's Node when it is new enough. */
  node?: string;
  /** Installs missing versions; without one a missing version is a PRECONDITION error. */
  installer?: RuntimeInstaller;
  run?: CommandRunner;
}

/** This process's Node, when it can run OpenClaw (not Electron's, which is no plain Node). */
export function currentNode(): string | undefined {
  return !process.versions.electron && nodeVersionSupported(process.versions.node)
    ? process.execPath
    : undefined;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The executable a search entry names: the file itself, or `openclaw` in the folder (or its node_modules/.bin). */
function executableIn(entry: string): string | undefined {
  if (isFile(entry)) return entry;
  return [
    join(entry, 'openclaw'),
    join(entry, 'node_modules', '.bin', 'openclaw'),
    join(entry, 'openclaw.mjs'),
  ].find(isFile);
}

/** How to run an openclaw executable: a JS entry runs on `node`, anything else directly. */
function launchOf(
  exe: string,
  node: string | undefined,
): { command: string; args: string[]; pathPrefix?: string } | null {
  let real: string;
  try {
    real = realpathSync(exe);
  } catch {
    return null;
  }
  if (/\.(m?js|cjs)$/.test(real)) {
    if (!node) return null;
    return { command: node, args: [real], pathPrefix: dirname(node) };
  }
  return node ? { command: exe, args: [], pathPrefix: dirname(node) } : { command: exe, args: [] };
}

export interface Candidate {
  location: string;
  version: string | null;
  /** Why it cannot be used, when it cannot. */
  problem?: string;
}

/**
 * Finds and, when allowed, installs the OpenClaw a bot asks for. Candidates are the explicit
 * search paths, then `openclaw` on PATH; the first whose `--version` is exactly the requested one
 * wins. Otherwise the copy under `<dataDir>/runtimes/openclaw-<version>/`, installing it once.
 */
export function createRuntimeResolver(o: RuntimeResolverOptions) {
  const run = o.run ?? runCommand;
  const env = o.env ?? process.env;
  const node = o.node ?? currentNode();
  const versions = new Map<string, Promise<OpenclawRuntime>>();

  function entries(): string[] {
    const list = [...(o.searchPaths ?? [])];
    if (o.usePath !== false)
      for (const dir of (env.PATH ?? '').split(delimiter)) if (dir) list.push(join(dir, 'openclaw'));
    return [...new Set(list)];
  }

  async function probe(
    exe: string,
  ): Promise<{ launch: NonNullable<ReturnType<typeof launchOf>>; version: string } | Candidate> {
    const launch = launchOf(exe, node);
    if (!launch)
      return {
        location: exe,
        version: null,
        problem: 'it is a Node script and no Node 24.16+ is available to run it',
      };
    try {
      const out = await run(launch.command, [...launch.args, '--version'], {
        env: {
          PATH: [launch.pathPrefix, env.PATH].filter(Boolean).join(delimiter),
          HOME: env.HOME ?? '/tmp',
        },
        timeoutMs: 30_000,
      });
      const version = parseOpenclawVersion(out.stdout);
      return version
        ? { launch, version }
        : { location: exe, version: null, problem: 'its --version did not name a version' };
    } catch (e) {
      return {
        location: exe,
        version: null,
        problem: `openclaw --version failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      };
    }
  }

  /** What was found on this machine (for the settings page and error messages). */
  async function candidates(): Promise<Candidate[]> {
    const out: Candidate[] = [];
    for (const entry of entries()) {
      const exe = executableIn(entry);
      if (!exe) continue;
      const p = await probe(exe);
      out.push('launch' in p ? { location: exe, version: p.version } : p);
    }
    return out;
  }

  async function find(version: string): Promise<OpenclawRuntime | null> {
    for (const entry of entries()) {
      const exe = executableIn(entry);
      if (!exe) continue;
      const p = await probe(exe);
      if ('launch' in p && p.version === version)
        return { version, ...p.launch, source: 'operator', location: exe };
    }
    return installedRuntime(o.dataDir, version);
  }

  async function resolve(version: string): Promise<OpenclawRuntime> {
    const found = await find(version);
    if (found) return found;
    if (!o.installer) {
      const seen = (await candidates()).map((c) => `${c.location} (${c.version ?? c.problem})`);
      throw new AppError(
        'PRECONDITION',
        `OpenClaw ${version} is not installed here${seen.length ? `; found only ${seen.join(', ')}` : ''}. Install it with \`npm install -g openclaw@${version}\` (it needs Node 24.16+), or let Clawster install it into ${runtimeDir(o.dataDir, version)}.`,
        undefined,
        { version },
      );
    }
    return o.installer.install(version);
  }

  return {
    candidates,
    /** The runtime of `version`, installed at most once at a time per version. */
    resolve(version: string): Promise<OpenclawRuntime> {
      const running = versions.get(version);
      if (running) return running;
      const p = resolve(version).finally(() => versions.delete(version));
      versions.set(version, p);
      return p;
    },
  };
}

export type RuntimeResolver = ReturnType<typeof createRuntimeResolver>;
