import { diffJson } from '../../shared/config/diff.ts';
import { createResolver } from '../../shared/config/resolve.ts';
import { AppError, type Issue } from '../../shared/contract/errors.ts';
import { nameKey } from '../../shared/domain/common.ts';
import type { ApplyPlan } from '../../shared/domain/manifest.ts';
import { type ManifestIssue, parseManifestFiles } from '../../shared/manifests/codec.ts';
import type { Manifest } from '../../shared/manifests/schema.ts';
import { scanTree } from '../../shared/policy/scan.ts';
import type { PolicyException } from '../../shared/policy/types.ts';
import { type BotOutcome, type BotSubject, evaluateOutcomes, resolveAll } from './fleet-evaluation.ts';
import {
  botNameKey,
  builtinNames,
  catalogOf,
  type FleetInfo,
  type ManifestState,
  manifestHash,
  type StoredManifest,
  storeKey,
  withBotMetadata,
} from './manifest-state.ts';

/**
 * The plan of an apply: what happens to each manifest and to each bot whose desired config
 * changes, with its policy findings. Computing it writes nothing; the service writes it when
 * nothing refuses.
 */
export const MAX_PLAN_BOTS = 500;

export interface PlannedManifest {
  key: string;
  manifest: Manifest;
  action: 'create' | 'update' | 'unchanged';
  version: number;
  hash: string;
  before: StoredManifest | undefined;
  /** For Bot manifests: the bot (existing, or a placeholder key for one the apply creates). */
  bot?: {
    key: string;
    botId: string | undefined;
    /** The fleet's id, or the placeholder id of a fleet this apply creates. */
    fleetId: string;
    name: string;
    tags: string[] | undefined;
  };
}

/** A fleet an apply creates (its id a placeholder until then). */
export type NewFleet = FleetInfo;

export interface Plan {
  result: ApplyPlan;
  manifests: PlannedManifest[];
  newFleets: NewFleet[];
}

function issueOf(i: ManifestIssue): Issue {
  const where = `${i.source ?? 'input'}#${i.doc + 1}${i.line !== undefined ? ` (line ${i.line}${i.col !== undefined ? `, col ${i.col}` : ''})` : ''}`;
  return { path: `${where}: ${i.path}`, message: i.message };
}

function refuseInput(issues: Issue[]): never {
  throw new AppError(
    'VALIDATION',
    `${issues.length === 1 ? 'A manifest is' : `${issues.length} problems make the manifests`} invalid; nothing was applied. ${issues[0]?.path}: ${issues[0]?.message}`,
    issues,
  );
}

export function planApply(
  state: ManifestState,
  files: readonly { name: string; text: string }[],
  options: { dryRun: boolean; exceptions: readonly PolicyException[]; now: string },
): Plan {
  const parsed = parseManifestFiles(files);
  if (parsed.issues.length > 0) refuseInput(parsed.issues.map(issueOf));
  const issues: Issue[] = [];
  const where = (p: { source?: string; doc: number }) => `${p.source ?? 'input'}#${p.doc + 1}`;
  const seen = new Map<string, string>();
  const newFleets = new Map<string, FleetInfo>();
  const planned: PlannedManifest[] = [];
  /** Fleets of the bots this apply creates, by bot key. */
  const newBotFleets = new Map<string, FleetInfo>();

  for (const p of parsed.manifests) {
    const m = p.manifest;
    for (const hit of scanTree(m.spec, 'spec'))
      if (hit.kind !== 'dangerous')
        issues.push({
          path: `${where(p)}: ${hit.path}`,
          message: `${hit.detail}. Manifests hold secrets only as references: put the value in the keychain or AWS Secrets Manager and write {$secret: {store, ref}} here.`,
        });
    const identity =
      m.kind === 'Bot' ? `Bot ${m.metadata.fleet}/${m.metadata.name}` : `${m.kind} ${m.metadata.name}`;
    const idKey =
      m.kind === 'Bot'
        ? `Bot/${nameKey(m.metadata.fleet)}/${nameKey(m.metadata.name)}`
        : `${m.kind}/${m.metadata.name}`;
    const first = seen.get(idKey);
    if (first) {
      issues.push({
        path: `${where(p)}: metadata.name`,
        message: `${identity} is also defined in ${first}; keep one`,
      });
      continue;
    }
    seen.set(idKey, where(p));
    if (m.kind === 'Template' && builtinNames.has(m.metadata.name)) {
      issues.push({
        path: `${where(p)}: metadata.name`,
        message: `"${m.metadata.name}" is a built-in template; save yours under another name`,
      });
      continue;
    }
    if (m.kind !== 'Bot') {
      const key = storeKey(m.kind, m.metadata.name);
      planned.push(plannedOf(state, key, m, state.stored.get(key)));
      continue;
    }
    const fleetKey = nameKey(m.metadata.fleet);
    let f = state.fleetsByKey.get(fleetKey) ?? newFleets.get(fleetKey);
    if (!f) {
      if (!m.metadata.environment) {
        issues.push({
          path: `${where(p)}: metadata.fleet`,
          message: `There is no fleet "${m.metadata.fleet}". Create it first, or give metadata.environment (dev, staging or prod) to create it with this apply`,
        });
        continue;
      }
      f = { id: `new-fleet:${fleetKey}`, name: m.metadata.fleet, environment: m.metadata.environment };
      newFleets.set(fleetKey, f);
    } else if (m.metadata.environment && m.metadata.environment !== f.environment) {
      issues.push({
        path: `${where(p)}: metadata.environment`,
        message: `Fleet "${f.name}" is ${f.environment}, but the manifest says ${m.metadata.environment}`,
      });
      continue;
    }
    const existing = state.botsByName.get(botNameKey(f.id, m.metadata.name));
    const tags = m.metadata.tags;
    const bot = existing
      ? { ...existing, tags: tags ?? existing.tags }
      : {
          id: `new-bot:${fleetKey}/${nameKey(m.metadata.name)}`,
          fleetId: f.id,
          name: m.metadata.name,
          tags: tags ?? [],
        };
    if (!existing) newBotFleets.set(bot.id, f);
    const effective = withBotMetadata(m, bot, f);
    const key = storeKey('Bot', bot.id);
    planned.push({
      ...plannedOf(state, key, effective, existing ? state.stored.get(key) : undefined),
      bot: { key: bot.id, botId: existing?.id, fleetId: f.id, name: m.metadata.name, tags },
    });
  }
  if (issues.length > 0) refuseInput(issues);
  return {
    result: botImpact(state, planned, newBotFleets, options),
    manifests: planned,
    newFleets: [...newFleets.values()],
  };
}

