import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fleet } from '../../test-support/fixtures.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { DeleteFleetDialog } from './DeleteFleetDialog.tsx';
import { FleetFormDialog } from './FleetFormDialog.tsx';
import { FleetTable } from './FleetTable.tsx';

describe('fleet dialogs (against a scripted bridge test double)', () => {
  it('shows each issue the host reports next to its field, and the message on top', async () => {
    const host = createScriptedBridge();
    host.answer('fleet.create', () => ({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'The fleet was not created: 2 fields need attention.',
        issues: [
          { path: 'name', message: 'Name is required' },
          { path: 'tags.1', message: 'Tag may hold letters, digits and . _ : / - only' },
        ],
      },
    }));
    const onClose = vi.fn();
    renderWithHost(<FleetFormDialog onClose={onClose} />, host);
    fireEvent.change(screen.getByLabelText('Tags'), { target: { value: 'team:a, bad!' } });
    fireEvent.submit(screen.getByLabelText('Name').closest('form') ?? document.body);

    const notice = await screen.findByTestId('error-notice');
    expect(notice.textContent).toContain('2 fields need attention');
    const name = screen.getByLabelText('Name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    const nameError = document.getElementById(name.getAttribute('aria-describedby')?.split(' ')[0] ?? '');
    expect(nameError?.textContent).toBe('Name is required');
    const tagsError = document.getElementById(
      screen.getByLabelText('Tags').getAttribute('aria-describedby')?.split(' ')[0] ?? '',
    );
    expect(tagsError?.textContent).toBe('"bad!": Tag may hold letters, digits and . _ : / - only');
    expect(host.calls[0]?.params).toEqual({
      name: '',
      environment: 'dev',
      target: 'local',
      tags: ['team:a', 'bad!'],
      description: '',
    });
    expect(onClose).not.toHaveBeenCalled();
  });

  it('sends the edited fields and closes when the host accepts them', async () => {
    const host = createScriptedBridge();
    host.answer('fleet.update', (p) => ({ ok: true, value: fleet({ name: p.name ?? 'x' }) }));
    const onClose = vi.fn();
    renderWithHost(<FleetFormDialog fleet={fleet({ tags: ['a'] })} onClose={onClose} />, host);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'payments-eu' } });
    fireEvent.change(screen.getByLabelText('Environment'), { target: { value: 'staging' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(host.calls[0]).toEqual({
      method: 'fleet.update',
      params: { id: 'f1', name: 'payments-eu', environment: 'staging', tags: ['a'], description: '' },
    });
  });

  it('creates a fleet that runs on AWS ECS when the operator chooses it', async () => {
    const host = createScriptedBridge();
    host.answer('fleet.create', (p) => ({
      ok: true,
      value: fleet({ name: p.name, target: p.target ?? 'local' }),
    }));
    const onSaved = vi.fn();
    renderWithHost(<FleetFormDialog onClose={() => {}} onSaved={onSaved} />, host);
    const runsOn = screen.getByLabelText<HTMLSelectElement>('Runs on');
    expect(runsOn.value).toBe('local');
    expect([...runsOn.options].map((o) => o.textContent)).toEqual(['This workstation', 'AWS ECS']);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'payments-cloud' } });
    fireEvent.change(runsOn, { target: { value: 'ecs' } });
    expect(screen.getByText(/Bots run as ECS services/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create fleet' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(host.calls[0]?.params).toMatchObject({ name: 'payments-cloud', target: 'ecs' });
    expect(onSaved.mock.calls[0]?.[0]).toMatchObject({ target: 'ecs' });
  });

  it('shows why a fleet with deployed bots cannot move to another target, beside Runs on', async () => {
    const host = createScriptedBridge();
    host.answer('fleet.update', () => ({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Fleet "payments" still has 2 bots deployed on this workstation. Destroy them first.',
        issues: [{ path: 'target', message: 'bots are still deployed on the current target' }],
      },
    }));
    const onClose = vi.fn();
    renderWithHost(<FleetFormDialog fleet={fleet({ botCount: 2 })} onClose={onClose} />, host);
    fireEvent.change(screen.getByLabelText('Runs on'), { target: { value: 'ecs' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    expect((await screen.findByTestId('error-notice')).textContent).toContain('2 bots deployed');
    const runsOn = screen.getByLabelText('Runs on');
    expect(runsOn.getAttribute('aria-invalid')).toBe('true');
    const issue = document.getElementById(runsOn.getAttribute('aria-describedby')?.split(' ')[0] ?? '');
    expect(issue?.textContent).toBe('bots are still deployed on the current target');
    expect(host.calls[0]?.params).toMatchObject({ id: 'f1', target: 'ecs' });
    expect(onClose).not.toHaveBeenCalled();
  });

  it('marks fleets on AWS ECS in the fleet list', () => {
    renderWithHost(
      <FleetTable
        fleets={[fleet(), fleet({ id: 'f2', name: 'cloud', target: 'ecs' })]}
        onEdit={() => {}}
        onDelete={() => {}}
      />,
    );
    const rows = screen.getAllByTestId('fleet-row');
    expect(rows.map((r) => r.querySelector('[data-testid="fleet-target"]')?.textContent ?? null)).toEqual([
      null,
      'AWS ECS',
    ]);
  });

  it('closes on Esc', () => {
    const onClose = vi.fn();
    renderWithHost(<FleetFormDialog onClose={onClose} />);
    fireEvent(screen.getByTestId('fleet-form'), new Event('cancel', { cancelable: true }));
    expect(onClose).toHaveBeenCalled();
  });

  it('offers to delete a fleet with its bots only after the host refused the plain delete', async () => {
    const host = createScriptedBridge();
    host.answer('fleet.delete', (p) =>
      p.force
        ? { ok: true, value: { id: 'f1', deletedBots: 2 } }
        : {
            ok: false,
            error: { code: 'PRECONDITION', message: 'Fleet "payments" still has 2 bots. Delete them first.' },
          },
    );
    const onClose = vi.fn();
    renderWithHost(<DeleteFleetDialog fleet={fleet({ botCount: 2 })} onClose={onClose} />, host);
    fireEvent.click(screen.getByRole('button', { name: 'Delete fleet' }));
    expect((await screen.findByTestId('error-notice')).textContent).toContain('still has 2 bots');
    fireEvent.click(screen.getByRole('button', { name: 'Delete with its 2 bots' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(host.calls.map((c) => c.params)).toEqual([
      { id: 'f1', force: false },
      { id: 'f1', force: true },
    ]);
  });
});
