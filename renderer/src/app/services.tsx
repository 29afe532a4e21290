import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { ContractClient } from '../../../shared/contract/client.ts';
import type { ConnectionState, ConnectionStore } from '../api/connection.ts';
import { type AuditState, createAuditStore } from '../stores/audit-store.ts';
import { type BotsState, createBotsStore } from '../stores/bots-store.ts';
import { type ChangeSetsState, createChangeSetsStore } from '../stores/changesets-store.ts';
import { createFleetsStore, type FleetsState } from '../stores/fleets-store.ts';
import { createHealthStore, type HealthState } from '../stores/health-store.ts';
import { createRuntimeInstallsStore, type RuntimeInstallsState } from '../stores/runtime-installs-store.ts';

export interface Services {
  client: ContractClient;
  connection: ConnectionStore;
  retryNow(): void;
  fleets: ReturnType<typeof createFleetsStore>;
  bots: ReturnType<typeof createBotsStore>;
  audit: ReturnType<typeof createAuditStore>;
  health: ReturnType<typeof createHealthStore>;
  installs: ReturnType<typeof createRuntimeInstallsStore>;
  changeSets: ReturnType<typeof createChangeSetsStore>;
}

/** The stores of the app, each fed by the client's pushed events from the start. */
export function createServices(input: {
  client: ContractClient;
  connection: ConnectionStore;
  retryNow(): void;
}): Services & {
  dispose(): void;
} {
  const fleets = createFleetsStore(input.client);
  const bots = createBotsStore(input.client);
  const audit = createAuditStore(input.client);
  const health = createHealthStore(input.client);
  const installs = createRuntimeInstallsStore(input.client);
  const changeSets = createChangeSetsStore(input.client);
  return {
    ...input,
    fleets,
    bots,
    audit,
    health,
    installs,
    changeSets,
    dispose() {
      changeSets.dispose();
      installs.dispose();
      health.dispose();
      fleets.dispose();
      bots.dispose();
      audit.dispose();
    },
  };
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext value={services}>{children}</ServicesContext>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices must be used inside <ServicesProvider>');
  return services;
}

export const useClient = (): ContractClient => useServices().client;
export const useConnection = <T,>(select: (s: ConnectionState) => T): T =>
  useStore(useServices().connection, select);
export const useFleets = <T,>(select: (s: FleetsState) => T): T => useStore(useServices().fleets, select);
export const useBots = <T,>(select: (s: BotsState) => T): T => useStore(useServices().bots, select);
export const useHealth = <T,>(select: (s: HealthState) => T): T => useStore(useServices().health, select);
export const useInstalls = <T,>(select: (s: RuntimeInstallsState) => T): T =>
  useStore(useServices().installs, select);
export const useChangeSets = <T,>(select: (s: ChangeSetsState) => T): T =>
  useStore(useServices().changeSets, select);
export const useAudit = <T,>(select: (s: AuditState) => T): T => useStore(useServices().audit, select);
/** Changes each time the link to the host (re)opens: effects that load data depend on it. */
export const useGeneration = (): number => useConnection((s) => s.generation);
