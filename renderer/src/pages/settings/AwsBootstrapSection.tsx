import { useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { Form } from '../../components/Form.tsx';
import { type FormErrors, formErrors, noErrors } from '../../lib/form-errors.ts';
import { useAws } from './aws-context.tsx';

const fields = ['region'] as const;

/** "Bootstrap AWS": creates (once) the cluster, log group and roles, and shows what each run did. */
export function AwsBootstrapSection() {
  const stored = useAws((s) => s.credentials?.region ?? '');
  const record = useAws((s) => s.settings?.bootstrap ?? null);
  const report = useAws((s) => s.report);
  const bootstrap = useAws((s) => s.bootstrap);
  const [region, setRegion] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors<(typeof fields)[number]>>(noErrors);
  const value = region ?? record?.region ?? stored;

  const run = async () => {
    setErrors(noErrors);
    setBusy(true);
    const r = await bootstrap(value);
    setBusy(false);
    if (!r.ok) setErrors(formErrors(r.error, fields));
  };

  return (
    <section className="section settings-card" aria-labelledby="aws-bootstrap">
      <div className="section-header">
        <h2 id="aws-bootstrap">Bootstrap</h2>
      </div>
      <p className="muted">
        Creates, once per region, the ECS cluster, the CloudWatch log group, the task execution role and the
        task role bots run with. Running it again changes nothing. Same as{' '}
        <code>clawster aws init --region R</code>.
      </p>
      <Form onSubmit={run} errors={errors}>
        <Field label="Bootstrap region" error={errors.fields.region}>
          {(p) => <input {...p} type="text" value={value} onChange={(e) => setRegion(e.target.value)} />}
        </Field>
        <div className="inline-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Bootstrapping…' : 'Bootstrap AWS'}
          </button>
        </div>
      </Form>
      {report ? (
        <div className="settings-report" data-testid="bootstrap-report">
          <p className={report.changed ? 'notice notice-ok' : 'notice notice-info'} role="status">
            {report.changed ? 'Done. The ARNs are recorded for deploying bots.' : report.summary}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Name</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {report.resources.map((r) => (
                <tr key={r.kind}>
                  <td>{r.kind}</td>
                  <td className="settings-mono" title={r.arn}>
                    {r.name}
                  </td>
                  <td>
                    {r.status}
                    {r.changes.length > 0 ? `: ${r.changes.join('; ')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : record ? (
        <p className="muted" data-testid="bootstrap-record">
          Bootstrapped in {record.region} (account {record.accountId}); cluster{' '}
          <code>{record.clusterArn}</code>.
        </p>
      ) : null}
    </section>
  );
}
