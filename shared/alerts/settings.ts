import { z } from 'zod';
import { type Severity, severities, severityRank } from './alerts.ts';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time like 22:00');

/** The operator's notification settings. */
export const alertSettingsSchema = z.object({
  /** Alerts below this severity raise no notification (the tray still shows them). */
  minSeverity: z.enum(severities).default('info'),
  /** Local times between which notifications stay silent; may span midnight. */
  quietHours: z.object({ start: clockTime, end: clockTime }).nullable().default(null),
  /** Alerts paused until this ISO time (the tray's "pause alerts for an hour"). */
  pausedUntil: z.iso.datetime().nullable().default(null),
});
export type AlertSettings = z.output<typeof alertSettingsSchema>;

/** A change to the settings: only the fields given change. */
export const alertSettingsUpdateSchema = z
  .strictObject({
    minSeverity: z.enum(severities).optional(),
    quietHours: z
      .object({ start: clockTime, end: clockTime })
      .refine((q) => q.start !== q.end, {
        message: 'Quiet hours need different start and end times',
        path: ['end'],
      })
      .nullable()
      .optional(),
    pausedUntil: z.iso.datetime().nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'Give at least one setting to change' });

export const defaultAlertSettings: AlertSettings = alertSettingsSchema.parse({});

export function meetsMinSeverity(severity: Severity, settings: AlertSettings): boolean {
  return severityRank(severity) >= severityRank(settings.minSeverity);
}

function minutesOf(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Whether `now` (in local time) falls in the quiet hours; equal start and end mean none. */
export function inQuietHours(quiet: AlertSettings['quietHours'], now: Date): boolean {
  if (!quiet) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const t = now.getHours() * 60 + now.getMinutes();
  return start < end ? t >= start && t < end : t >= start || t < end;
}

export function isPaused(settings: AlertSettings, now: Date): boolean {
  return settings.pausedUntil !== null && new Date(settings.pausedUntil).getTime() > now.getTime();
}

/** Why notifications are silent right now, or null when they may show. */
export function mutedReason(settings: AlertSettings, now: Date): 'paused' | 'quiet-hours' | null {
  if (isPaused(settings, now)) return 'paused';
  if (inQuietHours(settings.quietHours, now)) return 'quiet-hours';
  return null;
}
