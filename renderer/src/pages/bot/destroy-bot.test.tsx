import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bot, runtime } from '../../test-support/fixtures.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { BotPage } from './BotPage.tsx';

const running = runtime();

function host() {
  const h = createScriptedBridge();
  h.answer('bot.get', () => ({ ok: true, value: bot({ id: 'b1', fleetId: 'f1', name: 'alpha' }) }));
  h.answer('bot.runtime.list', () => ({ ok: true, value: [running] }));
  h.answer('bot.events.list', () => ({ ok: true, value: { events: [], nextBefore: null } }));
  h.answer('bot.logs.page', () => ({ ok: true, value: { lines: [], cursor: null } }));
  return h;
}

async function openDestroy() {
  fireEvent.click(await screen.findByRole('button', { name: 'Destroy…' }));
  return within(await screen.findByTestId('destroy-bot'));
}

describe('destroying a bot from its page (against a scripted bridge test double)', () => {
  beforeEach(() => {
    window.location.hash = '#/bots/b1';
  });
  afterEach(() => {
    window.location.hash = '';
  });

  it("asks for the bot's name, shows the host's refusal, and goes back to the fleet once destroyed", async () => {
    const h = host();
    let refuse = true;
    h.answer('bot.destroy', (p) =>
      refuse
        ? {
            ok: false,
            error: { code: 'CONFLICT', message: 'alpha is being deployed; try again when it has settled.' },
          }
        : { ok: true, value: { id: p.id, removed: ['process', 'runtime files'] } },
    );
    renderWithHost(<BotPage id="b1" />, h);
    const dialog = await openDestroy();
    const confirm = dialog.getByRole('button', { name: 'Destroy bot' });
    expect(confirm.hasAttribute('disabled')).toBe(true);
    const name = dialog.getByLabelText("Type the bot's name, alpha, to confirm");
    fireEvent.change(name, { target: { value: 'alp' } });
    expect(confirm.hasAttribute('disabled')).toBe(true);
    fireEvent.change(name, { target: { value: 'Alpha' } });
    expect(confirm.hasAttribute('disabled')).toBe(false);

    fireEvent.click(confirm);
    expect((await dialog.findByRole('alert')).textContent).toContain('alpha is being deployed');
    expect(window.location.hash).toBe('#/bots/b1');

    refuse = false;
    fireEvent.click(confirm);
    await waitFor(() => expect(window.location.hash).toBe('#/fleets/f1'));
    expect(h.calls.filter((c) => c.method === 'bot.destroy').map((c) => c.params)).toEqual([
      { id: 'b1', confirmName: 'Alpha' },
      { id: 'b1', confirmName: 'Alpha' },
    ]);
    expect(screen.queryByTestId('destroy-bot')).toBeNull();
  });

  it('can be cancelled without destroying anything', async () => {
    const h = host();
    renderWithHost(<BotPage id="b1" />, h);
    const dialog = await openDestroy();
    fireEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('destroy-bot')).toBeNull();
    expect(h.calls.some((c) => c.method === 'bot.destroy')).toBe(false);
  });

  it('offers Destroy only once the bot is deployed here', async () => {
    const h = host();
    h.answer('bot.runtime.list', () => ({ ok: true, value: [] }));
    renderWithHost(<BotPage id="b1" />, h);
    expect(await screen.findByRole('heading', { name: 'alpha', level: 1 })).toBeTruthy();
    await waitFor(() => expect(h.calls.some((c) => c.method === 'bot.runtime.list')).toBe(true));
    expect(screen.queryByRole('button', { name: 'Destroy…' })).toBeNull();
    act(() => h.emit('bot.runtime.changed', running));
    expect(await screen.findByRole('button', { name: 'Destroy…' })).toBeTruthy();
  });
});
