import { createContext, type ReactNode, useContext } from 'react';
import { type StoreApi, useStore } from 'zustand';
import type { AwsState } from '../../stores/aws-store.ts';

const AwsContext = createContext<StoreApi<AwsState> | null>(null);

/** The AWS store of the Settings page, for its sections. */
export function AwsProvider({ store, children }: { store: StoreApi<AwsState>; children: ReactNode }) {
  return <AwsContext value={store}>{children}</AwsContext>;
}

export function useAws<T>(select: (s: AwsState) => T): T {
  const store = useContext(AwsContext);
  if (!store) throw new Error('useAws must be used inside <AwsProvider>');
  return useStore(store, select);
}
