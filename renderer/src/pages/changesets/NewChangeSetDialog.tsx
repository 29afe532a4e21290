import { useState } from 'react';
import { href, navigate } from '../../app/router.ts';
import { useClient } from '../../app/services.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { Form } from '../../components/Form.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { type FormErrors, formErrors, noErrors } from '../../lib/form-errors.ts';
import { type ChangeSetDraft, createParams, emptyDraft } from './changeset-draft.ts';
import { ManifestsField } from './ManifestsField.tsx';
import { StrategyFields } from './StrategyFields.tsx';

const fields = ['title', 'description', 'files', 'strategy', 'healthTimeoutSec', 'bakeSec'] as const;
type ChangeSetField = (typeof fields)[number];

/**
 * Records a change set as a draft: the host dry-runs its manifests and refuses (saving nothing)
 * what an apply would refuse. A refusal keeps everything typed; a draft opens its page.
 */
export function NewChangeSetDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const [draft, setDraft] = useState<ChangeSetDraft>(emptyDraft);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors<ChangeSetField>>(noErrors);
  const patch = (p: Partial<ChangeSetDraft>) => setDraft((d) => ({ ...d, ...p }));

  const submit = async () => {
    setBusy(true);
    setErrors(noErrors);
    const r = await client.invoke('changeset.create', createParams(draft));
    setBusy(false);
    if (!r.ok) return setErrors(formErrors(r.error, fields));
    onClose();
    navigate(href.changeset(r.value.id));
  };

  return (
    <Dialog title="New change set" onClose={onClose} busy={busy} testId="changeset-form" wide>
      <Form onSubmit={submit} errors={errors}>
        <p>A draft changes nothing: you start its rollout from its page, after reviewing what it changes.</p>
        <Field label="Title" error={errors.fields.title}>
          {(p) => (
            <input
              {...p}
              type="text"
              value={draft.title}
              onChange={(e) => patch({ title: e.target.value })}
              autoFocus
            />
          )}
        </Field>
        <Field label="Description" error={errors.fields.description} hint="Why, and what to watch for.">
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={draft.description}
              onChange={(e) => patch({ description: e.target.value })}
            />
          )}
        </Field>
        <ManifestsField
          text={draft.text}
          loaded={draft.loaded}
          error={errors.fields.files}
          onText={(text) => patch({ text })}
          onLoaded={(loaded) => patch({ loaded })}
        />
        <StrategyFields draft={draft} errors={errors.fields} onChange={patch} />
        <FormActions onCancel={onClose} busy={busy}>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Checking…' : 'Create draft'}
          </button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
