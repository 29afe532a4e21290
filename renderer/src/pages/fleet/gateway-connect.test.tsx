import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { BotHealth } from '../../../../shared/domain/gateway.ts';
import { useHealth } from '../../app/services.tsx';
import { bot } from '../../test-support/fixtures.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { BotTable } from './BotTable.tsx';
import { ConnectBotDialog } from './ConnectBotDialog.tsx';

const T0 = '2025-03-04T10:00:00.000Z';
const health = (over: Partial<BotHealth> = {}): BotHealth => ({
  botId: 'b1',
  state: 'healthy',
  version: '2026.9.6',
  startedAt: T0,
  lastTickAt: null,
  lastHealthAt: T0,
  since: T0,
  lastError: null,
  ...over,
});
const approve = 'openclaw devices approve req-42';
const pairing = health({
  state: 'pairing-required',
  version: null,
  lastError: {
    code: 'PAIRING_REQUIRED',
    message: 'Pairing required',
    details: {
      gatewayCode: 'PAIRING_REQUIRED',
      requestId: 'req-42',
      approveCommand: approve,
      retrying: true,
    },
  },
});

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('connect existing bot (against a scripted bridge test double)', () => {
  it('shows the pairing panel with the request id and a copyable approve command, then flips to connected on the health event', async () => {
    const host = createScriptedBridge();
    host.answer('bot.connect', () => ({ ok: true, value: { botId: 'b1', health: pairing, summary: null } }));
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderWithHost(<ConnectBotDialog fleetId="f1" fleetName="payments" onClose={() => {}} />, host);
    fill('Gateway token', 'secret-token');
    fill('Name', 'alpha');
    fireEvent.click(screen.getByRole('button', { name: 'Connect bot' }));

    const panel = await screen.findByTestId('pairing-panel');
    expect(panel.textContent).toContain('req-42');
    expect(screen.getByTestId('copy-command').textContent).toBe(approve);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(approve));
    expect(host.calls[0]).toEqual({
      method: 'bot.connect',
      params: { fleetId: 'f1', name: 'alpha', url: 'ws://127.0.0.1:18789', token: 'secret-token', tags: [] },
    });

    act(() => host.emit('bot.health.changed', health({ since: '2025-03-04T10:01:00.000Z' })));
    expect((await screen.findByTestId('connected-panel')).textContent).toContain('OpenClaw 2026.9.6');
    expect(screen.queryByTestId('pairing-panel')).toBeNull();
  });

  it('shows a wrong token as its own panel and puts the focus in the token field', async () => {
    const host = createScriptedBridge();
    host.answer('bot.connect', () => ({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: 'Wrong token: the gateway refused the token.',
        details: { gatewayCode: 'AUTH_TOKEN_MISMATCH' },
      },
    }));
    renderWithHost(<ConnectBotDialog fleetId="f1" fleetName="payments" onClose={() => {}} />, host);
    fill('Gateway token', 'nope');
    fill('Name', 'alpha');
    fireEvent.click(screen.getByRole('button', { name: 'Connect bot' }));
    const panel = await screen.findByTestId('gateway-error');
    expect(panel.dataset.code).toBe('AUTH_TOKEN_MISMATCH');
    expect(panel.textContent).toContain('Wrong token');
    expect(document.activeElement).toBe(screen.getByLabelText('Gateway token'));
  });

  it('shows what Test connection found: version, uptime, health, channels and agents', async () => {
    const host = createScriptedBridge();
    host.answer('bot.gateway.test', () => ({
      ok: true,
      value: {
        url: 'ws://127.0.0.1:18789',
        version: '2026.9.6',
        uptimeMs: 3_780_000,
        health: { ok: true, degraded: false },
        channels: [{ id: 'slack', configured: true, running: true }],
        agents: [{ id: 'main', model: 'openai/gpt-5', isDefault: true }],
      },
    }));
    renderWithHost(<ConnectBotDialog fleetId="f1" fleetName="payments" onClose={() => {}} />, host);
    fill('Gateway token', 'tok');
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const summary = await screen.findByTestId('gateway-summary');
    for (const text of ['2026.9.6', '1 h 3 min', 'healthy', 'slack', 'main (openai/gpt-5)'])
      expect(summary.textContent).toContain(text);
  });
});

const bots = [bot({ gatewayUrl: 'ws://127.0.0.1:18789' }), bot({ id: 'b2', name: 'beta' })];

/** The bots table fed by the real health store, as the fleet page feeds it. */
function LiveBotTable() {
  const byBot = useHealth((s) => s.byBot);
  const none = () => {};
  return (
    <BotTable
      bots={bots}
      runtimes={{}}
      health={byBot}
      onRetry={none}
      onNewToken={none}
      onEdit={none}
      onDelete={none}
    />
  );
}

describe('health column (against a scripted bridge test double)', () => {
  it('loads the fleet health once, then follows bot.health.changed events', async () => {
    const host = createScriptedBridge();
    host.answer('bot.health.list', () => ({ ok: true, value: [health()] }));
    const view = renderWithHost(<LiveBotTable />, host);
    await act(() => view.services.health.getState().load('f1'));
    const cells = screen.getAllByTestId('bot-row');
    expect(cells[0]?.textContent).toContain('Healthy');
    expect(cells[1]?.textContent).toContain('Not connected');

    act(() =>
      host.emit(
        'bot.health.changed',
        health({
          state: 'auth-failed',
          since: '2025-03-04T10:05:00.000Z',
          lastError: { code: 'AUTH_TOKEN_MISMATCH', message: 'Wrong token' },
        }),
      ),
    );
    expect(screen.getByTestId('bot-health').dataset.state).toBe('auth-failed');
    expect(screen.getByRole('button', { name: 'Enter a new token for alpha' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry alpha' })).toBeTruthy();
    expect(host.calls.filter((c) => c.method === 'bot.health.list')).toHaveLength(1);
  });
});
