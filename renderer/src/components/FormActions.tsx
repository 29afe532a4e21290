import type { ReactNode } from 'react';

/** The buttons at the foot of a dialog's form: cancel on the left of the main action. */
export function FormActions({
  onCancel,
  busy,
  children,
}: {
  onCancel(): void;
  busy: boolean;
  children: ReactNode;
}) {
  return (
    <div className="dialog-actions">
      <button type="button" className="btn" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
      {children}
    </div>
  );
}
