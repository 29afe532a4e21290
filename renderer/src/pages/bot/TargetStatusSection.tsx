import { useId } from 'react';
import type { DeployTarget } from '../../../../shared/domain/fleet.ts';
import type { TargetStatus } from '../../../../shared/domain/lifecycle.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { EcsEndpointForm } from './EcsEndpointForm.tsx';
import { EcsPairingHelp } from './EcsPairingHelp.tsx';
import { useEcsPlace, useTargetStatus } from './use-target-status.ts';

const stateLabels: Readonly<Record<TargetStatus['state'], string>> = {
  running: 'Running',
  starting: 'Starting',
  deploying: 'Deploying',
  stopping: 'Stopping',
  stopped: 'Stopped',
  failed: 'Failed',
  absent: 'Not found',
};
type Health = TargetStatus['health'];
const healthLabels: Readonly<Record<Health, string>> = {
  healthy: 'Healthy',
  unhealthy: 'Unhealthy',
  unknown: 'Unknown',
};
const healthClass: Readonly<Record<Health, string>> = {
  healthy: 'health health-healthy',
  unhealthy: 'health health-down',
  unknown: 'health',
};

/** The newest service events shown. */
const EVENTS_SHOWN = 10;

/** A time the target reported; shown as sent when it is not one a Date can read. */
function At({ iso }: { iso: string | undefined }) {
  if (!iso) return <span className="muted">—</span>;
  const readable = !Number.isNaN(Date.parse(iso));
  return (
    <time dateTime={iso} title={iso}>
      {readable ? formatDateTime(iso) : iso}
    </time>
  );
}

const HealthText = ({ health }: { health: Health }) => (
  <span className={healthClass[health]}>{healthLabels[health]}</span>
);

function Instances({ status, ecs }: { status: TargetStatus; ecs: boolean }) {
  if (status.instances.length === 0)
    return <p className="muted">{ecs ? 'No task is running.' : 'No process is running.'}</p>;
  return (
    <div className="table-card">
      <table className="table" aria-label={ecs ? 'Tasks' : 'Processes'}>
        <thead>
          <tr>
            <th scope="col">{ecs ? 'Task' : 'Process'}</th>
            <th scope="col">State</th>
            <th scope="col">Health</th>
            <th scope="col">Started</th>
            <th scope="col">Stopped because</th>
          </tr>
        </thead>
        <tbody>
          {status.instances.map((i) => (
            <tr key={i.id} data-testid="target-instance">
              <td>
                <code>{i.id}</code>
              </td>
              <td>{i.state}</td>
              <td>
                <HealthText health={i.health} />
              </td>
              <td className="muted">
                <At iso={i.startedAt} />
              </td>
              <td>{i.stoppedReason ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Events({ events, ecs }: { events: TargetStatus['events']; ecs: boolean }) {
  if (events.length === 0) return null;
  const label = ecs ? 'Latest service events' : 'Latest process events';
  return (
    <div className="section table-card">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">{label}</th>
          </tr>
        </thead>
        <tbody>
          {events.slice(0, EVENTS_SHOWN).map((e) => (
            <tr key={`${e.at} ${e.message}`} data-testid="target-event">
              <td className="muted">
                <At iso={e.at} />
              </td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StatusView({ status, ecs }: { status: TargetStatus; ecs: boolean }) {
  return (
    <>
      <p data-testid="target-detail">{status.detail}</p>
      <dl className="details">
        <div>
          <dt>State</dt>
          <dd>{stateLabels[status.state]}</dd>
        </div>
        <div>
          <dt>Health</dt>
          <dd>
            <HealthText health={status.health} />
          </dd>
        </div>
        <div>
          <dt>{ecs ? 'Tasks running' : 'Processes running'}</dt>
          <dd data-testid="target-counts">
            {status.running} of {status.desired} wanted
          </dd>
        </div>
      </dl>
      <div className="section">
        <Instances status={status} ecs={ecs} />
      </div>
      <Events events={status.events} ecs={ecs} />
    </>
  );
}

/**
 * The bot page's view of its target right now: an ECS service and its tasks, or the process on
 * this workstation, with their latest events; for ECS, how to pair Clawster with the gateway.
 */
export function TargetStatusSection({
  botId,
  target,
  endpoint = null,
}: {
  botId: string;
  target: DeployTarget;
  /** Where an ECS bot's gateway is reached from here, when the operator gave it. */
  endpoint?: string | null;
}) {
  const headingId = useId();
  const ecs = target === 'ecs';
  const t = useTargetStatus(botId);
  const place = useEcsPlace(ecs);
  const notDeployed = t.error?.code === 'PRECONDITION';
  return (
    <section className="section" aria-labelledby={headingId} data-testid="target-status">
      <div className="section-header">
        <h2 id={headingId}>{ecs ? 'On AWS ECS' : 'On this workstation'}</h2>
        <button type="button" className="btn" disabled={t.loading} onClick={() => void t.refresh()}>
          {t.loading && t.status ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {notDeployed ? (
        <p className="muted" role="status">
          {t.error?.message}
        </p>
      ) : (
        <ErrorNotice message={t.error?.message ?? null} />
      )}
      {t.loading && !t.status ? <Loading label="Asking the target…" /> : null}
      {t.status && !notDeployed ? <StatusView status={t.status} ecs={ecs} /> : null}
      {ecs && t.status && !notDeployed ? (
        <div className="section">
          <EcsPairingHelp
            region={place.region}
            cluster={place.cluster}
            taskId={t.status.instances[0]?.id ?? null}
          />
          <EcsEndpointForm botId={botId} current={endpoint} />
        </div>
      ) : null}
    </section>
  );
}
