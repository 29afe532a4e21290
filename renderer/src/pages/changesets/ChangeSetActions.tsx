import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { ChangeSetInfo } from '../../../../shared/domain/changeset.ts';
import { RollbackDialog } from './RollbackDialog.tsx';
import type { ChangeSetAction } from './use-changeset.ts';

interface ChangeSetActionsProps {
  changeSet: ChangeSetInfo;
  act(action: ChangeSetAction): Promise<ErrorInfo | null>;
  /** The host's refusal of Start or Discard (null when one is sent again). */
  onError(error: ErrorInfo | null): void;
}

/** Start and Discard for a draft, Roll back (confirmed) for a completed or failed change set. */
export function ChangeSetActions({ changeSet, act, onError }: ChangeSetActionsProps) {
  const [busy, setBusy] = useState<ChangeSetAction | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { status } = changeSet;
  const draft = status === 'draft';
  const canRollBack = status === 'completed' || status === 'failed';

  const run = async (action: ChangeSetAction) => {
    setBusy(action);
    onError(null);
    const refused = await act(action);
    setBusy(null);
    return refused;
  };
  const send = (action: ChangeSetAction) => void run(action).then(onError);

  return (
    <>
      <button
        type="button"
        className="btn btn-primary"
        disabled={!draft || busy !== null}
        onClick={() => send('changeset.start')}
      >
        {busy === 'changeset.start' ? 'Starting…' : 'Start rollout'}
      </button>
      <button
        type="button"
        className="btn btn-danger-quiet"
        disabled={!draft || busy !== null}
        onClick={() => send('changeset.discard')}
      >
        {busy === 'changeset.discard' ? 'Discarding…' : 'Discard'}
      </button>
      <button
        type="button"
        className="btn"
        disabled={!canRollBack || busy !== null}
        onClick={() => setConfirming(true)}
      >
        Roll back…
      </button>
      {confirming ? (
        <RollbackDialog
          changeSet={changeSet}
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const refused = await run('changeset.rollback');
            if (!refused) setConfirming(false);
            return refused;
          }}
        />
      ) : null}
    </>
  );
}
