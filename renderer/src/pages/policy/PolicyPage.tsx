import { useEffect, useState } from 'react';
import type { ResultOf } from '../../../../shared/contract/requests.ts';
import { useClient, useFleets, useGeneration } from '../../app/services.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { FindingRows } from '../config/FindingRows.tsx';
import { ExceptionDialog } from './ExceptionDialog.tsx';

type Evaluation = ResultOf<'policy.evaluateFleet'>;
type Exceptions = ResultOf<'policy.exception.list'>;

/** The policy engine over a whole fleet, and the operators' exceptions. */
export function PolicyPage() {
  const client = useClient();
  const generation = useGeneration();
  const fleets = useFleets((s) => s.fleets);
  const [fleetId, setFleetId] = useState('');
  const [rules, setRules] = useState<ResultOf<'policy.rules'>>([]);
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [exceptions, setExceptions] = useState<Exceptions>([]);
  const [showAll, setShowAll] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [recording, setRecording] = useState<{
    scope: 'bot' | 'fleet';
    id: string;
    name: string;
    ruleId?: string;
  } | null>(null);
  const fleet = fleets.find((f) => f.id === fleetId) ?? fleets[0];

  useEffect(() => {
    if (generation === 0) return;
    void client.invoke('policy.rules', {}).then((r) => r.ok && setRules(r.value));
  }, [client, generation]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on reconnect, fleet change and exception change
  useEffect(() => {
    if (generation === 0 || !fleet) return;
    const load = () => {
      void client.invoke('policy.evaluateFleet', { fleetId: fleet.id }).then((r) => {
        if (r.ok) setEvaluation(r.value);
        else setError(r.error.message);
      });
      void client
        .invoke('policy.exception.list', { all: showAll })
        .then((r) => r.ok && setExceptions(r.value));
    };
    load();
    return client.on('policy.exception.changed', load);
  }, [client, generation, fleet?.id, showAll]);

  const revoke = async (exceptionId: string) => {
    const r = await client.invoke('policy.exception.revoke', { exceptionId });
    if (!r.ok) setError(r.error.message);
  };

  return (
    <>
      <PageHeader
        title="Policy"
        subtitle="Every bot of a fleet through its environment's policy pack, and the exceptions operators recorded."
      />
      <ErrorNotice message={error} />
      <label>
        Fleet{' '}
        <select value={fleet?.id ?? ''} onChange={(e) => setFleetId(e.target.value)} aria-label="Fleet">
          {fleets.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name} ({f.environment})
            </option>
          ))}
        </select>
      </label>
      {evaluation ? (
        <section className="section" aria-label="Fleet evaluation">
          <h2>Bots</h2>
          {evaluation.bots.map((b) => (
            <details key={b.botId} data-testid="policy-bot">
              <summary>
                {b.name} {b.blocked ? <span className="badge badge-danger">blocked</span> : null}{' '}
                <span className="muted">
                  {b.configured
                    ? `${b.counts.critical ?? 0} critical, ${b.counts.warn ?? 0} warn, ${b.counts.info ?? 0} info`
                    : 'not configured'}
                </span>
              </summary>
              {b.problems.map((p) => (
                <p key={p} className="field-error">
                  {p}
                </p>
              ))}
              <FindingRows findings={b.findings} />
              {b.findings.length > 0 ? (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() =>
                    setRecording({ scope: 'bot', id: b.botId, name: b.name, ruleId: b.findings[0]?.ruleId })
                  }
                >
                  Record exception…
                </button>
              ) : null}
            </details>
          ))}
        </section>
      ) : null}
      <section className="section" aria-label="Exceptions">
        <div className="section-header">
          <h2>Exceptions</h2>
          <label>
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Show
            revoked and expired
          </label>
          {fleet ? (
            <button
              type="button"
              className="btn"
              onClick={() => setRecording({ scope: 'fleet', id: fleet.id, name: fleet.name })}
            >
              Record exception for the fleet…
            </button>
          ) : null}
        </div>
        <table className="table" aria-label="Exceptions">
          <tbody>
            {exceptions.map((x) => (
              <tr key={x.exceptionId} data-testid="exception-row">
                <td>
                  <code>{x.ruleId}</code>
                </td>
                <td>
                  {x.scope} {x.targetName}
                </td>
                <td>{x.reason}</td>
                <td className="muted">until {formatDateTime(x.expiresAt)}</td>
                <td className="muted">
                  {x.createdBy}, {formatDateTime(x.createdAt)}
                </td>
                <td>
                  {x.active ? (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => void revoke(x.exceptionId)}
                    >
                      Revoke
                    </button>
                  ) : (
                    <span className="muted">{x.revokedAt ? 'revoked' : 'expired'}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {recording ? (
        <ExceptionDialog rules={rules} target={recording} onClose={() => setRecording(null)} />
      ) : null}
    </>
  );
}
