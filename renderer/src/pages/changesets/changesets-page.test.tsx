import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { toSummary } from '../../../../shared/domain/changeset.ts';
import { changeSet, rolloutBot } from '../../test-support/fixtures.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { ChangeSetsPage } from './ChangeSetsPage.tsx';

const rolling = changeSet({
  id: 'cs2',
  title: 'Bump the model',
  status: 'rolling-out',
  strategy: { kind: 'percentage', percent: 25 },
  createdAt: '2025-03-05T10:00:00.000Z',
  actor: 'grace',
  bots: [
    rolloutBot({ botId: 'b1', status: 'healthy' }),
    rolloutBot({ botId: 'b2', status: 'updating' }),
    rolloutBot({ botId: 'b3', wave: 2, status: 'pending' }),
  ],
});
const draft = changeSet({ id: 'cs1', strategy: { kind: 'canary', bots: 1 } });

function host() {
  const h = createScriptedBridge();
  h.answer('changeset.list', () => ({ ok: true, value: [toSummary(rolling), toSummary(draft)] }));
  return h;
}

const row = (id: string) => {
  const found = screen.getAllByTestId('changeset-row').find((r) => r.dataset.changesetId === id);
  if (!found) throw new Error(`no row for ${id}`);
  return found;
};
const cells = (id: string) => [...row(id).children].map((c) => c.textContent);

describe('the Change Sets page (against a scripted bridge test double)', () => {
  it('lists change sets newest first with status, strategy, progress, creation and actor', async () => {
    renderWithHost(<ChangeSetsPage />, host());
    await screen.findAllByTestId('changeset-row');
    expect(screen.getAllByTestId('changeset-row').map((r) => r.dataset.changesetId)).toEqual(['cs2', 'cs1']);
    const [title, status, strategy, progress, , actor] = cells('cs2');
    expect([title, status, strategy, progress, actor]).toEqual([
      'Bump the model',
      'Rolling out',
      '25% waves',
      '1/3 healthy',
      'grace',
    ]);
    expect(cells('cs1').slice(1, 4)).toEqual(['Draft', 'Canary (1 bot)', '3 bots affected']);
    expect(within(row('cs2')).getByRole('link', { name: 'Bump the model' }).getAttribute('href')).toBe(
      '#/changesets/cs2',
    );
  });

  it('updates a row in place from a pushed changeset.changed, and shows a new one on top', async () => {
    const { host: h } = renderWithHost(<ChangeSetsPage />, host());
    await screen.findAllByTestId('changeset-row');
    h.emit('changeset.changed', {
      ...rolling,
      bots: rolling.bots.map((b) => (b.botId === 'b2' ? { ...b, status: 'failed' } : b)),
      status: 'rolling-back',
      failure: 'payments/alpha failed in wave 1',
    });
    await waitFor(() => expect(cells('cs2')[1]).toBe('Rolling back'));
    expect(cells('cs2')[3]).toBe('1/3 healthy · 1 failed');

    h.emit(
      'changeset.changed',
      changeSet({ id: 'cs3', title: 'Newest', createdAt: '2025-03-06T00:00:00.000Z' }),
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('changeset-row').map((r) => r.dataset.changesetId)).toEqual([
        'cs3',
        'cs2',
        'cs1',
      ]),
    );
    expect(h.calls.filter((c) => c.method === 'changeset.list')).toHaveLength(1);
  });

  it('says how to start when there is no change set yet', async () => {
    const h = createScriptedBridge();
    h.answer('changeset.list', () => ({ ok: true, value: [] }));
    renderWithHost(<ChangeSetsPage />, h);
    expect(await screen.findByText('No change sets yet')).toBeTruthy();
  });
});
