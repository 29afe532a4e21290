import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AlertSettings } from '../../../../shared/alerts/settings.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { NotificationSettingsSection } from './NotificationSettingsSection.tsx';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const now = () => NOW;
const stored: AlertSettings = { minSeverity: 'info', quietHours: null, pausedUntil: null };

/** A scripted bridge (TEST DOUBLE of the host) that keeps the settings it is sent. */
function host(initial: AlertSettings = stored) {
  const h = createScriptedBridge();
  let current = initial;
  h.answer('alerts.settings.get', () => ({ ok: true, value: current }));
  h.answer('alerts.settings.update', (p) => {
    current = {
      minSeverity: p.minSeverity ?? current.minSeverity,
      quietHours: p.quietHours === undefined ? current.quietHours : p.quietHours,
      pausedUntil: p.pausedUntil === undefined ? current.pausedUntil : p.pausedUntil,
    };
    return { ok: true, value: current };
  });
  return h;
}

const updates = (h: ReturnType<typeof host>) =>
  h.calls.filter((c) => c.method === 'alerts.settings.update').map((c) => c.params);
const input = (label: string) => screen.getByLabelText<HTMLInputElement>(label);
const fill = (label: string, value: string) => fireEvent.change(input(label), { target: { value } });
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save notification settings' }));

function fieldError(label: string): string | null {
  const control = screen.getByLabelText(label);
  const id = control.getAttribute('aria-describedby')?.split(' ')[0];
  return control.getAttribute('aria-invalid') === 'true' && id
    ? (document.getElementById(id)?.textContent ?? null)
    : null;
}

describe('Settings > Notifications (against a scripted bridge test double)', () => {
  it('loads the settings and saves only the fields the operator changed', async () => {
    const h = host();
    renderWithHost(<NotificationSettingsSection now={now} />, h);
    const severity = await screen.findByLabelText<HTMLSelectElement>('Minimum severity');
    expect(severity.value).toBe('info');
    expect(screen.getByTestId('pause-status').textContent).toContain('Notifications are on.');
    expect(input('Quiet until').disabled).toBe(true);
    expect(
      screen.getByRole<HTMLButtonElement>('button', { name: 'Save notification settings' }).disabled,
    ).toBe(true);

    fireEvent.change(severity, { target: { value: 'warning' } });
    fireEvent.click(screen.getByLabelText(/Quiet hours/));
    fill('Quiet from', '22:30');
    fill('Quiet until', '06:30');
    save();
    await screen.findByText('Notification settings saved.');
    expect(updates(h)).toEqual([{ minSeverity: 'warning', quietHours: { start: '22:30', end: '06:30' } }]);

    fill('Quiet until', '07:15');
    save();
    await waitFor(() => expect(updates(h)).toHaveLength(2));
    expect(updates(h)[1]).toEqual({ quietHours: { start: '22:30', end: '07:15' } });

    fireEvent.click(screen.getByLabelText(/Quiet hours/));
    save();
    await waitFor(() => expect(updates(h)).toHaveLength(3));
    expect(updates(h)[2]).toEqual({ quietHours: null });
  });

  it('shows the host’s issue on quietHours.end beside the end time', async () => {
    const h = host();
    h.answer('alerts.settings.update', () => ({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Invalid input for alerts.settings.update.',
        issues: [{ path: 'quietHours.end', message: 'Quiet hours need different start and end times' }],
      },
    }));
    renderWithHost(<NotificationSettingsSection now={now} />, h);
    fireEvent.click(await screen.findByLabelText(/Quiet hours/));
    fill('Quiet from', '22:00');
    fill('Quiet until', '22:00');
    save();
    await waitFor(() =>
      expect(fieldError('Quiet until')).toBe('Quiet hours need different start and end times'),
    );
    expect(fieldError('Quiet from')).toBeNull();
    expect(fieldError('Minimum severity')).toBeNull();
    expect(screen.getByTestId('error-notice').textContent).toContain('Invalid input');
    expect(screen.queryByText('Notification settings saved.')).toBeNull();
  });

  it('follows a change made elsewhere, keeping the field being edited', async () => {
    const h = host();
    renderWithHost(<NotificationSettingsSection now={now} />, h);
    const severity = await screen.findByLabelText<HTMLSelectElement>('Minimum severity');
    fireEvent.change(severity, { target: { value: 'warning' } });
    act(() => {
      h.emit('alerts.settings.changed', {
        minSeverity: 'critical',
        quietHours: { start: '23:00', end: '06:00' },
        pausedUntil: '2026-03-10T13:00:00.000Z',
      });
    });
    expect(severity.value).toBe('warning');
    expect(screen.getByLabelText<HTMLInputElement>(/Quiet hours/).checked).toBe(true);
    expect(input('Quiet from').value).toBe('23:00');
    expect(input('Quiet until').value).toBe('06:00');
    const status = screen.getByTestId('pause-status');
    expect(status.textContent).toContain('Notifications are paused until');
    expect(status.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-10T13:00:00.000Z');
    expect(screen.getByRole('button', { name: 'Resume' })).toBeTruthy();
  });

  it('pauses notifications for an hour from now, and resumes them', async () => {
    const h = host();
    renderWithHost(<NotificationSettingsSection now={now} />, h);
    fireEvent.click(await screen.findByRole('button', { name: 'Pause for an hour' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Resume' }));
    await screen.findByRole('button', { name: 'Pause for an hour' });
    expect(updates(h)).toEqual([{ pausedUntil: '2026-03-10T13:00:00.000Z' }, { pausedUntil: null }]);
  });
});
