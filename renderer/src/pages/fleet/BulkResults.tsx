import { plural } from '../../lib/format.ts';

export type BulkAction = 'deploy' | 'redeploy' | 'start' | 'stop' | 'restart' | 'destroy';

export const bulkLabels: Readonly<Record<BulkAction, { verb: string; done: string }>> = {
  deploy: { verb: 'Deploy', done: 'deployed' },
  redeploy: { verb: 'Redeploy', done: 'redeployed' },
  start: { verb: 'Start', done: 'started' },
  stop: { verb: 'Stop', done: 'stopped' },
  restart: { verb: 'Restart', done: 'restarted' },
  destroy: { verb: 'Destroy', done: 'destroyed' },
};

export interface BulkOutcome {
  action: BulkAction;
  results: ReadonlyArray<{ botId: string; name: string; ok: boolean; message: string | undefined }>;
}

/** What one bulk action did to each bot, until the operator dismisses it. */
export function BulkResults({ outcome, onDismiss }: { outcome: BulkOutcome; onDismiss(): void }) {
  const { verb, done } = bulkLabels[outcome.action];
  const failed = outcome.results.filter((r) => !r.ok).length;
  const succeeded = outcome.results.length - failed;
  const tone = failed === 0 ? 'notice-ok' : succeeded === 0 ? 'notice-error' : 'notice-warn';
  return (
    <div className={`notice ${tone}`} role="status" aria-label={`${verb} results`} data-testid="bulk-results">
      <p className="notice-title">
        {verb}: {plural(succeeded, 'bot')} {done}
        {failed > 0 ? `, ${failed} failed` : ''}.
      </p>
      <ul>
        {outcome.results.map((r) => (
          <li key={r.botId} data-testid="bulk-result" data-ok={r.ok}>
            <strong>{r.name}</strong>: {r.ok ? 'ok' : (r.message ?? 'failed')}
          </li>
        ))}
      </ul>
      <p className="button-row">
        <button type="button" className="btn btn-small" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
    </div>
  );
}
