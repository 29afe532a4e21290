import { useState } from 'react';
import {
  type DeployTarget,
  deployTargets,
  type Environment,
  environments,
  type Fleet,
} from '../../../../shared/domain/fleet.ts';
import { useClient } from '../../app/services.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { Form } from '../../components/Form.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { envLabel } from '../../components/Tags.tsx';
import { type FormErrors, formErrors, noErrors } from '../../lib/form-errors.ts';
import { describeTagIssue, formatTags, parseTags } from '../../lib/tags.ts';
import { targetLabels } from './TargetBadge.tsx';

const fields = ['name', 'environment', 'target', 'tags', 'description'] as const;
type FleetField = (typeof fields)[number];

interface FleetFormDialogProps {
  /** The fleet to edit; absent to create one. */
  fleet?: Fleet;
  onClose(): void;
  onSaved?(fleet: Fleet): void;
}

/** Create or edit a fleet: name, environment, where its bots run, tags, description. */
export function FleetFormDialog({ fleet, onClose, onSaved }: FleetFormDialogProps) {
  const client = useClient();
  const [name, setName] = useState(fleet?.name ?? '');
  const [environment, setEnvironment] = useState<Environment>(fleet?.environment ?? 'dev');
  const [target, setTarget] = useState<DeployTarget>(fleet?.target ?? 'local');
  const [tags, setTags] = useState(formatTags(fleet?.tags ?? []));
  const [description, setDescription] = useState(fleet?.description ?? '');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors<FleetField>>(noErrors);

  const submit = async () => {
    setBusy(true);
    const values = { name, environment, tags: parseTags(tags), description };
    // On edit the target is sent only when it changes: moving a fleet is refused while bots are deployed.
    const result = fleet
      ? await client.invoke('fleet.update', {
          id: fleet.id,
          ...values,
          ...(target === fleet.target ? {} : { target }),
        })
      : await client.invoke('fleet.create', { ...values, target });
    setBusy(false);
    if (!result.ok) {
      setErrors(
        formErrors(result.error, fields, (field, rest, message) =>
          field === 'tags' ? describeTagIssue(values.tags, rest, message) : message,
        ),
      );
      return;
    }
    onSaved?.(result.value);
    onClose();
  };

  return (
    <Dialog
      title={fleet ? `Edit fleet “${fleet.name}”` : 'New fleet'}
      onClose={onClose}
      busy={busy}
      testId="fleet-form"
    >
      <Form
        onSubmit={submit}
        errors={errors}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            void submit();
          }
        }}
      >
        <Field label="Name" error={errors.fields.name} hint="Unique across fleets, ignoring case.">
          {(p) => (
            <input {...p} type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          )}
        </Field>
        <Field label="Environment" error={errors.fields.environment}>
          {(p) => (
            <select
              {...p}
              value={environment}
              onChange={(e) => setEnvironment(toEnvironment(e.target.value))}
            >
              {environments.map((env) => (
                <option key={env} value={env}>
                  {envLabel[env]} ({env})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Runs on" error={errors.fields.target} hint={targetHint(target, fleet)}>
          {(p) => (
            <select {...p} value={target} onChange={(e) => setTarget(toTarget(e.target.value))}>
              {deployTargets.map((t) => (
                <option key={t} value={t}>
                  {targetLabels[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Tags"
          error={errors.fields.tags}
          hint="Separate with commas or spaces, e.g. team:payments, region:eu"
        >
          {(p) => <input {...p} type="text" value={tags} onChange={(e) => setTags(e.target.value)} />}
        </Field>
        <Field label="Description" error={errors.fields.description}>
          {(p) => (
            <textarea {...p} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
          )}
        </Field>
        <FormActions onCancel={onClose} busy={busy}>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : fleet ? 'Save changes' : 'Create fleet'}
          </button>
        </FormActions>
      </Form>
    </Dialog>
  );
}

const toEnvironment = (value: string): Environment => environments.find((e) => e === value) ?? 'dev';
const toTarget = (value: string): DeployTarget => deployTargets.find((t) => t === value) ?? 'local';

function targetHint(target: DeployTarget, fleet: Fleet | undefined): string {
  if (fleet && fleet.target !== target)
    return 'A fleet moves only while none of its bots is deployed: destroy them first.';
  return target === 'ecs'
    ? 'Bots run as ECS services in your AWS account (set it up under Settings > AWS first).'
    : 'Bots run as processes on this machine.';
}
