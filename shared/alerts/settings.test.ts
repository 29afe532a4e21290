import { describe, expect, it } from 'vitest';
import {
  alertSettingsSchema,
  defaultAlertSettings,
  inQuietHours,
  meetsMinSeverity,
  mutedReason,
} from './settings.ts';

const at = (hhmm: string) => new Date(`2026-03-10T${hhmm}:00.000Z`); // tests run with TZ=UTC

describe('alert settings', () => {
  it('defaults to every severity, no quiet hours, not paused', () => {
    expect(defaultAlertSettings).toEqual({ minSeverity: 'info', quietHours: null, pausedUntil: null });
  });

  it('refuses times that are not 24-hour HH:MM', () => {
    const r = alertSettingsSchema.safeParse({ quietHours: { start: '25:00', end: '7:00' } });
    expect(r.success).toBe(false);
  });

  it('compares severities against the minimum', () => {
    const s = { ...defaultAlertSettings, minSeverity: 'warning' as const };
    expect(meetsMinSeverity('info', s)).toBe(false);
    expect(meetsMinSeverity('warning', s)).toBe(true);
    expect(meetsMinSeverity('critical', s)).toBe(true);
  });

  it('knows quiet hours that span midnight', () => {
    const q = { start: '22:00', end: '07:00' };
    expect(inQuietHours(q, at('21:59'))).toBe(false);
    expect(inQuietHours(q, at('22:00'))).toBe(true);
    expect(inQuietHours(q, at('03:30'))).toBe(true);
    expect(inQuietHours(q, at('06:59'))).toBe(true);
    expect(inQuietHours(q, at('07:00'))).toBe(false);
  });

  it('knows quiet hours within one day, and treats equal start and end as none', () => {
    expect(inQuietHours({ start: '12:00', end: '13:00' }, at('12:30'))).toBe(true);
    expect(inQuietHours({ start: '12:00', end: '13:00' }, at('13:30'))).toBe(false);
    expect(inQuietHours({ start: '09:00', end: '09:00' }, at('09:00'))).toBe(false);
  });

  it('says why notifications are muted: paused first, then quiet hours', () => {
    const s = {
      ...defaultAlertSettings,
      quietHours: { start: '22:00', end: '07:00' },
      pausedUntil: '2026-03-10T23:30:00.000Z',
    };
    expect(mutedReason(s, at('23:00'))).toBe('paused');
    expect(mutedReason(s, at('23:45'))).toBe('quiet-hours');
    expect(mutedReason(s, new Date('2026-03-11T12:00:00.000Z'))).toBe(null);
  });
});
