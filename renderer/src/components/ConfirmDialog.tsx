import { type ReactNode, useState } from 'react';
import type { ErrorInfo } from '../../../shared/contract/errors.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';
import { FormActions } from './FormActions.tsx';

interface ConfirmDialogProps {
  title: string;
  testId: string;
  /** What the action does, in a sentence or two. */
  children: ReactNode;
  /** The button's text, and while busy. */
  action: string;
  busyAction: string;
  /** Runs the action; resolves to the host's refusal (shown, the dialog stays), or null when it is done. */
  onConfirm(): Promise<ErrorInfo | null>;
  onClose(): void;
}

/** Asks before a destructive action with one button; a refusal is shown with its issues and keeps it open. */
export function ConfirmDialog(p: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const refused = await p.onConfirm();
    setBusy(false);
    if (refused) setError(refused);
  };

  return (
    <Dialog title={p.title} onClose={p.onClose} busy={busy} testId={p.testId}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        {p.children}
        <ErrorNotice message={error?.message ?? null} details={error?.issues?.map((i) => i.message)} />
        <FormActions onCancel={p.onClose} busy={busy}>
          {/* biome-ignore lint/a11y/noAutofocus: the one action of a confirmation dialog */}
          <button type="submit" className="btn btn-danger" disabled={busy} autoFocus>
            {busy ? p.busyAction : p.action}
          </button>
        </FormActions>
      </form>
    </Dialog>
  );
}
