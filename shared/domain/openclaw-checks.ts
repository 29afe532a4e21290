import { z } from 'zod';
import { idSchema, isoTimeSchema } from './common.ts';

/**
 * OpenClaw's own checks of a local bot: `openclaw security audit --json` and `openclaw doctor
 * --json`, run on the bot's host after every deploy and on demand. Their findings are shown on
 * the bot page beside Clawster's policy findings, in one severity scale (doctor's `error` is
 * critical, its `warning` a warn).
 */
export const openclawCheckSources = ['security-audit', 'doctor'] as const;
export type OpenclawCheckSource = (typeof openclawCheckSources)[number];

export const openclawCheckFindingSchema = z.object({
  source: z.enum(openclawCheckSources),
  /** OpenClaw's id of the check, e.g. `fs.config.perms_world_readable`. */
  checkId: z.string(),
  severity: z.enum(['critical', 'warn', 'info']),
  title: z.string(),
  detail: z.string().optional(),
  /** How to fix it, in OpenClaw's words. */
  fix: z.string().optional(),
  /** The config path or file it is about, where OpenClaw names one. */
  path: z.string().optional(),
});
export type OpenclawCheckFinding = z.infer<typeof openclawCheckFindingSchema>;

export const openclawChecksReportSchema = z.object({
  botId: idSchema,
  ranAt: isoTimeSchema,
  openclawVersion: z.string(),
  /** Why the checks ran: after a deploy, or asked for by the operator. */
  trigger: z.enum(['deploy', 'operator']),
  findings: z.array(openclawCheckFindingSchema),
  counts: z.object({ critical: z.number().int(), warn: z.number().int(), info: z.number().int() }),
  /** A check that could not run or whose output could not be read, with the reason. */
  failures: z.array(z.object({ source: z.enum(openclawCheckSources), message: z.string() })),
  /** Critical findings that were not there the time before (each raised a health alert). */
  newCritical: z.array(z.string()),
});
export type OpenclawChecksReport = z.infer<typeof openclawChecksReportSchema>;

/** Counts findings by severity. */
export function countFindings(findings: readonly OpenclawCheckFinding[]): OpenclawChecksReport['counts'] {
  const counts = { critical: 0, warn: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** How a finding is told apart from others across runs: its source, check and path. */
export function findingKey(f: Pick<OpenclawCheckFinding, 'source' | 'checkId' | 'path'>): string {
  return `${f.source}:${f.checkId}${f.path ? `@${f.path}` : ''}`;
}
