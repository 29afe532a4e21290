import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import { href } from '../../app/router.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading, PageHeader } from '../../components/PageHeader.tsx';
import { ChangeSetActions } from './ChangeSetActions.tsx';
import { ChangeSetFacts } from './ChangeSetFacts.tsx';
import { statusLabels } from './changeset-labels.ts';
import { ManifestChanges } from './ManifestChanges.tsx';
import { RolloutWaves } from './RolloutWaves.tsx';
import { useChangeSet } from './use-changeset.ts';
import { WavePreview } from './WavePreview.tsx';

/** `#/changesets/:id`: one change set, what it changes, and its rollout bot by bot, live. */
export function ChangeSetDetailPage({ id }: { id: string }) {
  const { changeSet: cs, error, act } = useChangeSet(id);
  const [actionError, setActionError] = useState<ErrorInfo | null>(null);
  if (!cs)
    return error ? <ErrorNotice message={error.message} /> : <Loading label="Loading the change set…" />;
  return (
    <>
      <PageHeader
        above={
          <nav className="breadcrumb" aria-label="Breadcrumb">
            <a href={href.changesets()}>Change Sets</a>
            <span aria-current="page">{cs.title}</span>
          </nav>
        }
        title={cs.title}
        subtitle={cs.description || undefined}
        actions={<ChangeSetActions changeSet={cs} act={act} onError={setActionError} />}
      />
      <ErrorNotice
        message={actionError?.message ?? null}
        details={actionError?.issues?.map((i) => i.message)}
      />
      {cs.failure ? (
        <div className="notice notice-error changeset-failure" role="alert" data-testid="changeset-failure">
          <p className="notice-title">{statusLabels[cs.status]}</p>
          <p>{cs.failure}</p>
        </div>
      ) : null}
      <ChangeSetFacts changeSet={cs} />
      {cs.status === 'draft' ? <WavePreview changeSet={cs} /> : null}
      {cs.bots.length > 0 ? <RolloutWaves bots={cs.bots} /> : null}
      <ManifestChanges changeSet={cs} />
    </>
  );
}
