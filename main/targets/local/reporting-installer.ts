import type { RuntimeInstallProgress } from '../../../shared/domain/runtime-install.ts';
import {
  createRuntimeInstaller,
  type RuntimeInstaller,
  type RuntimeInstallerOptions,
} from './runtime-install.ts';

/**
 * The runtime installer with its progress told to `report`: each step while it runs, then done
 * (with where it went) or failed (with why). The control plane pushes these as events.
 */
export function createReportingInstaller(
  o: Omit<RuntimeInstallerOptions, 'onProgress'> & { report(p: RuntimeInstallProgress): void },
): RuntimeInstaller {
  const last = new Map<string, RuntimeInstallProgress>();
  const inner = createRuntimeInstaller({
    ...o,
    onProgress(version, p) {
      const running: RuntimeInstallProgress = { version, state: 'running', ...p };
      last.set(version, running);
      o.report(running);
    },
  });
  return {
    async install(version) {
      try {
        const runtime = await inner.install(version);
        const at = last.get(version);
        if (at)
          o.report({
            ...at,
            state: 'done',
            step: at.steps,
            label: 'Installed',
            message: `OpenClaw ${version} is ready in ${runtime.location}`,
          });
        return runtime;
      } catch (e) {
        const at = last.get(version) ?? { version, step: 0, steps: 0, label: 'Install' };
        o.report({ ...at, state: 'failed', message: e instanceof Error ? e.message : String(e) });
        throw e;
      } finally {
        last.delete(version);
      }
    },
  };
}
