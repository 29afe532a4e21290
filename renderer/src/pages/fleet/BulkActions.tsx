import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { Bot } from '../../../../shared/domain/bot.ts';
import { useClient } from '../../app/services.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { BulkDestroyDialog } from './BulkDestroyDialog.tsx';
import { type BulkAction, type BulkOutcome, BulkResults, bulkLabels } from './BulkResults.tsx';

const quick: readonly BulkAction[] = ['deploy', 'redeploy', 'start', 'stop', 'restart'];

/**
 * The fleet table's selection bar: one `bot.bulk` for every selected bot, then each bot's
 * outcome. Destroy asks for the number of bots first.
 */
export function BulkActions({ selected, onClear }: { selected: readonly Bot[]; onClear(): void }) {
  const client = useClient();
  const [busy, setBusy] = useState<BulkAction | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const [confirming, setConfirming] = useState(false);

  const run = async (action: BulkAction, confirmCount?: number): Promise<ErrorInfo | null> => {
    const bots = [...selected];
    setBusy(action);
    setError(null);
    setOutcome(null);
    const r = await client.invoke('bot.bulk', {
      action,
      ids: bots.map((b) => b.id),
      ...(confirmCount === undefined ? {} : { confirmCount }),
    });
    setBusy(null);
    if (!r.ok) return r.error;
    const names = new Map(bots.map((b) => [b.id, b.name]));
    setOutcome({
      action,
      results: r.value.results.map((x) => ({
        botId: x.botId,
        name: names.get(x.botId) ?? x.botId,
        ok: x.ok,
        message: x.error?.message,
      })),
    });
    return null;
  };

  return (
    <>
      {selected.length > 0 ? (
        <div className="filters" role="toolbar" aria-label="Bulk actions">
          <strong data-testid="selected-count">{selected.length} selected</strong>
          <span className="button-row">
            {quick.map((a) => (
              <button
                key={a}
                type="button"
                className="btn btn-small"
                disabled={busy !== null}
                onClick={() => void run(a).then(setError)}
              >
                {busy === a ? `${bulkLabels[a].verb}…` : bulkLabels[a].verb}
              </button>
            ))}
            <button
              type="button"
              className="btn btn-small btn-danger-quiet"
              disabled={busy !== null}
              onClick={() => setConfirming(true)}
            >
              Destroy…
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={onClear}>
              Clear selection
            </button>
          </span>
        </div>
      ) : null}
      <ErrorNotice message={error?.message ?? null} details={error?.issues?.map((i) => i.message)} />
      {outcome ? <BulkResults outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}
      {confirming ? (
        <BulkDestroyDialog
          count={selected.length}
          onConfirm={(n) => run('destroy', n)}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </>
  );
}
