import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo, Result } from '../../../../shared/contract/errors.ts';
import type { ChangeSetInfo } from '../../../../shared/domain/changeset.ts';
import { useClient, useGeneration } from '../../app/services.tsx';

export type ChangeSetAction = 'changeset.start' | 'changeset.discard' | 'changeset.rollback';

export interface ChangeSetView {
  /** Null until the first answer. */
  changeSet: ChangeSetInfo | null;
  error: ErrorInfo | null;
  /** Sends an action; resolves to the host's refusal, or null when it was taken. */
  act(action: ChangeSetAction): Promise<ErrorInfo | null>;
}

/**
 * One change set, loaded on connect and replaced by each `changeset.changed` pushed for it. An
 * answer (to the load or an action) is shown only when no step was pushed while it was on its
 * way: a rollout pushes its first steps before `changeset.start` answers.
 */
export function useChangeSet(id: string): ChangeSetView {
  const client = useClient();
  const generation = useGeneration();
  const [changeSet, setChangeSet] = useState<ChangeSetInfo | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  /** How many changes were pushed for this change set so far. */
  const pushes = useRef(0);

  const answer = useCallback(async (ask: () => Promise<Result<ChangeSetInfo>>): Promise<ErrorInfo | null> => {
    const seen = pushes.current;
    const r = await ask();
    if (!r.ok) return r.error;
    if (pushes.current === seen) setChangeSet(r.value);
    return null;
  }, []);

  useEffect(() => {
    if (generation === 0) return;
    const off = client.on('changeset.changed', (cs) => {
      if (cs.id !== id) return;
      pushes.current++;
      setChangeSet(cs);
    });
    void answer(() => client.invoke('changeset.get', { id })).then(setError);
    return off;
  }, [client, id, generation, answer]);

  const act = useCallback(
    (action: ChangeSetAction) => answer(() => client.invoke(action, { id })),
    [client, id, answer],
  );
  return { changeSet, error, act };
}
