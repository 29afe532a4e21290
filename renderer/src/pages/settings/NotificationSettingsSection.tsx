import { useState } from 'react';
import type { Severity } from '../../../../shared/alerts/alerts.ts';
import type { AlertSettings } from '../../../../shared/alerts/settings.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { Form } from '../../components/Form.tsx';
import { Loading } from '../../components/PageHeader.tsx';
import { type FormErrors, noErrors } from '../../lib/form-errors.ts';
import {
  changesOf,
  draftOf,
  type NotificationDraft,
  type NotificationField,
  notificationErrors,
  rebase,
} from './notification-draft.ts';
import { PauseStatus } from './PauseStatus.tsx';
import { type AlertSettingsState, useAlertSettings } from './use-alert-settings.ts';

const severityChoices: ReadonlyArray<{ value: Severity; label: string }> = [
  { value: 'info', label: 'Info and above (everything)' },
  { value: 'warning', label: 'Warnings and above' },
  { value: 'critical', label: 'Critical only' },
];
const isSeverity = (v: string): v is Severity => severityChoices.some((c) => c.value === v);

function NotificationForm({
  settings,
  update,
}: {
  settings: AlertSettings;
  update: AlertSettingsState['update'];
}) {
  const [base, setBase] = useState(settings);
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [errors, setErrors] = useState<FormErrors<NotificationField>>(noErrors);
  if (base !== settings) {
    // Changed elsewhere (the tray, another window): untouched fields follow.
    setBase(settings);
    setDraft((d) => rebase(d, base, settings));
  }
  const changes = changesOf(draft, settings);
  const dirty = Object.keys(changes).length > 0;
  const edit = (patch: Partial<NotificationDraft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };

  const submit = async () => {
    if (!dirty) return;
    setErrors(noErrors);
    setBusy(true);
    const r = await update(changes);
    setBusy(false);
    if (r.ok) setSaved(true);
    else setErrors(notificationErrors(r.error));
  };

  return (
    <Form onSubmit={submit} errors={errors}>
      {saved ? (
        <p className="notice notice-ok" role="status">
          Notification settings saved.
        </p>
      ) : null}
      <Field
        label="Minimum severity"
        error={errors.fields.minSeverity}
        hint="Alerts below it raise no notification; the tray still lists them."
      >
        {(p) => (
          <select
            {...p}
            value={draft.minSeverity}
            onChange={(e) => isSeverity(e.target.value) && edit({ minSeverity: e.target.value })}
          >
            {severityChoices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="quiet-hours">
        <label className="radio">
          <input
            type="checkbox"
            checked={draft.quietOn}
            onChange={(e) => edit({ quietOn: e.target.checked })}
          />
          Quiet hours: no notifications between these local times (may span midnight)
        </label>
        {errors.fields.quietHours ? (
          <p className="field-error" role="alert">
            {errors.fields.quietHours}
          </p>
        ) : null}
        <div className="settings-row">
          <Field label="Quiet from" error={errors.fields.start}>
            {(p) => (
              <input
                {...p}
                type="time"
                value={draft.start}
                disabled={!draft.quietOn}
                onChange={(e) => edit({ start: e.target.value })}
              />
            )}
          </Field>
          <Field label="Quiet until" error={errors.fields.end}>
            {(p) => (
              <input
                {...p}
                type="time"
                value={draft.end}
                disabled={!draft.quietOn}
                onChange={(e) => edit({ end: e.target.value })}
              />
            )}
          </Field>
        </div>
      </div>
      <div className="inline-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !dirty}>
          {busy ? 'Saving…' : 'Save notification settings'}
        </button>
      </div>
    </Form>
  );
}

/** Settings > Notifications: which alerts notify, quiet hours, and pausing them for an hour. */
export function NotificationSettingsSection({ now = () => new Date() }: { now?: () => Date }) {
  const { settings, error, update } = useAlertSettings();
  return (
    <section className="section settings-card" aria-labelledby="notifications">
      <div className="section-header">
        <h2 id="notifications">Notifications</h2>
      </div>
      {settings ? (
        <>
          <PauseStatus settings={settings} update={update} now={now} />
          <NotificationForm settings={settings} update={update} />
        </>
      ) : error ? (
        <ErrorNotice message={error.message} />
      ) : (
        <Loading label="Loading notification settings…" />
      )}
    </section>
  );
}
