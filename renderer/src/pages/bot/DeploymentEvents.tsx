import { useId } from 'react';
import type { DeploymentEvent } from '../../../../shared/domain/lifecycle.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { stateLabels } from './state-labels.ts';
import { useDeploymentEvents } from './use-deployment-events.ts';

function Transition({ event }: { event: DeploymentEvent }) {
  return (
    <>
      {event.fromState ? <span className="muted">{stateLabels[event.fromState]} → </span> : null}
      <span className={`lifecycle lifecycle-${event.toState}`}>{stateLabels[event.toState]}</span>
    </>
  );
}

/** The bot page's timeline of lifecycle transitions, each with what caused it. */
export function DeploymentEvents({ botId }: { botId: string }) {
  const headingId = useId();
  const t = useDeploymentEvents(botId);
  return (
    <section className="section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>Deployment events</h2>
      </div>
      <ErrorNotice message={t.error?.message ?? null} />
      {t.status === 'loading' && t.events.length === 0 ? (
        <Loading label="Loading deployment events…" />
      ) : null}
      {t.status === 'ready' && t.events.length === 0 ? (
        <p className="muted">No deployment events yet: they start when the bot is first deployed.</p>
      ) : null}
      {t.events.length > 0 ? (
        <div className="table-card">
          <table className="table" aria-label="Deployment events">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Transition</th>
                <th scope="col">Cause</th>
                <th scope="col">What happened</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {t.events.map((e) => (
                <tr key={e.seq} data-testid="deployment-event" data-seq={e.seq}>
                  <td className="muted">
                    <time dateTime={e.at} title={e.at}>
                      {formatDateTime(e.at)}
                    </time>
                  </td>
                  <td className="lifecycle-col">
                    <Transition event={e} />
                  </td>
                  <td>
                    <span className="badge">{e.cause}</span>
                  </td>
                  <td>{e.message}</td>
                  <td className="muted">{e.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {t.hasOlder ? (
        <div className="load-more">
          <button type="button" className="btn" disabled={t.loadingOlder} onClick={() => void t.loadOlder()}>
            {t.loadingOlder ? 'Loading older events…' : 'Load older'}
          </button>
        </div>
      ) : null}
    </section>
  );
}
