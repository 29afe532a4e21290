import { cleanup, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach } from 'vitest';
import { alwaysOpen } from '../api/connection.ts';
import { createContractClient } from '../api/contract-client.ts';
import { createServices, ServicesProvider } from '../app/services.tsx';
import { createScriptedBridge } from './scripted-bridge.ts';

afterEach(() => {
  cleanup();
});

/** Renders UI with real stores over a scripted bridge (a test double of the host). */
export function renderWithHost(ui: ReactNode, host = createScriptedBridge()) {
  const services = createServices({
    client: createContractClient(host.bridge),
    connection: alwaysOpen(),
    retryNow() {},
  });
  const view = render(<ServicesProvider services={services}>{ui}</ServicesProvider>);
  return { ...view, host, services };
}
