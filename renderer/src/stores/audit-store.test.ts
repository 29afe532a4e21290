import { describe, expect, it } from 'vitest';
import { createContractClient } from '../api/contract-client.ts';
import { auditEvent } from '../test-support/fixtures.ts';
import { createScriptedBridge } from '../test-support/scripted-bridge.ts';
import { createAuditStore } from './audit-store.ts';

const seqs = (store: ReturnType<typeof createAuditStore>) => store.getState().events.map((e) => e.seq);

describe('audit store (with a scripted bridge test double)', () => {
  it('pages backwards with nextBefore and shows each event once', async () => {
    const host = createScriptedBridge();
    host.answer('audit.list', (q) =>
      q.before === undefined
        ? { ok: true, value: { events: [auditEvent({ seq: 3 }), auditEvent({ seq: 2 })], nextBefore: 2 } }
        : { ok: true, value: { events: [auditEvent({ seq: 2 }), auditEvent({ seq: 1 })], nextBefore: null } },
    );
    const store = createAuditStore(createContractClient(host.bridge));
    await store.getState().reload();
    await store.getState().loadMore();
    expect(seqs(store)).toEqual([3, 2, 1]);
    expect(store.getState().nextBefore).toBeNull();
    expect(host.calls.at(-1)?.params).toMatchObject({ before: 2 });
    store.dispose();
  });

  it('adds appended events that match the filters, on top, and learns new actors', async () => {
    const host = createScriptedBridge();
    host.answer('audit.list', () => ({
      ok: true,
      value: { events: [auditEvent({ seq: 1 })], nextBefore: null },
    }));
    host.answer('audit.facets', () => ({ ok: true, value: { actors: ['ada'], resourceTypes: ['fleet'] } }));
    const store = createAuditStore(createContractClient(host.bridge));
    await store.getState().loadFacets();
    await store.getState().setFilters({ resourceType: 'fleet' });
    expect(host.calls.at(-1)?.params).toMatchObject({ resourceType: 'fleet' });

    host.emit(
      'audit.appended',
      auditEvent({ seq: 2, resourceType: 'bot', action: 'bot.create', actor: 'grace' }),
    );
    host.emit('audit.appended', auditEvent({ seq: 3, action: 'fleet.update' }));
    expect(seqs(store)).toEqual([3, 1]);
    expect(store.getState().facets).toEqual({ actors: ['ada', 'grace'], resourceTypes: ['bot', 'fleet'] });
    store.dispose();
  });
});
