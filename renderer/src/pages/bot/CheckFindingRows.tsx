import {
  findingKey,
  type OpenclawCheckFinding,
  type OpenclawCheckSource,
} from '../../../../shared/domain/openclaw-checks.ts';

export const sourceLabels: Record<OpenclawCheckSource, string> = {
  'security-audit': 'Security audit',
  doctor: 'Doctor',
};

const rank: Record<OpenclawCheckFinding['severity'], number> = { critical: 0, warn: 1, info: 2 };

/** Critical first, then warnings, then information; OpenClaw's order within each. */
export function bySeverity(findings: readonly OpenclawCheckFinding[]): OpenclawCheckFinding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank[a.f.severity] - rank[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

/** OpenClaw's findings: severity, source, check, title, what it found, how to fix it, and where. */
export function CheckFindingRows({
  findings,
  newCritical,
}: {
  findings: readonly OpenclawCheckFinding[];
  newCritical: readonly string[];
}) {
  if (findings.length === 0) return <p className="muted">OpenClaw found nothing to report.</p>;
  const fresh = new Set(newCritical);
  return (
    <ul className="findings" aria-label="OpenClaw findings">
      {bySeverity(findings).map((f) => {
        const key = findingKey(f);
        return (
          <li
            key={`${key}:${f.title}`}
            className={`finding finding-${f.severity}`}
            data-testid="check-finding"
            data-key={key}
          >
            <span className={`badge badge-${f.severity}`}>{f.severity}</span>{' '}
            {fresh.has(key) ? <span className="badge badge-new">New</span> : null}{' '}
            <span className="muted">{sourceLabels[f.source]}</span> <strong>{f.title}</strong>{' '}
            <code>{f.checkId}</code>
            {f.path ? (
              <>
                {' '}
                at <code>{f.path}</code>
              </>
            ) : null}
            {f.detail ? <pre className="check-detail">{f.detail}</pre> : null}
            {f.fix ? <div className="muted">Fix: {f.fix}</div> : null}
          </li>
        );
      })}
    </ul>
  );
}
