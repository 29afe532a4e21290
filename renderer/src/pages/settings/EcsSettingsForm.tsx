import { useState } from 'react';
import type { AwsEcsSettings } from '../../../../shared/domain/aws.ts';
import { Field } from '../../components/Field.tsx';
import { Form } from '../../components/Form.tsx';
import { type FormErrors, formErrors, noErrors } from '../../lib/form-errors.ts';
import { useAws } from './aws-context.tsx';

const fields = ['subnets', 'securityGroups', 'image', 'cpu', 'memoryMiB', 'recoveryWindowDays'] as const;
type EcsField = (typeof fields)[number];
const cpus = ['512', '1024', '2048', '4096'] as const;

const list = (text: string) => text.split(/[\s,]+/).filter((s) => s.length > 0);
const isCpu = (v: string): v is AwsEcsSettings['cpu'] => cpus.some((c) => c === v);

/** The form's text values, from what is stored (or the defaults). */
function initial(ecs: AwsEcsSettings | null) {
  return {
    subnets: ecs?.subnets.join(', ') ?? '',
    securityGroups: ecs?.securityGroups.join(', ') ?? '',
    image: ecs?.image ?? 'ghcr.io/openclaw/openclaw:2026.9.6',
    cpu: ecs?.cpu ?? '1024',
    memoryMiB: String(ecs?.memoryMiB ?? 2048),
    recoveryWindowDays: String(ecs?.recoveryWindowDays ?? 30),
  };
}

/** Settings > AWS > ECS: the operator's network and the size of each bot's task. */
export function EcsSettingsForm({ ecs }: { ecs: AwsEcsSettings | null }) {
  const save = useAws((s) => s.saveEcs);
  const [values, setValues] = useState(() => initial(ecs));
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [errors, setErrors] = useState<FormErrors<EcsField>>(noErrors);
  const set = (field: EcsField) => (e: { target: { value: string } }) => {
    setSaved(false);
    setValues((v) => ({ ...v, [field]: e.target.value }));
  };

  const submit = async () => {
    setErrors(noErrors);
    setBusy(true);
    const r = await save({
      subnets: list(values.subnets),
      securityGroups: list(values.securityGroups),
      image: values.image,
      cpu: isCpu(values.cpu) ? values.cpu : '1024',
      memoryMiB: Number(values.memoryMiB),
      recoveryWindowDays: Number(values.recoveryWindowDays),
    });
    setBusy(false);
    if (r.ok) setSaved(true);
    else setErrors(formErrors(r.error, fields));
  };

  return (
    <section className="section settings-card" aria-labelledby="aws-ecs">
      <div className="section-header">
        <h2 id="aws-ecs">ECS</h2>
      </div>
      <Form onSubmit={submit} errors={errors}>
        {saved ? (
          <p className="notice notice-ok" role="status">
            ECS settings saved.
          </p>
        ) : null}
        <Field
          label="Subnets"
          error={errors.fields.subnets}
          hint="Private subnets of one VPC, separated by commas."
        >
          {(p) => <input {...p} type="text" value={values.subnets} onChange={set('subnets')} />}
        </Field>
        <Field
          label="Security groups"
          error={errors.fields.securityGroups}
          hint="No public inbound is needed: Clawster reaches gateways over your private network."
        >
          {(p) => <input {...p} type="text" value={values.securityGroups} onChange={set('securityGroups')} />}
        </Field>
        <Field label="OpenClaw image" error={errors.fields.image} hint="Pinned to a release tag or digest.">
          {(p) => <input {...p} type="text" value={values.image} onChange={set('image')} />}
        </Field>
        <div className="settings-row">
          <Field label="CPU units" error={errors.fields.cpu}>
            {(p) => (
              <select {...p} value={values.cpu} onChange={set('cpu')}>
                {cpus.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Memory (MiB)" error={errors.fields.memoryMiB}>
            {(p) => <input {...p} type="number" value={values.memoryMiB} onChange={set('memoryMiB')} />}
          </Field>
          <Field
            label="Secret recovery window (days)"
            error={errors.fields.recoveryWindowDays}
            hint="7-30 days to restore a destroyed bot's secrets."
          >
            {(p) => (
              <input
                {...p}
                type="number"
                value={values.recoveryWindowDays}
                onChange={set('recoveryWindowDays')}
              />
            )}
          </Field>
        </div>
        <div className="inline-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save ECS settings'}
          </button>
        </div>
      </Form>
    </section>
  );
}
