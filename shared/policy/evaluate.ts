import { byCodePoint, type JsonObject } from '../config/json.ts';
import { computeFacts } from './facts.ts';
import { type CompiledPack, compilePack, type PolicyPack, packs } from './packs.ts';
import { buildPeerIndex, gatewayPortOf, normalizeDir, type PeerIndex, workspacesOf } from './peers.ts';
import type { RuleInput } from './rule.ts';
import { selfKey } from './rules/fleet.ts';
import { scanEnv, scanTree } from './scan.ts';
import type {
  Evaluation,
  Finding,
  PeerInfo,
  Placement,
  PolicyContext,
  PolicyException,
  PolicySubject,
  Severity,
} from './types.ts';

/**
 * The policy engine: every rule of the environment's pack over one resolved config. Pure and
 * synchronous; the renderer runs it while the operator types and the control plane before any
 * apply. A critical finding blocks unless an unexpired exception for that rule covers the bot or
 * its fleet.
 */
export interface EvaluateOptions {
  /** The pack to use; the built-in pack of `context.environment` when left out. */
  pack?: PolicyPack;
  exceptions?: readonly PolicyException[];
  /** The current time (exceptions expire); an ISO string or epoch milliseconds. */
  now: string | number;
}

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warn: 1, info: 2 };

export function evaluate(
  subject: PolicySubject,
  context: PolicyContext,
  options: EvaluateOptions,
): Evaluation {
  const others = (context.otherBots ?? []).map((p) => {
    const info: PeerInfo = { ...p, workspaces: (p.workspaces ?? []).map(normalizeDir) };
    if (p.placement) info.placement = normalizePlacement(p.placement);
    return info;
  });
  const self = peerInfoOf(subject, context);
  return evaluateWith(subject, context, runOf(options, context), buildPeerIndex([...others, self]), self);
}

/** What every bot of one evaluation shares: its rules, exceptions and time, prepared once. */
interface Run {
  rules: CompiledPack['rules'] | null;
  exceptions: Map<string, PolicyException[]>;
  now: number;
}

function runOf(options: EvaluateOptions, context?: PolicyContext): Run {
  const pack = options.pack ?? (context ? packs[context.environment] : undefined);
  return {
    rules: pack ? compilePack(pack).rules : null,
    exceptions: indexExceptions(options.exceptions),
    now: typeof options.now === 'number' ? options.now : Date.parse(options.now),
  };
}

/** Evaluates many bots at once; cross-bot rules compare each with all the others. */
export function evaluateFleet(
  entries: readonly { subject: PolicySubject; context: PolicyContext }[],
  options: EvaluateOptions,
): Evaluation[] {
  const selves = entries.map((e) => peerInfoOf(e.subject, e.context));
  const peers = buildPeerIndex(selves);
  const run = runOf(options);
  return entries.map((e, i) =>
    evaluateWith(e.subject, e.context, run, peers, selves[i] ?? peerInfoOf(e.subject, e.context)),
  );
}

/** What other bots' cross-bot rules need to know about this one. */
export function peerInfoOf(subject: PolicySubject, context: PolicyContext): PeerInfo {
  const placement = context.placement;
  return {
    key: selfKey(context),
    name: context.botName,
    gatewayPort: gatewayPortOf(subject.config),
    workspaces: uniqueDirs(workspacesOf(subject.config)),
    placement: placement ? normalizePlacement(placement) : undefined,
  };
}

function uniqueDirs(paths: readonly string[]): readonly string[] {
  if (paths.length === 0) return paths;
  if (paths.length === 1) {
    const only = paths[0] ?? '';
    const dir = normalizeDir(only);
    return dir === only ? paths : [dir];
  }
  return [...new Set(paths.map(normalizeDir))];
}

function normalizePlacement(p: Placement): Placement {
  if (p.stateDir === undefined) return p;
  const stateDir = normalizeDir(p.stateDir);
  return stateDir === p.stateDir ? p : { ...p, stateDir };
}

const NO_INSTALLS: JsonObject = Object.freeze({});
/** The result for a config with no findings: one frozen value for every clean bot. */
const CLEAN: Evaluation = Object.freeze({
  findings: Object.freeze([]),
  blocked: false,
  counts: Object.freeze({ critical: 0, warn: 0, info: 0 }),
});

function evaluateWith(
  subject: PolicySubject,
  context: PolicyContext,
  run: Run,
  peers: PeerIndex,
  self: PeerInfo,
): Evaluation {
  const config: JsonObject = subject.config;
  const installs: JsonObject = subject.installs ?? NO_INSTALLS;
  const ctx = context;
  let scan = scanTree(config, 'config');
  const installsScan = scanTree(installs, 'installs');
  const envScan = ctx.env ? scanEnv(ctx.env, 'env') : installsScan;
  if (installsScan.length > 0 || envScan.length > 0)
    scan = [...scan, ...installsScan, ...(envScan === installsScan ? [] : envScan)];
  const input: RuleInput = {
    config,
    installs,
    context: ctx,
    openclawVersion: context.openclawVersion ?? subject.openclawVersion,
    facts: computeFacts(config),
    peers,
    self,
    scan,
  };
  const findings: Finding[] = [];
  const counts: Record<Severity, number> = { critical: 0, warn: 0, info: 0 };
  let blocked = false;
  for (const { rule, severity } of run.rules ?? compilePack(packs[ctx.environment]).rules) {
    const hits = rule.check(input);
    if (hits.length === 0) continue;
    const waiver = exceptionFor(run.exceptions.get(rule.id), ctx, run.now);
    const seen = new Set<string>();
    for (const hit of hits) {
      if (seen.has(hit.path)) continue;
      seen.add(hit.path);
      const f: Finding = {
        ruleId: rule.id,
        severity,
        title: rule.title,
        why: rule.why,
        fix: rule.fix,
        path: hit.path,
      };
      if (hit.detail !== undefined) f.detail = hit.detail;
      if (waiver.valid) f.exception = waiver.valid;
      else if (waiver.expired) f.expiredException = waiver.expired;
      if (severity === 'critical' && !waiver.valid) blocked = true;
      counts[severity]++;
      findings.push(f);
    }
  }
  if (findings.length === 0) return CLEAN;
  if (findings.length > 1) {
    findings.sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        byCodePoint(a.ruleId, b.ruleId) ||
        byCodePoint(a.path, b.path),
    );
  }
  return { findings, blocked, counts };
}

function indexExceptions(list: readonly PolicyException[] | undefined): Map<string, PolicyException[]> {
  const m = new Map<string, PolicyException[]>();
  for (const e of list ?? []) {
    const l = m.get(e.ruleId) ?? [];
    l.push(e);
    m.set(e.ruleId, l);
  }
  return m;
}

function exceptionFor(
  list: PolicyException[] | undefined,
  ctx: PolicyContext,
  now: number,
): { valid?: PolicyException; expired?: PolicyException } {
  if (!list) return {};
  let expired: PolicyException | undefined;
  for (const e of list) {
    const applies =
      (e.scope === 'bot' && e.id === ctx.botId) || (e.scope === 'fleet' && e.id === ctx.fleetId);
    if (!applies) continue;
    if (Date.parse(e.expiresAt) > now) return { valid: e };
    expired = e;
  }
  return expired ? { expired } : {};
}
