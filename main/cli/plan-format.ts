import type { z } from 'zod';
import type { ApplyPlan, changeSchema } from '../../shared/domain/manifest.ts';
import type { findingSchema } from '../../shared/domain/policy.ts';

type Change = z.infer<typeof changeSchema>;
type Finding = z.infer<typeof findingSchema>;

const MAX_VALUE = 120;

/** A value on one line, cut short when long. */
function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** `+ path: value`, `- path: value` or `~ path: before -> after`, indented. */
export function formatChange(c: Change, indent: string): string {
  if (c.kind === 'added') return `${indent}+ ${c.path}: ${show(c.after)}`;
  if (c.kind === 'removed') return `${indent}- ${c.path}: ${show(c.before)}`;
  return `${indent}~ ${c.path}: ${show(c.before)} -> ${show(c.after)}`;
}

export function formatFinding(f: Finding, indent: string): string[] {
  const detail = f.detail ? ` (${f.detail})` : '';
  const lines = [
    `${indent}${f.severity.toUpperCase().padEnd(8)} ${f.ruleId} at ${f.path || '(root)'}: ${f.title}${detail}`,
  ];
  lines.push(`${indent}  why: ${f.why}`, `${indent}  fix: ${f.fix}`);
  if (f.exception)
    lines.push(`${indent}  waived by an exception until ${f.exception.expiresAt}: ${f.exception.reason}`);
  else if (f.expiredException)
    lines.push(`${indent}  its exception expired at ${f.expiredException.expiresAt}; it counts again`);
  return lines;
}

function manifestLabel(m: ApplyPlan['manifests'][number]): string {
  const fleet = m.fleetName ? `, fleet ${m.fleetName}` : '';
  return `${m.action.padEnd(9)} ${m.kind}/${m.name} (v${m.version}${fleet})`;
}

/** The plan as `clawster apply` prints it: manifests, bots' config diffs and findings, refusals, outcome. */
export function formatPlan(plan: ApplyPlan): string {
  const out: string[] = [];
  out.push(`Manifests (${plan.manifests.length}):`);
  for (const m of plan.manifests) {
    out.push(`  ${manifestLabel(m)}`);
    for (const c of m.diff) out.push(formatChange(c, '      '));
  }
  if (plan.bots.length > 0) out.push('', `Bots whose config changes (${plan.botsChanged}):`);
  for (const b of plan.bots) {
    const blocked = b.blocked ? ' [BLOCKED]' : '';
    out.push(`  ${b.action.padEnd(9)} ${b.fleetName}/${b.name}${blocked}`);
    for (const c of b.configDiff) out.push(formatChange(c, '      '));
    for (const p of b.problems)
      out.push(`    problem ${p.code} in ${p.layer.kind}/${p.layer.name} at ${p.path}: ${p.message}`);
    if (b.findings.length > 0) out.push('    findings:');
    for (const f of b.findings) out.push(...formatFinding(f, '      '));
  }
  const more = plan.botsChanged - plan.bots.length;
  if (more > 0) out.push(`  … and ${more} more bot${more === 1 ? '' : 's'}`);
  if (plan.refusals.length > 0) {
    out.push('', 'Refused:');
    for (const r of plan.refusals) out.push(`  - ${r}`);
  }
  out.push('', outcome(plan));
  return `${out.join('\n')}\n`;
}

function outcome(plan: ApplyPlan): string {
  const changed = plan.manifests.filter((m) => m.action !== 'unchanged').length;
  const what = `${changed} manifest${changed === 1 ? '' : 's'} and ${plan.botsChanged} bot config${plan.botsChanged === 1 ? '' : 's'}`;
  if (plan.dryRun)
    return plan.refusals.length > 0
      ? 'Dry run: this apply would be refused. Nothing was changed.'
      : `Dry run: the apply would change ${what}. Nothing was changed.`;
  if (plan.applied)
    return changed === 0 ? 'Applied: everything was already as given.' : `Applied: changed ${what}.`;
  return 'Refused: nothing was changed.';
}

/** The exit code of an apply: 0 when applied (or a clean dry run), 1 when refused. */
export function planExitCode(plan: ApplyPlan): 0 | 1 {
  if (plan.refusals.length > 0) return 1;
  return plan.dryRun || plan.applied ? 0 : 1;
}
