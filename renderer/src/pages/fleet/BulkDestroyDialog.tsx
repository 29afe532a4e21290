import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { Form } from '../../components/Form.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { plural } from '../../lib/format.ts';

interface BulkDestroyDialogProps {
  count: number;
  /** Sends the destroy with the typed count; resolves to the host's refusal, or null when sent. */
  onConfirm(confirmCount: number): Promise<ErrorInfo | null>;
  onClose(): void;
}

/** Destroying many bots' deployments asks the operator to type how many. */
export function BulkDestroyDialog({ count, onConfirm, onClose }: BulkDestroyDialogProps) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const value = typed.trim();
  const confirmed = /^\d+$/.test(value) && Number(value) === count;

  const destroy = async () => {
    if (!confirmed) return;
    setBusy(true);
    setError(null);
    const refused = await onConfirm(Number(value));
    setBusy(false);
    if (refused) setError(refused);
    else onClose();
  };

  return (
    <Dialog title={`Destroy ${plural(count, 'bot')}?`} onClose={onClose} busy={busy} testId="bulk-destroy">
      <Form
        onSubmit={destroy}
        errors={{ message: error?.message ?? null, other: error?.issues?.map((i) => i.message) ?? [] }}
      >
        <p>
          Each selected bot's gateway is stopped and its deployment on this machine removed. The bots stay in
          the fleet and can be deployed again. Each change is recorded in the audit log.
        </p>
        <Field label={`Type the number of bots, ${count}, to confirm`}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoFocus
            />
          )}
        </Field>
        <FormActions onCancel={onClose} busy={busy}>
          <button type="submit" className="btn btn-danger" disabled={busy || !confirmed}>
            {busy ? 'Destroying…' : `Destroy ${plural(count, 'bot')}`}
          </button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
