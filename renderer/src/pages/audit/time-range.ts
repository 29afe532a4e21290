import type { AuditFilters } from '../../stores/audit-store.ts';

export const presets = [
  { value: 'any', label: 'Any time', ms: null },
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { value: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
  { value: 'custom', label: 'Custom range…', ms: null },
] as const;
export type Preset = (typeof presets)[number]['value'];

export const isPreset = (v: string): v is Preset => presets.some((p) => p.value === v);

/** The range a preset names, from `now`. */
export function presetRange(preset: Preset, now: number): Pick<AuditFilters, 'since' | 'until'> {
  const ms = presets.find((p) => p.value === preset)?.ms ?? null;
  return ms === null ? {} : { since: new Date(now - ms).toISOString() };
}

/** A `datetime-local` value (local time, to the minute) as an ISO time; `end` takes the whole minute. */
export function fromLocalInput(value: string, end = false): string | undefined {
  if (!value) return undefined;
  const t = new Date(value).getTime();
  if (Number.isNaN(t)) return undefined;
  return new Date(end ? t + 59_999 : t).toISOString();
}

/** An ISO time as a `datetime-local` value. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
