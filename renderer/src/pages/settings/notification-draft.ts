import type { Severity } from '../../../../shared/alerts/alerts.ts';
import type { AlertSettings } from '../../../../shared/alerts/settings.ts';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import { type FormErrors, formErrors } from '../../lib/form-errors.ts';

/** What the Notifications form edits (the pause is an action of its own, not a field). */
export interface NotificationDraft {
  minSeverity: Severity;
  quietOn: boolean;
  start: string;
  end: string;
}

type QuietHours = AlertSettings['quietHours'];

/** The form's fields for issues: `start` and `end` stand for `quietHours.start` and `quietHours.end`. */
export const notificationFields = ['minSeverity', 'quietHours', 'start', 'end'] as const;
export type NotificationField = (typeof notificationFields)[number];

export function draftOf(s: AlertSettings): NotificationDraft {
  return {
    minSeverity: s.minSeverity,
    quietOn: s.quietHours !== null,
    start: s.quietHours?.start ?? '22:00',
    end: s.quietHours?.end ?? '07:00',
  };
}

const quietOf = (d: NotificationDraft): QuietHours => (d.quietOn ? { start: d.start, end: d.end } : null);
const sameQuiet = (a: QuietHours, b: QuietHours) =>
  a === null || b === null ? a === b : a.start === b.start && a.end === b.end;

/** Only what the operator changed from the stored settings: what Save sends. */
export function changesOf(
  d: NotificationDraft,
  s: AlertSettings,
): { minSeverity?: Severity; quietHours?: QuietHours } {
  const quietHours = quietOf(d);
  return {
    ...(d.minSeverity !== s.minSeverity ? { minSeverity: d.minSeverity } : {}),
    ...(sameQuiet(quietHours, s.quietHours) ? {} : { quietHours }),
  };
}

/**
 * The settings changed under the form (another window, the tray): fields the operator has not
 * touched follow the new settings, fields being edited keep the operator's values.
 */
export function rebase(d: NotificationDraft, before: AlertSettings, after: AlertSettings): NotificationDraft {
  const was = draftOf(before);
  const now = draftOf(after);
  const quietTouched = d.quietOn !== was.quietOn || d.start !== was.start || d.end !== was.end;
  const quiet = quietTouched ? d : now;
  return {
    minSeverity: d.minSeverity === was.minSeverity ? now.minSeverity : d.minSeverity,
    quietOn: quiet.quietOn,
    start: quiet.start,
    end: quiet.end,
  };
}

/** The host's issues on the form's fields: `quietHours.end` belongs beside the end time. */
export function notificationErrors(error: ErrorInfo): FormErrors<NotificationField> {
  const issues = error.issues?.map((i) => ({
    ...i,
    path: i.path.replace(/^quietHours\.(start|end)\b/, '$1'),
  }));
  return formErrors({ ...error, ...(issues ? { issues } : {}) }, notificationFields);
}
