import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract/errors.ts';
import type { ChangeSetSummary } from '../../../shared/domain/changeset.ts';
import { toSummary } from '../../../shared/domain/changeset.ts';
import { createContractClient } from '../api/contract-client.ts';
import { changeSet, rolloutBot } from '../test-support/fixtures.ts';
import { createScriptedBridge, deferred } from '../test-support/scripted-bridge.ts';
import { createChangeSetsStore } from './changesets-store.ts';

const ids = (store: ReturnType<typeof createChangeSetsStore>) => store.getState().changeSets.map((c) => c.id);

describe('change sets store (with a scripted bridge test double)', () => {
  it('lists newest first, then replaces a row in place and puts a new one on top as changes are pushed', async () => {
    const host = createScriptedBridge();
    host.answer('changeset.list', () => ({
      ok: true,
      value: [
        toSummary(changeSet({ id: 'old', createdAt: '2025-03-01T00:00:00.000Z' })),
        toSummary(changeSet({ id: 'mid', createdAt: '2025-03-02T00:00:00.000Z' })),
      ],
    }));
    const store = createChangeSetsStore(createContractClient(host.bridge));
    await store.getState().load();
    expect(ids(store)).toEqual(['mid', 'old']);

    host.emit(
      'changeset.changed',
      changeSet({
        id: 'old',
        createdAt: '2025-03-01T00:00:00.000Z',
        status: 'rolling-out',
        bots: [rolloutBot({ status: 'healthy' }), rolloutBot({ botId: 'b2', status: 'updating' })],
      }),
    );
    host.emit('changeset.changed', changeSet({ id: 'new', createdAt: '2025-03-05T00:00:00.000Z' }));
    expect(ids(store)).toEqual(['new', 'mid', 'old']);
    const old = store.getState().changeSets[2];
    expect(old?.status).toBe('rolling-out');
    expect(old?.counts).toEqual({
      pending: 0,
      updating: 1,
      healthy: 1,
      failed: 0,
      skipped: 0,
      'rolled-back': 0,
    });
    expect(host.calls.filter((c) => c.method === 'changeset.list')).toHaveLength(1);
    store.dispose();
  });

  it('keeps a change pushed while the list was on its way', async () => {
    const host = createScriptedBridge();
    const answer = deferred<Result<ChangeSetSummary[]>>();
    host.answer('changeset.list', () => answer.promise);
    const store = createChangeSetsStore(createContractClient(host.bridge));
    const loading = store.getState().load();
    host.emit('changeset.changed', changeSet({ id: 'cs1', status: 'completed' }));
    answer.resolve({ ok: true, value: [toSummary(changeSet({ id: 'cs1', status: 'rolling-out' }))] });
    await loading;
    expect(store.getState().changeSets.map((c) => c.status)).toEqual(['completed']);
    store.dispose();
  });
});
