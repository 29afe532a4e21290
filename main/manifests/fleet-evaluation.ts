import { configHash } from '../../shared/config/hash.ts';
import type { ManifestCatalog, ResolvedBot, ResolveProblem, Resolver } from '../../shared/config/resolve.ts';
import { createResolver } from '../../shared/config/resolve.ts';
import type { BotManifest } from '../../shared/manifests/schema.ts';
import { evaluateFleet } from '../../shared/policy/evaluate.ts';
import type { Evaluation, PolicyException } from '../../shared/policy/types.ts';
import type { FleetInfo } from './manifest-state.ts';

/**
 * Resolves bots through their layers and runs the policy engine over them, a fleet at a time
 * (the cross-bot rules compare each bot with the others of its fleet). One resolver serves every
 * bot, so what bots share is resolved once.
 */
export interface BotSubject {
  /** The bot id, or a placeholder for a bot an apply will create. */
  key: string;
  botId: string | undefined;
  name: string;
  fleet: FleetInfo;
  manifest: BotManifest;
}

export interface BotOutcome {
  resolved: ResolvedBot | null;
  problems: ResolveProblem[];
  /** Null when the bot could not be resolved. */
  evaluation: Evaluation | null;
  /** The hash of the resolved `{config, installs}`; null when it could not be resolved. */
  hash: string | null;
}

export function resolveAll(resolver: Resolver, subjects: readonly BotSubject[]): Map<string, BotOutcome> {
  const out = new Map<string, BotOutcome>();
  for (const s of subjects) {
    const r = resolver.resolve(s.manifest, { environment: s.fleet.environment });
    out.set(
      s.key,
      r.ok
        ? { resolved: r.value, problems: [], evaluation: null, hash: configHash(r.value.state) }
        : { resolved: null, problems: r.problems, evaluation: null, hash: null },
    );
  }
  return out;
}

/** Evaluates resolved bots in place; `only` limits it to fleets holding one of these keys (fleet-mates still count as peers). */
export function evaluateOutcomes(
  subjects: readonly BotSubject[],
  outcomes: Map<string, BotOutcome>,
  options: { exceptions: readonly PolicyException[]; now: string; only?: ReadonlySet<string> },
): void {
  const byFleet = new Map<string, BotSubject[]>();
  for (const s of subjects) {
    const list = byFleet.get(s.fleet.id);
    if (list) list.push(s);
    else byFleet.set(s.fleet.id, [s]);
  }
  for (const group of byFleet.values()) {
    if (options.only && !group.some((s) => options.only?.has(s.key))) continue;
    const entries: { subject: BotSubject; resolved: ResolvedBot }[] = [];
    for (const s of group) {
      const resolved = outcomes.get(s.key)?.resolved;
      if (resolved) entries.push({ subject: s, resolved });
    }
    const evaluations = evaluateFleet(
      entries.map(({ subject, resolved }) => ({
        subject: resolved,
        context: {
          environment: subject.fleet.environment,
          botName: subject.name,
          fleetId: subject.fleet.id,
          fleetName: subject.fleet.name,
          ...(subject.botId ? { botId: subject.botId } : {}),
        },
      })),
      { exceptions: options.exceptions, now: options.now },
    );
    entries.forEach(({ subject }, i) => {
      const outcome = outcomes.get(subject.key);
      const evaluation = evaluations[i];
      if (outcome && evaluation) outcome.evaluation = evaluation;
    });
  }
}

export function resolveAndEvaluate(
  catalog: ManifestCatalog,
  subjects: readonly BotSubject[],
  options: { exceptions: readonly PolicyException[]; now: string },
): Map<string, BotOutcome> {
  const outcomes = resolveAll(createResolver(catalog), subjects);
  evaluateOutcomes(subjects, outcomes, options);
  return outcomes;
}
