import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { bot, fleet } from '../../test-support/fixtures.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { AddBotsDialog, parseNames } from './AddBotsDialog.tsx';
import { FleetDetailPage } from './FleetDetailPage.tsx';

describe('add several bots (against a scripted bridge test double)', () => {
  it('reads one name a line, ignoring blank lines and surrounding spaces', () => {
    expect(parseNames(' alpha \n\nbeta\r\n  \ngamma')).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('sends every name with the shared tags in one bot.createMany and closes', async () => {
    const host = createScriptedBridge();
    host.answer('bot.createMany', () => ({
      ok: true,
      value: { fleetId: 'f1', count: 2, ids: ['b1', 'b2'] },
    }));
    const onClose = vi.fn();
    renderWithHost(<AddBotsDialog fleetId="f1" fleetName="payments" onClose={onClose} />, host);
    fireEvent.change(screen.getByLabelText('Names'), { target: { value: 'alpha\nbeta\n' } });
    fireEvent.change(screen.getByLabelText('Tags for all of them'), { target: { value: 'eu, gpu' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add 2 bots' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(host.calls[0]).toEqual({
      method: 'bot.createMany',
      params: {
        fleetId: 'f1',
        bots: [
          { name: 'alpha', tags: ['eu', 'gpu'] },
          { name: 'beta', tags: ['eu', 'gpu'] },
        ],
      },
    });
  });

  it("shows the host's refusal with the line it is about, and stays open", async () => {
    const host = createScriptedBridge();
    host.answer('bot.createMany', () => ({
      ok: false,
      error: {
        code: 'VALIDATION',
        message:
          'The list names a bot twice (names are case-insensitive): "ALPHA". Remove the repeats; no bot was added.',
        issues: [{ path: 'bots.2.name', message: 'the same name as bots.0.name' }],
      },
    }));
    const onClose = vi.fn();
    renderWithHost(<AddBotsDialog fleetId="f1" fleetName="payments" onClose={onClose} />, host);
    fireEvent.change(screen.getByLabelText('Names'), { target: { value: 'alpha\nbeta\nALPHA' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add 3 bots' }));
    expect(await screen.findByText(/names a bot twice/)).toBeTruthy();
    expect(screen.getByText('Line 3: the same name as line 1')).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('cannot submit an empty list', () => {
    renderWithHost(
      <AddBotsDialog fleetId="f1" fleetName="payments" onClose={() => {}} />,
      createScriptedBridge(),
    );
    const button = screen.getByRole('button', { name: 'Add 0 bots' });
    expect(button.hasAttribute('disabled')).toBe(true);
  });

  it('on the fleet page: adds the bots the host pushes back in one event to the table, in name order', async () => {
    const host = createScriptedBridge();
    const payments = fleet({ id: 'f1', name: 'payments', botCount: 1 });
    host.answer('fleet.list', () => ({ ok: true, value: [payments] }));
    host.answer('bot.list', () => ({ ok: true, value: [bot({ id: 'b0', name: 'zulu' })] }));
    host.answer('bot.health.list', () => ({ ok: true, value: [] }));
    host.answer('bot.createMany', (p) => {
      // As the host does after its commit: one event with every new bot, then the fleet's count.
      const items = p.bots.map((b, i) => bot({ id: `n${i}`, name: b.name, tags: b.tags ?? [] }));
      host.emit('bot.createdMany', { fleetId: 'f1', items });
      host.emit('fleet.changed', { kind: 'updated', item: { ...payments, botCount: 1 + items.length } });
      return { ok: true, value: { fleetId: 'f1', count: items.length, ids: items.map((b) => b.id) } };
    });
    const { services } = renderWithHost(<FleetDetailPage id="f1" />, host);
    await act(() => services.fleets.getState().load());
    expect(await screen.findAllByTestId('bot-row')).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Add several…' }));
    fireEvent.change(screen.getByLabelText('Names'), { target: { value: 'mike\nalpha\nkilo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add 3 bots' }));
    await waitFor(() => expect(screen.queryByTestId('add-bots-form')).toBeNull());
    const rows = screen.getAllByTestId('bot-row').map((r) => r.getAttribute('data-bot-name'));
    expect(rows).toEqual(['alpha', 'kilo', 'mike', 'zulu']);
    expect(within(screen.getByLabelText('Fleet details')).getByTestId('fleet-bot-count').textContent).toBe(
      '4',
    );
  });
});
