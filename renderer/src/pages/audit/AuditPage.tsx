import { useEffect } from 'react';
import { useAudit, useGeneration, useServices } from '../../app/services.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { EmptyState, Loading, PageHeader } from '../../components/PageHeader.tsx';
import { AuditFilters } from './AuditFilters.tsx';
import { AuditTimeline } from './AuditTimeline.tsx';
import { VerifyChain } from './VerifyChain.tsx';

/** Every change, newest first, grouped by day, with filters and the hash-chain check. */
export function AuditPage() {
  const { audit } = useServices();
  const generation = useGeneration();
  const events = useAudit((s) => s.events);
  const status = useAudit((s) => s.status);
  const error = useAudit((s) => s.error);
  const nextBefore = useAudit((s) => s.nextBefore);
  const loadingMore = useAudit((s) => s.loadingMore);
  const filtered = useAudit((s) => Object.values(s.filters).some((v) => v !== undefined && v !== ''));

  useEffect(() => {
    if (generation === 0) return;
    void audit.getState().reload();
    void audit.getState().loadFacets();
  }, [audit, generation]);

  return (
    <>
      <PageHeader
        title="Audit Log"
        subtitle="Every change, newest first. Each event holds the hash of the one before it, so an altered or removed event shows."
        actions={<VerifyChain />}
      />
      <AuditFilters />
      <ErrorNotice message={error?.message ?? null} />
      {status === 'loading' && events.length === 0 ? <Loading label="Loading the audit log…" /> : null}
      {status === 'ready' && events.length === 0 ? (
        <EmptyState title={filtered ? 'No events match these filters' : 'No changes recorded yet'}>
          <p>
            {filtered
              ? 'Widen the time range or clear the filters.'
              : 'Creating, changing or deleting a fleet or a bot records an event here.'}
          </p>
        </EmptyState>
      ) : null}
      {events.length > 0 ? <AuditTimeline events={events} /> : null}
      {events.length > 0 ? (
        <div className="load-more">
          {nextBefore !== null ? (
            <button
              type="button"
              className="btn"
              onClick={() => void audit.getState().loadMore()}
              disabled={loadingMore}
            >
              {loadingMore ? 'Loading…' : 'Load more'}
            </button>
          ) : (
            <p className="muted">
              {filtered ? 'No older events match these filters.' : 'The beginning of the audit log.'}
            </p>
          )}
        </div>
      ) : null}
    </>
  );
}
