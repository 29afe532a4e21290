import { useId } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { OpenclawChecksReport } from '../../../../shared/domain/openclaw-checks.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/PageHeader.tsx';
import { formatDateTime, plural } from '../../lib/format.ts';
import { CheckFindingRows, sourceLabels } from './CheckFindingRows.tsx';
import { useOpenclawChecks } from './use-openclaw-checks.ts';

const triggerLabels: Record<OpenclawChecksReport['trigger'], string> = {
  deploy: 'after a deploy',
  operator: 'run by an operator',
};

/** A refusal because the bot is not deployed here reads as information, anything else as an error. */
function RunProblem({ error }: { error: ErrorInfo | null }) {
  if (error?.code === 'PRECONDITION')
    return (
      <p className="muted" role="status">
        {error.message}
      </p>
    );
  return <ErrorNotice message={error?.message ?? null} />;
}

function ReportView({ report }: { report: OpenclawChecksReport }) {
  const { counts } = report;
  return (
    <>
      <p className="muted" data-testid="checks-summary">
        Ran <time dateTime={report.ranAt}>{formatDateTime(report.ranAt)}</time>{' '}
        {triggerLabels[report.trigger]} · OpenClaw {report.openclawVersion}
      </p>
      <p className="check-counts" data-testid="checks-counts">
        <span className="badge badge-critical">{counts.critical} critical</span>{' '}
        <span className="badge badge-warn">{plural(counts.warn, 'warning')}</span>{' '}
        <span className="badge badge-info">{counts.info} info</span>
      </p>
      {report.failures.map((f) => (
        <div key={`${f.source}:${f.message}`} className="notice notice-warn" data-testid="checks-failure">
          <p>
            <span className="notice-title">{sourceLabels[f.source]} could not run:</span> {f.message}
          </p>
        </div>
      ))}
      <CheckFindingRows findings={report.findings} newCritical={report.newCritical} />
    </>
  );
}

/**
 * OpenClaw's own checks of the bot (its security audit and doctor), run after every deploy and
 * here on demand; shown beside Clawster's policy findings. Runs only for a bot deployed here.
 */
export function OpenclawChecksSection({ botId, deployedHere }: { botId: string; deployedHere: boolean }) {
  const headingId = useId();
  const checks = useOpenclawChecks(botId);
  const { report, running } = checks;
  return (
    <section className="section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>OpenClaw checks</h2>
        {deployedHere ? (
          <button type="button" className="btn" disabled={running} onClick={() => void checks.run()}>
            {running ? 'Running…' : 'Run checks'}
          </button>
        ) : null}
      </div>
      {running ? (
        <p className="muted" role="status">
          OpenClaw's security audit and doctor are running; this takes 8 to 15 seconds.
        </p>
      ) : null}
      <RunProblem error={checks.runError} />
      {checks.status === 'loading' ? <Loading label="Loading the last checks…" /> : null}
      {checks.status === 'error' ? <ErrorNotice message={checks.error?.message ?? null} /> : null}
      {checks.status === 'ready' && !report ? (
        <p className="muted" data-testid="checks-not-run">
          Not run yet.
          {deployedHere ? '' : ' OpenClaw checks a bot once it is deployed on this machine.'}
        </p>
      ) : null}
      {report ? <ReportView report={report} /> : null}
    </section>
  );
}
