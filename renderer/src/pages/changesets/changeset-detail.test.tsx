import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../../shared/contract/errors.ts';
import type { ChangeSet } from '../../../../shared/domain/changeset.ts';
import { changeSet, rolloutBot } from '../../test-support/fixtures.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge, deferred } from '../../test-support/scripted-bridge.ts';
import { ChangeSetDetailPage } from './ChangeSetDetailPage.tsx';

const manifests = [
  { ref: { kind: 'Profile' as const, name: 'hardened' }, label: 'Profile hardened', before: 3, after: 4 },
];
const failed = changeSet({
  status: 'rolled-back',
  startedAt: '2025-03-04T10:01:00.000Z',
  finishedAt: '2025-03-04T10:05:00.000Z',
  failure: 'payments/alpha failed in wave 1: not healthy within 120 s. Rolled back automatically.',
  manifests,
  bots: [
    rolloutBot({
      botId: 'b1',
      botName: 'alpha',
      status: 'rolled-back',
      message: 'not healthy within 120 s; rolled back',
    }),
    rolloutBot({
      botId: 'b2',
      botName: 'beta',
      wave: 2,
      status: 'skipped',
      message: 'not reached: wave 1 failed',
    }),
    rolloutBot({
      botId: 'b3',
      botName: 'gamma',
      fleetId: 'f2',
      fleetName: 'support',
      wave: 2,
      status: 'skipped',
    }),
  ],
});
const completed = changeSet({
  status: 'completed',
  manifests,
  bots: [
    rolloutBot({ botId: 'b1', botName: 'alpha', status: 'healthy', updatedAt: '2025-03-04T10:02:00.000Z' }),
    rolloutBot({ botId: 'b2', botName: 'beta', wave: 2, status: 'healthy' }),
  ],
});

function host(cs: ChangeSet) {
  const h = createScriptedBridge();
  h.answer('changeset.get', () => ({ ok: true, value: cs }));
  return h;
}
const button = (name: string) => screen.getByRole<HTMLButtonElement>('button', { name });
const sent = (h: ReturnType<typeof createScriptedBridge>, method: string) =>
  h.calls.filter((c) => c.method === method).map((c) => c.params);

