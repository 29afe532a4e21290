import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { bot, fleet } from '../../test-support/fixtures.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { FleetDetailPage } from './FleetDetailPage.tsx';

function host() {
  const h = createScriptedBridge();
  h.answer('fleet.list', () => ({ ok: true, value: [fleet({ id: 'f1', name: 'payments', botCount: 3 })] }));
  h.answer('bot.list', () => ({
    ok: true,
    value: [
      bot({ id: 'b1', name: 'alpha' }),
      bot({ id: 'b2', name: 'beta' }),
      bot({ id: 'b3', name: 'gamma' }),
    ],
  }));
  h.answer('bot.health.list', () => ({ ok: true, value: [] }));
  h.answer('bot.runtime.list', () => ({ ok: true, value: [] }));
  return h;
}

async function renderFleet(h: ReturnType<typeof host>) {
  const { services } = renderWithHost(<FleetDetailPage id="f1" />, h);
  await act(() => services.fleets.getState().load());
  expect(await screen.findAllByTestId('bot-row')).toHaveLength(3);
}

const bar = () => within(screen.getByRole('toolbar', { name: 'Bulk actions' }));
const bulkCalls = (h: ReturnType<typeof host>) =>
  h.calls.filter((c) => c.method === 'bot.bulk').map((c) => c.params);

describe('bulk actions on the fleet table (against a scripted bridge test double)', () => {
  it('stops the selected bots in one request and shows each bot’s outcome until dismissed', async () => {
    const h = host();
    h.answer('bot.bulk', (p) => ({
      ok: true,
      value: {
        results: p.ids.map((id) =>
          id === 'b2'
            ? {
                botId: id,
                ok: false,
                error: { code: 'PRECONDITION', message: 'beta is not deployed on this machine.' },
              }
            : { botId: id, ok: true, runtime: null },
        ),
      },
    }));
    await renderFleet(h);
    expect(screen.queryByRole('toolbar', { name: 'Bulk actions' })).toBeNull();
    fireEvent.click(screen.getByLabelText('Select alpha'));
    fireEvent.click(screen.getByLabelText('Select beta'));
    expect(bar().getByText('2 selected')).toBeTruthy();

    fireEvent.click(bar().getByRole('button', { name: 'Stop' }));
    const results = await screen.findByTestId('bulk-results');
    expect(bulkCalls(h)).toEqual([{ action: 'stop', ids: ['b1', 'b2'] }]);
    expect(within(results).getByText(/1 bot stopped, 1 failed/)).toBeTruthy();
    expect(
      within(results)
        .getAllByTestId('bulk-result')
        .map((r) => r.textContent),
    ).toEqual(['alpha: ok', 'beta: beta is not deployed on this machine.']);

    fireEvent.click(within(results).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('bulk-results')).toBeNull();

    // Redeploy: each bot's config resolved again and rolled out, in one request.
    fireEvent.click(bar().getByRole('button', { name: 'Redeploy' }));
    await screen.findByTestId('bulk-results');
    expect(bulkCalls(h).at(-1)).toEqual({ action: 'redeploy', ids: ['b1', 'b2'] });
  });

  it('selects every bot with select-all, and none with it again', async () => {
    await renderFleet(host());
    const all = screen.getByLabelText('Select all bots') as HTMLInputElement;
    fireEvent.click(screen.getByLabelText('Select gamma'));
    expect(all.indeterminate).toBe(true);
    fireEvent.click(all);
    expect(bar().getByText('3 selected')).toBeTruthy();
    expect(all.checked).toBe(true);
    fireEvent.click(all);
    expect(screen.queryByRole('toolbar', { name: 'Bulk actions' })).toBeNull();
    expect((screen.getByLabelText('Select alpha') as HTMLInputElement).checked).toBe(false);
  });

  it('destroys only once the operator has typed the number of bots', async () => {
    const h = host();
    h.answer('bot.bulk', (p) => ({
      ok: true,
      value: { results: p.ids.map((id) => ({ botId: id, ok: true, runtime: null })) },
    }));
    await renderFleet(h);
    fireEvent.click(screen.getByLabelText('Select alpha'));
    fireEvent.click(screen.getByLabelText('Select gamma'));
    fireEvent.click(bar().getByRole('button', { name: 'Destroy…' }));

    const dialog = within(await screen.findByTestId('bulk-destroy'));
    const confirm = dialog.getByRole('button', { name: 'Destroy 2 bots' });
    const count = dialog.getByLabelText('Type the number of bots, 2, to confirm');
    expect(confirm.hasAttribute('disabled')).toBe(true);
    fireEvent.change(count, { target: { value: '3' } });
    expect(confirm.hasAttribute('disabled')).toBe(true);
    fireEvent.change(count, { target: { value: '2' } });
    fireEvent.click(confirm);

    await waitFor(() => expect(screen.queryByTestId('bulk-destroy')).toBeNull());
    expect(bulkCalls(h)).toEqual([{ action: 'destroy', ids: ['b1', 'b3'], confirmCount: 2 }]);
    expect(within(screen.getByTestId('bulk-results')).getByText(/2 bots destroyed/)).toBeTruthy();
  });

  it("keeps the destroy dialog open with the host's refusal", async () => {
    const h = host();
    h.answer('bot.bulk', () => ({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'The request is not valid.',
        issues: [{ path: 'confirmCount', message: 'Type the number of bots to destroy to confirm' }],
      },
    }));
    await renderFleet(h);
    fireEvent.click(screen.getByLabelText('Select beta'));
    fireEvent.click(bar().getByRole('button', { name: 'Destroy…' }));
    const dialog = within(await screen.findByTestId('bulk-destroy'));
    fireEvent.change(dialog.getByLabelText('Type the number of bots, 1, to confirm'), {
      target: { value: '1' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Destroy 1 bot' }));
    expect((await dialog.findByRole('alert')).textContent).toContain(
      'Type the number of bots to destroy to confirm',
    );
    expect(screen.queryByTestId('bulk-results')).toBeNull();
  });
});