function plannedOf(
  state: ManifestState,
  key: string,
  manifest: Manifest,
  before: StoredManifest | undefined,
): PlannedManifest {
  const hash = manifestHash(manifest);
  if (!before) return { key, manifest, action: 'create', version: state.lastVersion(key) + 1, hash, before };
  const same = before.hash === hash;
  return {
    key,
    manifest,
    action: same ? 'unchanged' : 'update',
    version: same ? before.version : before.version + 1,
    hash,
    before,
  };
}

/**
 * Resolves every bot before and after a change (manifests set, keys removed), and evaluates the
 * fleets of the bots whose desired config changes.
 */
export function botImpact(
  state: ManifestState,
  planned: readonly PlannedManifest[],
  newBotFleets: ReadonlyMap<string, FleetInfo>,
  options: { dryRun: boolean; exceptions: readonly PolicyException[]; now: string; remove?: string },
): ApplyPlan {
  const afterStored = new Map<string, Manifest>();
  for (const s of state.stored.values()) afterStored.set(s.key, s.manifest);
  for (const p of planned) afterStored.set(p.key, p.manifest);
  if (options.remove !== undefined) afterStored.delete(options.remove);
  const subjects = (docs: Iterable<Manifest | [string, Manifest]>): BotSubject[] => {
    const out: BotSubject[] = [];
    for (const entry of docs) {
      const [key, m] = Array.isArray(entry) ? entry : ['', entry];
      if (m.kind !== 'Bot') continue;
      const botKey = key.slice('Bot/'.length);
      const bot = state.bots.get(botKey);
      const fleet = bot ? state.fleets.get(bot.fleetId) : newBotFleets.get(botKey);
      if (fleet) out.push({ key: botKey, botId: bot?.id, name: m.metadata.name, fleet, manifest: m });
    }
    return out;
  };
  const beforeSubjects = subjects(
    [...state.stored.values()].map((s): [string, Manifest] => [s.key, s.manifest]),
  );
  const before = resolveAll(
    createResolver(catalogOf([...state.stored.values()].map((s) => s.manifest))),
    beforeSubjects,
  );
  const afterSubjects = subjects(afterStored.entries());
  const after = resolveAll(createResolver(catalogOf(afterStored.values())), afterSubjects);
  const changed = new Set<string>();
  for (const s of afterSubjects) {
    const a = after.get(s.key);
    const b = before.get(s.key);
    if (!a || !b || a.hash === null || a.hash !== b.hash) changed.add(s.key);
  }
  // A bot whose Bot manifest is removed has nothing to resolve: it becomes unconfigured (no gate).
  if (changed.size > 0) evaluateOutcomes(afterSubjects, after, { ...options, only: changed });

  const bots: ApplyPlan['bots'] = [];
  const refusals: string[] = [];
  for (const s of afterSubjects) {
    if (!changed.has(s.key)) continue;
    const a = after.get(s.key);
    if (!a) continue;
    const label = `Bot ${s.fleet.name}/${s.name}`;
    const blocked = a.problems.length > 0 || (a.evaluation?.blocked ?? false);
    for (const p of a.problems) refusals.push(`${label}: ${p.message}`);
    for (const f of a.evaluation?.findings ?? [])
      if (f.severity === 'critical' && !f.exception)
        refusals.push(`${label}: ${f.ruleId} (critical) at ${f.path}: ${f.title}. ${f.fix}`);
    bots.push({
      ...(s.botId ? { botId: s.botId } : {}),
      fleetName: s.fleet.name,
      name: s.name,
      action: before.has(s.key) ? 'update' : 'create',
      configDiff: diffJson(stateOf(before.get(s.key)), stateOf(a)),
      problems: a.problems.map((p) => ({ code: p.code, layer: p.layer, path: p.path, message: p.message })),
      findings: [...(a.evaluation?.findings ?? [])],
      blocked,
    });
  }
  bots.sort((x, y) => Number(y.blocked) - Number(x.blocked));
  return {
    dryRun: options.dryRun,
    applied: false,
    manifests: planned.map((p) => ({
      kind: p.manifest.kind,
      name: p.manifest.metadata.name,
      ...(p.manifest.kind === 'Bot' ? { fleetName: p.manifest.metadata.fleet } : {}),
      action: p.action,
      version: p.version,
      diff: p.action === 'unchanged' ? [] : diffJson(p.before?.manifest ?? {}, p.manifest),
    })),
    bots: bots.slice(0, MAX_PLAN_BOTS),
    botsChanged: bots.length,
    refusals,
  };
}

/** A bot's desired `{config, installs}`; empty ones for a bot that had none (so a new bot's diff lists its sections). */
function stateOf(o: BotOutcome | undefined): unknown {
  return o?.resolved?.state ?? { config: {}, installs: {} };
}
