import { useState } from 'react';
import { MAX_BOTS_PER_REQUEST } from '../../../../shared/domain/bot.ts';
import { useClient } from '../../app/services.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { Form } from '../../components/Form.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { type FormErrors, formErrors, noErrors } from '../../lib/form-errors.ts';
import { describeTagIssue, parseTags } from '../../lib/tags.ts';

const fields = ['bots', 'tags'] as const;
type AddBotsField = (typeof fields)[number];

/** The names in the text box: one a line, blank lines ignored. */
export function parseNames(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** `bots.3.name` → "Line 4" (the line in the box, counting names only). */
function describeBotIssue(rest: string[], message: string): string {
  const index = Number(rest[0]);
  if (!Number.isInteger(index)) return message;
  const line = (s: string) => s.replace(/bots\.(\d+)\.name/g, (_m, i: string) => `line ${Number(i) + 1}`);
  return `Line ${index + 1}: ${line(message)}`;
}

interface AddBotsDialogProps {
  fleetId: string;
  fleetName: string;
  onClose(): void;
}

/** Adds many bots to a fleet at once: all of them, or none when a name is taken. */
export function AddBotsDialog({ fleetId, fleetName, onClose }: AddBotsDialogProps) {
  const client = useClient();
  const [names, setNames] = useState('');
  const [tags, setTags] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors<AddBotsField>>(noErrors);
  const list = parseNames(names);

  const submit = async () => {
    setBusy(true);
    const tagList = parseTags(tags);
    const result = await client.invoke('bot.createMany', {
      fleetId,
      bots: list.map((name) => ({ name, tags: tagList })),
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(
        formErrors(result.error, fields, (field, rest, message) => {
          if (field === 'tags') return describeTagIssue(tagList, rest, message);
          // Tags are sent once per bot: an issue on bots.N.tags is about the shared tags.
          if (rest[1] === 'tags') return describeTagIssue(tagList, rest.slice(2), message);
          return describeBotIssue(rest, message);
        }),
      );
      return;
    }
    onClose();
  };

  return (
    <Dialog title={`Add several bots to “${fleetName}”`} onClose={onClose} busy={busy} testId="add-bots-form">
      <Form onSubmit={submit} errors={errors}>
        <Field
          label="Names"
          error={errors.fields.bots}
          hint={`One name a line, up to ${MAX_BOTS_PER_REQUEST.toLocaleString('en-US')}. All are added, or none if a name is taken.`}
        >
          {(p) => (
            <textarea
              {...p}
              rows={8}
              value={names}
              onChange={(e) => setNames(e.target.value)}
              spellCheck={false}
              autoFocus
            />
          )}
        </Field>
        <Field label="Tags for all of them" error={errors.fields.tags} hint="Separate with commas or spaces">
          {(p) => <input {...p} type="text" value={tags} onChange={(e) => setTags(e.target.value)} />}
        </Field>
        <FormActions onCancel={onClose} busy={busy}>
          <button type="submit" className="btn btn-primary" disabled={busy || list.length === 0}>
            {busy ? 'Adding…' : `Add ${list.length} bot${list.length === 1 ? '' : 's'}`}
          </button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
