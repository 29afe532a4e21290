import { useState } from 'react';
import type { Result } from '../../../../shared/contract/errors.ts';
import { Field } from '../../components/Field.tsx';
import { Form } from '../../components/Form.tsx';
import { type FormErrors, formErrors, noErrors } from '../../lib/form-errors.ts';
import type { AwsState } from '../../stores/aws-store.ts';
import { useAws } from './aws-context.tsx';

const fields = ['accessKeyId', 'secretAccessKey', 'sessionToken', 'region', 'profile'] as const;
type CredentialField = (typeof fields)[number];
type Mode = 'keys' | 'profile';

/** What is stored now, in words: never more than the masked key ID. */
function StoredSummary() {
  const credentials = useAws((s) => s.credentials);
  const identity = useAws((s) => s.identity);
  if (!credentials || credentials.mode === 'none')
    return <p className="muted">No AWS credentials are set up yet.</p>;
  const what =
    credentials.mode === 'keys'
      ? `Access key ${credentials.accessKeyIdHint ?? ''}${credentials.hasSessionToken ? ' with a session token' : ''}`
      : `Profile “${credentials.profile ?? ''}”`;
  return (
    <dl className="details" aria-label="AWS identity" data-testid="aws-identity">
      <div>
        <dt>Credentials</dt>
        <dd>{what}</dd>
      </div>
      <div>
        <dt>Region</dt>
        <dd>{credentials.region}</dd>
      </div>
      <div>
        <dt>Account</dt>
        <dd>{identity?.account ?? 'not verified yet'}</dd>
      </div>
      <div>
        <dt>Identity</dt>
        <dd className="settings-mono">{identity?.arn ?? '—'}</dd>
      </div>
    </dl>
  );
}

/** Settings > AWS > Credentials: an access key (kept in the OS keychain) or a ~/.aws profile. */
export function AwsCredentialsForm() {
  const profiles = useAws((s) => s.profiles);
  const actions = useAws((s) => s);
  const [mode, setMode] = useState<Mode>('keys');
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secretAccessKey, setSecretAccessKey] = useState('');
  const [sessionToken, setSessionToken] = useState('');
  const [region, setRegion] = useState('');
  const [profile, setProfile] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors<CredentialField>>(noErrors);

  const run = async (action: (s: AwsState) => Promise<Result<unknown>>, onOk?: () => void) => {
    setErrors(noErrors);
    setBusy(true);
    const r = await action(actions);
    setBusy(false);
    if (!r.ok) return setErrors(formErrors(r.error, fields));
    onOk?.();
  };
  const save = () =>
    mode === 'keys'
      ? run(
          (s) =>
            s.setKeys({
              accessKeyId,
              secretAccessKey,
              region,
              ...(sessionToken.trim() ? { sessionToken } : {}),
            }),
          () => {
            setSecretAccessKey('');
            setSessionToken('');
          },
        )
      : run((s) => s.chooseProfile({ profile, ...(region.trim() ? { region } : {}) }));

  return (
    <section className="section settings-card" aria-labelledby="aws-credentials">
      <div className="section-header">
        <h2 id="aws-credentials">Credentials</h2>
        <div className="button-row">
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => void run((s) => s.verify())}
          >
            Verify
          </button>
          <button
            type="button"
            className="btn btn-small btn-danger-quiet"
            disabled={busy}
            onClick={() => void run((s) => s.clear())}
          >
            Forget
          </button>
        </div>
      </div>
      <StoredSummary />
      <Form onSubmit={save} errors={errors}>
        <div className="button-row" role="radiogroup" aria-label="Credentials from">
          {(['keys', 'profile'] as const).map((m) => (
            <label key={m} className="radio">
              <input type="radio" name="aws-mode" checked={mode === m} onChange={() => setMode(m)} />
              {m === 'keys' ? 'Access key' : 'Profile from ~/.aws'}
            </label>
          ))}
        </div>
        {mode === 'keys' ? (
          <>
            <Field label="Access key ID" error={errors.fields.accessKeyId}>
              {(p) => (
                <input
                  {...p}
                  type="text"
                  value={accessKeyId}
                  onChange={(e) => setAccessKeyId(e.target.value)}
                />
              )}
            </Field>
            <Field
              label="Secret access key"
              error={errors.fields.secretAccessKey}
              hint="Kept in the OS keychain only; Clawster never shows it again."
            >
              {(p) => (
                <input
                  {...p}
                  type="password"
                  autoComplete="off"
                  value={secretAccessKey}
                  onChange={(e) => setSecretAccessKey(e.target.value)}
                />
              )}
            </Field>
            <Field
              label="Session token"
              error={errors.fields.sessionToken}
              hint="Only for temporary credentials."
            >
              {(p) => (
                <input
                  {...p}
                  type="password"
                  autoComplete="off"
                  value={sessionToken}
                  onChange={(e) => setSessionToken(e.target.value)}
                />
              )}
            </Field>
          </>
        ) : (
          <Field
            label="Profile"
            error={errors.fields.profile}
            hint="From ~/.aws/config and ~/.aws/credentials."
          >
            {(p) => (
              <select {...p} value={profile} onChange={(e) => setProfile(e.target.value)}>
                <option value="">Choose a profile…</option>
                {profiles.map((x) => (
                  <option key={x.name} value={x.name}>
                    {x.name} ({x.kind}
                    {x.region ? `, ${x.region}` : ''})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="Region" error={errors.fields.region} hint="e.g. eu-west-1">
          {(p) => <input {...p} type="text" value={region} onChange={(e) => setRegion(e.target.value)} />}
        </Field>
        <div className="inline-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Checking with AWS…' : 'Check and save'}
          </button>
        </div>
      </Form>
    </section>
  );
}
