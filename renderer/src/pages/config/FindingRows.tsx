import type { Finding } from '../../../../shared/policy/types.ts';

/** Policy findings: severity, rule, path, why it matters and how to fix it. */
export function FindingRows({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0) return <p className="muted">No policy findings.</p>;
  return (
    <ul className="findings" aria-label="Policy findings">
      {findings.map((f) => (
        <li key={`${f.ruleId}@${f.path}`} className={`finding finding-${f.severity}`} data-rule={f.ruleId}>
          <span className={`badge badge-${f.severity}`}>{f.severity}</span> <strong>{f.title}</strong>{' '}
          <code>{f.ruleId}</code> at <code>{f.path}</code>
          {f.exception ? <span className="muted"> · waived: {f.exception.reason}</span> : null}
          <div className="muted">
            {f.why} {f.fix}
          </div>
        </li>
      ))}
    </ul>
  );
}
