import type { ErrorInfo } from '../../../shared/contract/errors.ts';

export interface FormErrors<F extends string> {
  /** The operator-facing message of the whole error. */
  message: string | null;
  /** Issues that belong to one of the form's fields, by field. */
  fields: Partial<Record<F, string>>;
  /** Issues that name no field of the form: shown with the message. */
  other: string[];
}

export const noErrors = <F extends string>(): FormErrors<F> => ({ message: null, fields: {}, other: [] });

/**
 * Splits an error's issues onto the form's fields: `tags.2` belongs to `tags`. `describe`
 * may word an issue for its field (e.g. name the tag at index 2).
 */
export function formErrors<F extends string>(
  error: ErrorInfo,
  fields: readonly F[],
  describe: (field: F, rest: string[], message: string) => string = (_f, _r, m) => m,
): FormErrors<F> {
  const out: FormErrors<F> = { message: error.message, fields: {}, other: [] };
  for (const issue of error.issues ?? []) {
    const [head = '', ...rest] = issue.path.split('.');
    const field = fields.find((f) => f === head);
    if (field === undefined) {
      out.other.push(issue.path === '(root)' ? issue.message : `${issue.path}: ${issue.message}`);
      continue;
    }
    const text = describe(field, rest, issue.message);
    const had = out.fields[field];
    out.fields[field] = had ? `${had}; ${text}` : text;
  }
  return out;
}
