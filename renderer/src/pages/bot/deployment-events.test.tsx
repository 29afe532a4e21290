import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DeploymentEvent } from '../../../../shared/domain/lifecycle.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { DeploymentEvents } from './DeploymentEvents.tsx';

const event = (seq: number, over: Partial<DeploymentEvent> = {}): DeploymentEvent => ({
  seq,
  botId: 'b1',
  at: `2026-11-24T10:0${seq}:00.000Z`,
  fromState: 'pending',
  toState: 'provisioning',
  cause: 'deploy',
  message: `event ${seq}`,
  actor: 'ada',
  ...over,
});

const seqs = () => screen.getAllByTestId('deployment-event').map((r) => Number(r.dataset.seq));

function host() {
  const h = createScriptedBridge();
  h.answer('bot.events.list', (p) =>
    p.before === undefined
      ? {
          ok: true,
          value: {
            events: [
              event(3, {
                fromState: 'provisioning',
                toState: 'running',
                cause: 'health',
                message: 'The gateway answered its health check',
              }),
              event(2),
            ],
            nextBefore: 2,
          },
        }
      : {
          ok: true,
          value: {
            events: [event(1, { fromState: null, toState: 'pending', message: 'Deploy requested' })],
            nextBefore: null,
          },
        },
  );
  return h;
}

describe('deployment events on the bot page (against a scripted bridge test double)', () => {
  it('shows the newest events first with time, transition and cause, and pages back with Load older', async () => {
    const h = host();
    renderWithHost(<DeploymentEvents botId="b1" />, h);
    const rows = await screen.findAllByTestId('deployment-event');
    expect(seqs()).toEqual([3, 2]);
    expect(rows[0]?.textContent).toContain('Provisioning → Running');
    expect(rows[0]?.textContent).toContain('health');
    expect(rows[0]?.textContent).toContain('The gateway answered its health check');
    expect(rows[0]?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-24T10:03:00.000Z');

    fireEvent.click(screen.getByRole('button', { name: 'Load older' }));
    await waitFor(() => expect(seqs()).toEqual([3, 2, 1]));
    const first = screen.getAllByTestId('deployment-event')[2]?.textContent ?? '';
    expect(first).toContain('Deploy requested');
    expect(first).not.toContain('→');
    expect(screen.queryByRole('button', { name: 'Load older' })).toBeNull();
    expect(h.calls.map((c) => c.params)).toEqual([
      { id: 'b1', limit: 50 },
      { id: 'b1', before: 2, limit: 50 },
    ]);
  });

  it("puts this bot's new events on top as they happen, and ignores other bots'", async () => {
    const h = host();
    renderWithHost(<DeploymentEvents botId="b1" />, h);
    await screen.findAllByTestId('deployment-event');
    act(() => {
      h.emit('bot.deployment.event', event(4, { fromState: 'running', toState: 'stopped', cause: 'stop' }));
      h.emit('bot.deployment.event', event(5, { botId: 'b2' }));
    });
    expect(seqs()).toEqual([4, 3, 2]);
    expect(screen.getAllByTestId('deployment-event')[0]?.textContent).toContain('Running → Stopped');
  });

  it('says so when the bot has no deployment events yet', async () => {
    const h = createScriptedBridge();
    h.answer('bot.events.list', () => ({ ok: true, value: { events: [], nextBefore: null } }));
    renderWithHost(<DeploymentEvents botId="b1" />, h);
    expect(await screen.findByText(/No deployment events yet/)).toBeTruthy();
  });
});
