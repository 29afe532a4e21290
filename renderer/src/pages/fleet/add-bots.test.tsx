import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { AddBotsDialog, parseNames } from './AddBotsDialog.tsx';

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
});
