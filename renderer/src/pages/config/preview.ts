import { type ExplainLine, explain } from '../../../../shared/config/provenance.ts';
import type { ResolveProblem } from '../../../../shared/config/resolve.ts';
import { createResolver } from '../../../../shared/config/resolve.ts';
import type { Environment } from '../../../../shared/domain/fleet.ts';
import type {
  BotManifest,
  Manifest,
  OverlayManifest,
  ProfileManifest,
  TemplateManifest,
} from '../../../../shared/manifests/schema.ts';
import { evaluate } from '../../../../shared/policy/evaluate.ts';
import type { Finding } from '../../../../shared/policy/types.ts';

export interface Preview {
  lines: ExplainLine[];
  findings: Finding[];
  problems: ResolveProblem[];
  blocked: boolean;
}

/**
 * What a draft manifest would make a bot run, computed in the renderer with the same resolver
 * and policy engine as the control plane: a template alone, a profile on the Minimal template,
 * an overlay applied to one, or the bot itself, in the chosen environment.
 */
export function previewDraft(
  draft: Manifest,
  catalog: readonly Manifest[],
  environment: Environment,
): Preview {
  const others = catalog.filter((m) => !(m.kind === draft.kind && m.metadata.name === draft.metadata.name));
  const all = draft.kind === 'Bot' ? others : [...others, draft];
  const templates = all.filter((m): m is TemplateManifest => m.kind === 'Template');
  const profiles = all.filter((m): m is ProfileManifest => m.kind === 'Profile');
  const overlays = all.filter((m): m is OverlayManifest => m.kind === 'Overlay');
  const base = (spec: BotManifest['spec']): BotManifest => ({
    apiVersion: 'clawster.dev/v1',
    kind: 'Bot',
    metadata: { name: 'preview', fleet: 'preview', environment },
    spec,
  });
  const bot =
    draft.kind === 'Bot'
      ? { ...draft, metadata: { ...draft.metadata, environment } }
      : draft.kind === 'Template'
        ? base({ template: draft.metadata.name })
        : draft.kind === 'Profile'
          ? base({ template: 'minimal', profile: draft.metadata.name })
          : base({ template: 'minimal', overlays: [draft.metadata.name] });
  const r = createResolver({ templates, profiles, overlays }).resolve(bot, { environment });
  const resolved = r.ok ? r.value : r.partial;
  const problems = r.ok ? [] : r.problems;
  if (!resolved) return { lines: [], findings: [], problems, blocked: true };
  const e = evaluate(resolved, { environment, botName: bot.metadata.name }, { now: Date.now() });
  return {
    lines: explain(resolved.state, resolved.provenance),
    findings: [...e.findings],
    problems,
    blocked: problems.length > 0 || e.blocked,
  };
}

/** A starting point for a new manifest of a kind. */
export function starter(kind: string): string {
  const head = `apiVersion: clawster.dev/v1\nkind: ${kind}\nmetadata:\n  name: my-${kind.toLowerCase()}\n`;
  if (kind === 'Overlay') return `${head}spec:\n  selector:\n    tags: [eu]\n  priority: 0\n  config: {}\n`;
  if (kind === 'Profile') return `${head}spec:\n  locks: []\n  config: {}\n`;
  return `${head}spec:\n  config: {}\n`;
}
