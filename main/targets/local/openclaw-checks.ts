import { z } from 'zod';
import type { OpenclawCheckFinding, OpenclawCheckSource } from '../../../shared/domain/openclaw-checks.ts';
import { scrub } from '../../log/redact.ts';
import type { CommandRunner } from './command.ts';
import type { OpenclawRuntime } from './runtime-types.ts';

/**
 * Runs OpenClaw's own checks for one bot, on this host and with the bot's environment:
 * `openclaw security audit --json` and `openclaw doctor --json` (read-only; neither has a gateway
 * RPC). Both run at once (each takes 8 to 15 s). Their findings come back in one shape; a check
 * that fails or prints something unreadable is reported as a failure, never thrown. Every text is
 * scrubbed of known secret values before it leaves here.
 */
export interface OpenclawChecksOutcome {
  findings: OpenclawCheckFinding[];
  failures: { source: OpenclawCheckSource; message: string }[];
}

const text = z.string().max(20_000);

const auditSchema = z.object({
  findings: z.array(
    z.looseObject({
      checkId: text,
      severity: text,
      title: text.optional(),
      detail: text.optional(),
      remediation: text.optional(),
    }),
  ),
});

const doctorSchema = z.object({
  findings: z.array(
    z.looseObject({
      checkId: text,
      severity: text,
      message: text.optional(),
      path: text.optional(),
      fixHint: text.optional(),
    }),
  ),
});

const SEVERITY: Record<string, OpenclawCheckFinding['severity']> = {
  critical: 'critical',
  error: 'critical',
  high: 'critical',
  warn: 'warn',
  warning: 'warn',
  medium: 'warn',
  info: 'info',
  low: 'info',
};

function severityOf(s: string): OpenclawCheckFinding['severity'] {
  return SEVERITY[s.toLowerCase()] ?? 'info';
}

/** The JSON document a CLI printed (tolerating log lines before it). */
function jsonOf(stdout: string): unknown {
  const start = stdout.search(/^\{/m);
  if (start < 0) throw new Error('it printed no JSON');
  return JSON.parse(stdout.slice(start));
}

/** One finding, its texts scrubbed; empty optional texts are left out. */
function finding(
  source: OpenclawCheckSource,
  f: { checkId: string; severity: string; title: string },
  extra: { detail?: string | undefined; fix?: string | undefined; path?: string | undefined },
): OpenclawCheckFinding {
  const out: OpenclawCheckFinding = {
    source,
    checkId: f.checkId,
    severity: severityOf(f.severity),
    title: scrub(f.title),
  };
  if (extra.detail?.trim()) out.detail = scrub(extra.detail);
  if (extra.fix?.trim()) out.fix = scrub(extra.fix);
  if (extra.path?.trim()) out.path = scrub(extra.path);
  return out;
}

export function parseSecurityAudit(stdout: string): OpenclawCheckFinding[] {
  return auditSchema
    .parse(jsonOf(stdout))
    .findings.map((f) =>
      finding(
        'security-audit',
        { ...f, title: f.title ?? f.checkId },
        { detail: f.detail, fix: f.remediation },
      ),
    );
}

export function parseDoctor(stdout: string): OpenclawCheckFinding[] {
  return doctorSchema
    .parse(jsonOf(stdout))
    .findings.map((f) =>
      finding('doctor', { ...f, title: f.message ?? f.checkId }, { fix: f.fixHint, path: f.path }),
    );
}

const commands: Record<
  OpenclawCheckSource,
  { args: string[]; parse: (out: string) => OpenclawCheckFinding[] }
> = {
  'security-audit': { args: ['security', 'audit', '--json'], parse: parseSecurityAudit },
  doctor: { args: ['doctor', '--json'], parse: parseDoctor },
};

/** Output of a command that exited non-zero, when the runner kept it. */
function stdoutOf(e: unknown): string | null {
  return typeof e === 'object' && e !== null && 'stdout' in e && typeof e.stdout === 'string' && e.stdout
    ? e.stdout
    : null;
}

function firstLine(e: unknown): string {
  const t = e instanceof Error ? e.message : String(e);
  return scrub(t.split('\n').find((l) => l.trim() !== '') ?? t).slice(0, 500);
}

export async function runOpenclawChecks(o: {
  runtime: OpenclawRuntime;
  env: NodeJS.ProcessEnv;
  cwd: string;
  run: CommandRunner;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<OpenclawChecksOutcome> {
  const out: OpenclawChecksOutcome = { findings: [], failures: [] };
  const one = async (source: OpenclawCheckSource) => {
    const c = commands[source];
    let stdout: string;
    try {
      stdout = (
        await o.run(o.runtime.command, [...o.runtime.args, ...c.args], {
          env: o.env,
          cwd: o.cwd,
          timeoutMs: o.timeoutMs,
          ...(o.signal ? { signal: o.signal } : {}),
        })
      ).stdout;
    } catch (e) {
      const kept = stdoutOf(e);
      if (kept === null) {
        out.failures.push({
          source,
          message: `openclaw ${c.args.slice(0, -1).join(' ')} failed: ${firstLine(e)}`,
        });
        return;
      }
      stdout = kept;
    }
    try {
      out.findings.push(...c.parse(stdout));
    } catch (e) {
      out.failures.push({
        source,
        message: `openclaw ${c.args.slice(0, -1).join(' ')} printed output Clawster could not read: ${firstLine(e)}`,
      });
    }
  };
  await Promise.all([one('security-audit'), one('doctor')]);
  const order = { critical: 0, warn: 1, info: 2 };
  out.findings.sort(
    (a, b) =>
      order[a.severity] - order[b.severity] ||
      a.source.localeCompare(b.source) ||
      a.checkId.localeCompare(b.checkId),
  );
  return out;
}
