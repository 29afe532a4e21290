import type { KeyboardEvent, ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice.tsx';

interface FormProps {
  /** Runs on submit (Enter, or the submit button); the browser's own submission never happens. */
  onSubmit: () => unknown;
  /** The host's refusal of the last submit, shown above the fields (field issues go beside them). */
  errors?: { message: string | null; other: readonly string[] };
  onKeyDown?: (e: KeyboardEvent<HTMLFormElement>) => void;
  children: ReactNode;
}

/** Every form of the app: validation is the host's, its message is shown first. */
export function Form({ onSubmit, errors, onKeyDown, children }: FormProps) {
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
      onKeyDown={onKeyDown}
    >
      {errors ? <ErrorNotice message={errors.message} details={errors.other} /> : null}
      {children}
    </form>
  );
}
