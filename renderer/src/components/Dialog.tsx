import { type ReactNode, useEffect, useId, useRef } from 'react';
import { IconClose } from './icons.tsx';

interface DialogProps {
  title: string;
  /** Called on Esc, the close button, or a click on the backdrop. */
  onClose(): void;
  /** While true, the dialog cannot be dismissed (a request is in flight). */
  busy?: boolean;
  children: ReactNode;
  testId?: string;
  /** For a form with long text (e.g. manifests): a wider dialog. */
  wide?: boolean;
}

/** A modal dialog on the native <dialog>: focus stays inside, Esc closes it. */
export function Dialog({ title, onClose, busy = false, children, testId, wide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);
  const dismiss = () => {
    if (!busy) onClose();
  };
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        dismiss();
      }}
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) dismiss();
      }}
    >
      <div className="dialog-frame">
        <div className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={dismiss} disabled={busy}>
            <IconClose />
          </button>
        </div>
        {children}
      </div>
    </dialog>
  );
}
