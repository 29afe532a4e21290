/**
 * OpenClaw's calendar versions: `YYYY.M.D`, with an optional `-N` republish suffix
 * (`2026.3.13-1`, which is the same release, later) or a pre-release (`2026.4.12-beta.1`,
 * which comes before `2026.4.12`).
 */
export interface OpenclawVersion {
  year: number;
  month: number;
  day: number;
  /** Republish number (0 when none). */
  republish: number;
  /** Pre-release, or null for a release. */
  pre: { tag: string; n: number } | null;
}

const RE = /^v?(\d{4})\.(\d{1,2})\.(\d{1,3})(?:-(?:(\d+)|(alpha|beta|rc)\.(\d+)))?$/;

const parsed = new Map<string, OpenclawVersion | null>();

export function parseOpenclawVersion(text: string): OpenclawVersion | null {
  const hit = parsed.get(text);
  if (hit !== undefined) return hit;
  const v = parse(text);
  if (parsed.size < 1024) parsed.set(text, v);
  return v;
}

function parse(text: string): OpenclawVersion | null {
  const m = RE.exec(text.trim());
  if (!m) return null;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    republish: m[4] === undefined ? 0 : Number(m[4]),
    pre: m[5] === undefined ? null : { tag: m[5], n: Number(m[6]) },
  };
}

const PRE_ORDER: Record<string, number> = { alpha: 0, beta: 1, rc: 2 };

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareOpenclawVersions(a: OpenclawVersion, b: OpenclawVersion): number {
  const d = a.year - b.year || a.month - b.month || a.day - b.day;
  if (d !== 0) return d;
  if (a.pre && !b.pre) return -1;
  if (!a.pre && b.pre) return 1;
  if (a.pre && b.pre) return (PRE_ORDER[a.pre.tag] ?? 0) - (PRE_ORDER[b.pre.tag] ?? 0) || a.pre.n - b.pre.n;
  return a.republish - b.republish;
}
