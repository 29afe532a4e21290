import { useState } from 'react';
import type { ResultOf } from '../../../../shared/contract/requests.ts';
import { useClient } from '../../app/services.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { Form } from '../../components/Form.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { type FormErrors, formErrors, noErrors } from '../../lib/form-errors.ts';

const fields = ['ruleId', 'reason', 'expiresAt'] as const;
type Rules = ResultOf<'policy.rules'>;

/** Records an exception: one rule waived for one bot or fleet, with a reason, until a date. */
export function ExceptionDialog({
  rules,
  target,
  onClose,
}: {
  rules: Rules;
  target: { scope: 'bot' | 'fleet'; id: string; name: string; ruleId?: string };
  onClose(): void;
}) {
  const client = useClient();
  const in30 = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const [ruleId, setRuleId] = useState(target.ruleId ?? rules[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(in30);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors<(typeof fields)[number]>>(noErrors);
  const submit = async () => {
    setBusy(true);
    const r = await client.invoke('policy.exception.create', {
      ruleId,
      scope: target.scope,
      id: target.id,
      reason,
      expiresAt: `${expires}T23:59:59Z`,
    });
    setBusy(false);
    if (r.ok) onClose();
    else setErrors(formErrors(r.error, fields));
  };
  return (
    <Dialog
      title={`Exception for ${target.scope} “${target.name}”`}
      onClose={onClose}
      busy={busy}
      testId="exception-form"
    >
      <Form onSubmit={submit} errors={errors}>
        <Field label="Rule" error={errors.fields.ruleId}>
          {(p) => (
            <select {...p} value={ruleId} onChange={(e) => setRuleId(e.target.value)}>
              {rules.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.id}: {r.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Reason" error={errors.fields.reason} hint="Why this is acceptable here; it is audited.">
          {(p) => <input {...p} type="text" value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <Field label="Expires" error={errors.fields.expiresAt} hint="At most a year ahead.">
          {(p) => <input {...p} type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />}
        </Field>
        <FormActions onCancel={onClose} busy={busy}>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Recording…' : 'Record exception'}
          </button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
