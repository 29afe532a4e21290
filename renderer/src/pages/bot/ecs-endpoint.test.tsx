import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { EcsEndpointForm } from './EcsEndpointForm.tsx';

describe('ECS gateway endpoint (against a scripted bridge test double)', () => {
  it('sends the endpoint and says it is watched; shows the host refusing a bad one', async () => {
    const host = createScriptedBridge();
    let calls = 0;
    host.answer('bot.gateway.setEndpoint', () => {
      calls += 1;
      return calls === 1
        ? {
            ok: false,
            error: {
              code: 'VALIDATION',
              message: 'Use a ws:// or wss:// URL',
              issues: [{ path: 'url', message: 'Use a ws:// or wss:// URL' }],
            },
          }
        : {
            ok: true,
            value: {
              botId: 'b1',
              target: 'ecs',
              desiredState: 'running',
              state: 'running',
              stateSince: '2026-11-24T10:00:00.000Z',
              openclawVersion: '2026.9.6',
              configHash: null,
              port: null,
              startedAt: null,
              restartCount: 0,
              lastError: null,
              updatedAt: '2026-11-24T10:00:00.000Z',
            },
          };
    });
    renderWithHost(<EcsEndpointForm botId="b1" current={null} />, host);
    const input = screen.getByLabelText('Gateway endpoint reachable from here');
    fireEvent.change(input, { target: { value: 'http://bot.internal' } });
    fireEvent.submit(screen.getByTestId('ecs-endpoint'));
    expect((await screen.findByRole('alert')).textContent).toBe('Use a ws:// or wss:// URL');
    fireEvent.change(input, { target: { value: 'wss://bot.internal:18789' } });
    fireEvent.submit(screen.getByTestId('ecs-endpoint'));
    await waitFor(() => expect(host.calls).toHaveLength(2));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Watching wss://bot.internal:18789 live.'),
    );
    expect(host.calls.at(-1)).toEqual({
      method: 'bot.gateway.setEndpoint',
      params: { id: 'b1', url: 'wss://bot.internal:18789' },
    });
  });
});
