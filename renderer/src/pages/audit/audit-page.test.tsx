import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../lib/format.ts';
import { auditEvent } from '../../test-support/fixtures.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { AuditPage } from './AuditPage.tsx';

describe('Audit Log page (against a scripted bridge test double)', () => {
  it('groups events by day, shows a diff on demand, and names the event that broke the chain', async () => {
    const host = createScriptedBridge();
    const rename = auditEvent({
      seq: 2,
      ts: '2025-03-05T09:30:00.000Z',
      action: 'bot.update',
      resourceType: 'bot',
      resourceId: 'b1',
      diff: {
        before: { name: 'alpha', fleetId: 'f1', tags: [] },
        after: { name: 'omega', fleetId: 'f1', tags: [] },
      },
    });
    host.answer('audit.list', () => ({
      ok: true,
      value: { events: [rename, auditEvent({ seq: 1 })], nextBefore: null },
    }));
    host.answer('audit.facets', () => ({
      ok: true,
      value: { actors: ['ada'], resourceTypes: ['bot', 'fleet'] },
    }));
    host.answer('audit.verify', () => ({
      ok: true,
      value: {
        ok: false,
        checked: 2,
        problem: { seq: 1, kind: 'altered', message: 'its hash does not match' },
      },
    }));
    renderWithHost(<AuditPage />, host);

    const days = await screen.findAllByTestId('audit-day');
    expect(days.map((d) => d.getAttribute('aria-label'))).toEqual([
      formatDay('2025-03-05T09:30:00.000Z'),
      formatDay('2025-03-04T10:00:00.000Z'),
    ]);
    expect(within(days[0] ?? document.body).getAllByTestId('audit-event')).toHaveLength(1);
    const item = screen.getByRole('button', { name: /Renamed bot “alpha” to “omega”/ });
    expect(item.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(item);
    const row = screen.getByTestId('diff-row');
    expect(row.getAttribute('data-path')).toBe('name');
    expect(within(row).getByTestId('diff-before').textContent).toBe('alpha');
    expect(within(row).getByTestId('diff-after').textContent).toBe('omega');

    fireEvent.click(screen.getByRole('button', { name: /Verify chain/ }));
    expect((await screen.findByTestId('verify-result')).textContent).toBe(
      'Event #1 was altered: its hash does not match',
    );
  });
});
