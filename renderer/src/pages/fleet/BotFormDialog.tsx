import { useState } from 'react';
import type { Bot } from '../../../../shared/domain/bot.ts';
import { useClient } from '../../app/services.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { Form } from '../../components/Form.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { type FormErrors, formErrors, noErrors } from '../../lib/form-errors.ts';
import { describeTagIssue, formatTags, parseTags } from '../../lib/tags.ts';

const fields = ['name', 'tags'] as const;
type BotField = (typeof fields)[number];

interface BotFormDialogProps {
  fleetId: string;
  fleetName: string;
  /** The bot to rename or retag; absent to add one. */
  bot?: Bot;
  onClose(): void;
}

/** Add a bot to a fleet, or rename and retag one. */
export function BotFormDialog({ fleetId, fleetName, bot, onClose }: BotFormDialogProps) {
  const client = useClient();
  const [name, setName] = useState(bot?.name ?? '');
  const [tags, setTags] = useState(formatTags(bot?.tags ?? []));
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors<BotField>>(noErrors);

  const submit = async () => {
    setBusy(true);
    const values = { name, tags: parseTags(tags) };
    const result = bot
      ? await client.invoke('bot.update', { id: bot.id, ...values })
      : await client.invoke('bot.create', { fleetId, ...values });
    setBusy(false);
    if (!result.ok) {
      setErrors(
        formErrors(result.error, fields, (field, rest, message) =>
          field === 'tags' ? describeTagIssue(values.tags, rest, message) : message,
        ),
      );
      return;
    }
    onClose();
  };

  return (
    <Dialog
      title={bot ? `Edit bot “${bot.name}”` : `Add a bot to “${fleetName}”`}
      onClose={onClose}
      busy={busy}
      testId="bot-form"
    >
      <Form onSubmit={submit} errors={errors}>
        <Field label="Name" error={errors.fields.name} hint="Unique within the fleet, ignoring case.">
          {(p) => (
            <input {...p} type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          )}
        </Field>
        <Field
          label="Tags"
          error={errors.fields.tags}
          hint="Separate with commas or spaces, e.g. role:support"
        >
          {(p) => <input {...p} type="text" value={tags} onChange={(e) => setTags(e.target.value)} />}
        </Field>
        <FormActions onCancel={onClose} busy={busy}>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : bot ? 'Save changes' : 'Add bot'}
          </button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
