import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ContractClient } from '../../../shared/contract/client.ts';
import type { ErrorInfo, Result } from '../../../shared/contract/errors.ts';
import type { ParamsIn } from '../../../shared/contract/requests.ts';
import type {
  AwsBootstrapReport,
  AwsCredentialsSummary,
  AwsIdentity,
  AwsProfile,
  AwsSettings,
} from '../../../shared/domain/aws.ts';
import type { LoadStatus } from './fleets-store.ts';

export interface AwsState {
  status: LoadStatus;
  error: ErrorInfo | null;
  credentials: AwsCredentialsSummary | null;
  /** Who AWS said the credentials are, after a save or a verify. */
  identity: AwsIdentity | null;
  profiles: AwsProfile[];
  settings: AwsSettings | null;
  /** The per-resource report of the last bootstrap run from this page. */
  report: AwsBootstrapReport | null;
  load(): Promise<void>;
  setKeys(p: ParamsIn<'aws.credentials.setKeys'>): Promise<Result<unknown>>;
  chooseProfile(p: ParamsIn<'aws.credentials.useProfile'>): Promise<Result<unknown>>;
  verify(): Promise<Result<unknown>>;
  clear(): Promise<Result<unknown>>;
  bootstrap(region: string): Promise<Result<unknown>>;
  saveEcs(p: ParamsIn<'aws.settings.set'>): Promise<Result<unknown>>;
}

/**
 * Settings > AWS: what is stored (summaries only; the host never returns a secret) and the
 * actions on it. Each action returns the host's Result so the form can put issues on its fields.
 */
export function createAwsStore(client: ContractClient): StoreApi<AwsState> {
  return createStore<AwsState>((set) => ({
    status: 'idle',
    error: null,
    credentials: null,
    identity: null,
    profiles: [],
    settings: null,
    report: null,
    async load() {
      set({ status: 'loading', error: null });
      const [credentials, settings, profiles] = await Promise.all([
        client.invoke('aws.credentials.get', {}),
        client.invoke('aws.settings.get', {}),
        client.invoke('aws.profiles.list', {}),
      ]);
      const failed = [credentials, settings, profiles].find((r) => !r.ok);
      if (failed && !failed.ok) return set({ status: 'error', error: failed.error });
      set({
        status: 'ready',
        credentials: credentials.ok ? credentials.value : null,
        settings: settings.ok ? settings.value : null,
        profiles: profiles.ok ? profiles.value : [],
      });
    },
    async setKeys(p) {
      const r = await client.invoke('aws.credentials.setKeys', p);
      if (r.ok) set({ credentials: r.value.credentials, identity: r.value.identity });
      return r;
    },
    async chooseProfile(p) {
      const r = await client.invoke('aws.credentials.useProfile', p);
      if (r.ok) set({ credentials: r.value.credentials, identity: r.value.identity });
      return r;
    },
    async verify() {
      const r = await client.invoke('aws.credentials.verify', {});
      set({ identity: r.ok ? r.value : null });
      return r;
    },
    async clear() {
      const r = await client.invoke('aws.credentials.clear', {});
      if (r.ok) {
        const credentials = await client.invoke('aws.credentials.get', {});
        set({ identity: null, credentials: credentials.ok ? credentials.value : null });
      }
      return r;
    },
    async bootstrap(region) {
      const r = await client.invoke('aws.bootstrap', { region });
      if (r.ok)
        set((s) => ({
          report: r.value,
          settings: { ecs: s.settings?.ecs ?? null, bootstrap: r.value.record },
        }));
      return r;
    },
    async saveEcs(p) {
      const r = await client.invoke('aws.settings.set', p);
      if (r.ok) set({ settings: r.value });
      return r;
    },
  }));
}
