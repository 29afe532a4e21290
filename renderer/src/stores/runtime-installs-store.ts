import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ContractClient } from '../../../shared/contract/client.ts';
import type { RuntimeInstallProgress } from '../../../shared/domain/runtime-install.ts';

export interface RuntimeInstallsState {
  /**
   * The OpenClaw runtimes being installed (or just installed, or failed), by version, in the
   * order they started. A finished or failed install stays until the operator dismisses it.
   */
  byVersion: Record<string, RuntimeInstallProgress>;
  dismiss(version: string): void;
}

/** Installs of OpenClaw runtimes, fed by `runtime.install.progress` from the start. */
export function createRuntimeInstallsStore(
  client: ContractClient,
): StoreApi<RuntimeInstallsState> & { dispose(): void } {
  const store = createStore<RuntimeInstallsState>((set) => ({
    byVersion: {},
    dismiss(version) {
      set((s) => {
        const { [version]: _gone, ...rest } = s.byVersion;
        return { byVersion: rest };
      });
    },
  }));
  const off = client.on('runtime.install.progress', (p) =>
    store.setState((s) => ({ byVersion: { ...s.byVersion, [p.version]: p } })),
  );
  return Object.assign(store, { dispose: off });
}