describe('the change set page (against a scripted bridge test double)', () => {
  it('shows a draft’s manifest diffs and planned waves; Start and Discard only for it, disabled while in flight', async () => {
    const h = host(changeSet({ botsChanged: 10 }));
    const answer = deferred<Result<ChangeSet>>();
    h.answer('changeset.start', () => answer.promise);
    renderWithHost(<ChangeSetDetailPage id="cs1" />, h);
    await screen.findByRole('heading', { name: 'Harden the sandbox' });
    expect(screen.getAllByTestId('changeset-status')[0]?.textContent).toBe('Draft');
    expect([...screen.getByTestId('wave-preview').children].map((li) => li.textContent)).toEqual([
      'Wave 1: 1 bot',
      'Wave 2: 9 bots',
    ]);
    const diff = screen.getByRole('table', { name: 'Changes to Profile hardened' });
    expect(within(diff).getByTestId('diff-before').textContent).toBe('off');
    expect(within(diff).getByTestId('diff-after').textContent).toBe('all');
    expect(button('Roll back…').disabled).toBe(true);
    expect(button('Discard').disabled).toBe(false);

    fireEvent.click(button('Start rollout'));
    await waitFor(() => expect(button('Starting…').disabled).toBe(true));
    expect(button('Discard').disabled).toBe(true);
    expect(sent(h, 'changeset.start')).toEqual([{ id: 'cs1' }]);
    answer.resolve({
      ok: true,
      value: changeSet({ status: 'rolling-out', bots: [rolloutBot({ status: 'updating' })] }),
    });
    await waitFor(() =>
      expect(screen.getAllByTestId('changeset-status')[0]?.textContent).toBe('Rolling out'),
    );
    expect(button('Start rollout').disabled).toBe(true);
    expect(button('Discard').disabled).toBe(true);
    expect(screen.queryByTestId('wave-preview')).toBeNull();
  });

  it('discards a draft, and shows the host’s refusal of a start', async () => {
    const h = host(changeSet());
    h.answer('changeset.start', () => ({
      ok: false,
      error: { code: 'CONFLICT', message: 'Change set "Other" is rolling out. Wait for it to finish.' },
    }));
    h.answer('changeset.discard', () => ({ ok: true, value: changeSet({ status: 'discarded' }) }));
    renderWithHost(<ChangeSetDetailPage id="cs1" />, h);
    await screen.findByRole('heading', { name: 'Harden the sandbox' });
    fireEvent.click(button('Start rollout'));
    expect((await screen.findByTestId('error-notice')).textContent).toContain('is rolling out');
    fireEvent.click(button('Discard'));
    await waitFor(() => expect(screen.getAllByTestId('changeset-status')[0]?.textContent).toBe('Discarded'));
    expect(sent(h, 'changeset.discard')).toEqual([{ id: 'cs1' }]);
    expect(screen.queryByTestId('error-notice')).toBeNull();
    expect(button('Start rollout').disabled).toBe(true);
  });

  it('shows the failure and the bots by wave, each linking to its page; nothing to start or roll back', async () => {
    renderWithHost(<ChangeSetDetailPage id="cs1" />, host(failed));
    expect((await screen.findByTestId('changeset-failure')).textContent).toContain(
      'payments/alpha failed in wave 1: not healthy within 120 s',
    );
    const waves = screen.getAllByTestId('rollout-wave');
    expect(waves.map((w) => w.dataset.wave)).toEqual(['1', '2']);
    const names = (w: HTMLElement) =>
      within(w)
        .getAllByTestId('rollout-bot')
        .map((r) => r.dataset.botName);
    expect(names(waves[0] as HTMLElement)).toEqual(['alpha']);
    expect(names(waves[1] as HTMLElement)).toEqual(['beta', 'gamma']);
    const alpha = within(waves[0] as HTMLElement).getByTestId('rollout-bot');
    expect(within(alpha).getByRole('link', { name: 'alpha' }).getAttribute('href')).toBe('#/bots/b1');
    expect(within(alpha).getByRole('link', { name: 'payments' }).getAttribute('href')).toBe('#/fleets/f1');
    expect(alpha.textContent).toContain('Rolled back');
    expect(alpha.textContent).toContain('not healthy within 120 s; rolled back');
    expect(screen.getByRole('list', { name: 'Manifest versions' }).textContent).toBe(
      'Profile hardened: v3 → v4',
    );
    for (const name of ['Start rollout', 'Discard', 'Roll back…']) expect(button(name).disabled).toBe(true);
  });

  it('follows the rollout from pushed changes', async () => {
    const { host: h } = renderWithHost(
      <ChangeSetDetailPage id="cs1" />,
      host({ ...completed, status: 'rolling-out' }),
    );
    await screen.findAllByTestId('rollout-bot');
    h.emit('changeset.changed', changeSet({ id: 'other', title: 'Not this one' }));
    h.emit('changeset.changed', {
      ...completed,
      status: 'rolling-out',
      bots: completed.bots.map((b) =>
        b.botId === 'b2' ? { ...b, status: 'updating', message: 'Waiting for health' } : b,
      ),
    });
    const beta = () => screen.getAllByTestId('rollout-bot').find((r) => r.dataset.botName === 'beta');
    await waitFor(() => expect(beta()?.textContent).toContain('Waiting for health'));
    expect(within(beta() as HTMLElement).getByTestId('rollout-bot-status').textContent).toBe('Updating');
    expect(screen.getByRole('heading', { name: 'Harden the sandbox' })).toBeTruthy();
  });

  it('asks before rolling back, saying what happens, then calls changeset.rollback', async () => {
    const h = host(completed);
    let refuse = true;
    h.answer('changeset.rollback', () =>
      refuse
        ? {
            ok: false,
            error: { code: 'CONFLICT', message: 'Profile hardened changed since; roll that back first.' },
          }
        : { ok: true, value: { ...completed, status: 'rolling-back' } },
    );
    renderWithHost(<ChangeSetDetailPage id="cs1" />, h);
    await screen.findAllByTestId('rollout-bot');
    expect(button('Start rollout').disabled).toBe(true);
    fireEvent.click(button('Roll back…'));
    const dialog = screen.getByTestId('rollback-dialog');
    expect(dialog.textContent).toContain(
      'The manifests go back to their versions from before this change set (Profile hardened)',
    );
    expect(within(dialog).getByTestId('rollback-bots').textContent).toBe(
      '2 bots that got the change are redeployed with the config from before: payments/alpha, payments/beta.',
    );
    expect(sent(h, 'changeset.rollback')).toEqual([]);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    expect((await within(dialog).findByTestId('error-notice')).textContent).toContain('changed since');
    refuse = false;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    await waitFor(() => expect(screen.queryByTestId('rollback-dialog')).toBeNull());
    expect(sent(h, 'changeset.rollback')).toEqual([{ id: 'cs1' }, { id: 'cs1' }]);
    expect(screen.getAllByTestId('changeset-status')[0]?.textContent).toBe('Rolling back');
    expect(button('Roll back…').disabled).toBe(true);
  });
});
