import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { runtime } from '../../test-support/fixtures.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { LifecycleCell } from './LifecycleCell.tsx';

const running = runtime();

describe('lifecycle cell (against a scripted bridge test double)', () => {
  it('offers Deploy for a bot not deployed, and shows why the host refused it', async () => {
    const host = createScriptedBridge();
    host.answer('bot.deploy', () => ({
      ok: false,
      error: {
        code: 'PRECONDITION',
        message: 'The deploy was refused by policy: sandbox.off (critical). Nothing was started.',
      },
    }));
    renderWithHost(<LifecycleCell botId="b1" name="alpha" runtime={undefined} />, host);
    expect(screen.getByTestId('bot-lifecycle').textContent).toBe('Not deployed');
    fireEvent.click(screen.getByRole('button', { name: 'Deploy alpha' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/refused by policy: sandbox\.off/);
    expect(host.calls[0]).toEqual({ method: 'bot.deploy', params: { id: 'b1' } });
  });

  it('offers Stop and Restart for a running bot and sends them', async () => {
    const host = createScriptedBridge();
    host.answer('bot.stop', () => ({
      ok: true,
      value: { ...running, state: 'stopped', desiredState: 'stopped' },
    }));
    renderWithHost(<LifecycleCell botId="b1" name="alpha" runtime={running} />, host);
    expect(screen.getByTestId('bot-lifecycle').dataset.state).toBe('running');
    expect(screen.queryByRole('button', { name: 'Deploy alpha' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Restart alpha' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop alpha' }));
    await waitFor(() => expect(host.calls).toEqual([{ method: 'bot.stop', params: { id: 'b1' } }]));
  });

  it('redeploys a running bot: its config resolved again and rolled out (bot.deploy)', async () => {
    const host = createScriptedBridge();
    host.answer('bot.deploy', () => ({ ok: true, value: { ...running, restartCount: 1 } }));
    renderWithHost(<LifecycleCell botId="b1" name="alpha" runtime={running} />, host);
    fireEvent.click(screen.getByRole('button', { name: 'Redeploy alpha' }));
    await waitFor(() => expect(host.calls).toEqual([{ method: 'bot.deploy', params: { id: 'b1' } }]));
  });
});
