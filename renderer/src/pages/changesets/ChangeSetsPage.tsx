import { useEffect, useState } from 'react';
import { useChangeSets, useGeneration, useServices } from '../../app/services.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { IconPlus } from '../../components/icons.tsx';
import { EmptyState, Loading, PageHeader } from '../../components/PageHeader.tsx';
import { plural } from '../../lib/format.ts';
import { ChangeSetTable } from './ChangeSetTable.tsx';
import { NewChangeSetDialog } from './NewChangeSetDialog.tsx';

/** `#/changesets`: every change set to the manifests and its rollout, live as bots are updated. */
export function ChangeSetsPage() {
  const { changeSets: store } = useServices();
  const generation = useGeneration();
  const changeSets = useChangeSets((s) => s.changeSets);
  const status = useChangeSets((s) => s.status);
  const error = useChangeSets((s) => s.error);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    if (generation > 0) void store.getState().load();
  }, [store, generation]);

  const create = (
    <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
      <IconPlus /> New change set
    </button>
  );
  return (
    <>
      <PageHeader
        title="Change Sets"
        subtitle={
          status === 'ready'
            ? `${plural(changeSets.length, 'change set')}. A change set applies manifests and redeploys the bots they change, wave by wave, each through a health gate.`
            : undefined
        }
        actions={create}
      />
      {status === 'error' ? <ErrorNotice message={error?.message ?? null} /> : null}
      {status !== 'ready' && status !== 'error' && changeSets.length === 0 ? (
        <Loading label="Loading change sets…" />
      ) : null}
      {status === 'ready' && changeSets.length === 0 ? (
        <EmptyState title="No change sets yet">
          <p>
            Record a change to templates, profiles, overlays or bots' manifests, check what it affects, then
            roll it out wave by wave. A failed wave rolls everything back.
          </p>
          {create}
        </EmptyState>
      ) : null}
      {changeSets.length > 0 ? <ChangeSetTable changeSets={changeSets} /> : null}
      {creating ? <NewChangeSetDialog onClose={() => setCreating(false)} /> : null}
    </>
  );
}
