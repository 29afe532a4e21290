import { type ReactNode, useState } from 'react';
import type { ErrorInfo } from '../../../shared/contract/errors.ts';
import { Dialog } from './Dialog.tsx';
import { Field } from './Field.tsx';
import { Form } from './Form.tsx';
import { FormActions } from './FormActions.tsx';

interface TypedConfirmDialogProps {
  title: string;
  testId: string;
  /** What the action does, in a sentence or two. */
  children: ReactNode;
  /** The field's label, naming what to type. */
  label: string;
  /** Whether the typed text (trimmed) confirms. */
  matches(typed: string): boolean;
  inputMode?: 'numeric' | 'text';
  /** The button's text, and while busy. */
  action: string;
  busyAction: string;
  /** Runs the action with the typed text; resolves to the host's refusal, or null when it is done. */
  onConfirm(typed: string): Promise<ErrorInfo | null>;
  onClose(): void;
}

/** A destructive action the operator confirms by typing something (a name, a count); a refusal keeps it open. */
export function TypedConfirmDialog(p: TypedConfirmDialogProps) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const value = typed.trim();
  const confirmed = p.matches(value);

  const confirm = async () => {
    if (!confirmed) return;
    setBusy(true);
    setError(null);
    const refused = await p.onConfirm(value);
    setBusy(false);
    if (refused) setError(refused);
  };

  return (
    <Dialog title={p.title} onClose={p.onClose} busy={busy} testId={p.testId}>
      <Form
        onSubmit={confirm}
        errors={{ message: error?.message ?? null, other: error?.issues?.map((i) => i.message) ?? [] }}
      >
        <p>{p.children}</p>
        <Field label={p.label}>
          {(f) => (
            <input
              {...f}
              inputMode={p.inputMode ?? 'text'}
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoFocus
            />
          )}
        </Field>
        <FormActions onCancel={p.onClose} busy={busy}>
          <button type="submit" className="btn btn-danger" disabled={busy || !confirmed}>
            {busy ? p.busyAction : p.action}
          </button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
