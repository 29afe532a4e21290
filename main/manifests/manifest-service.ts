import { asc, eq } from 'drizzle-orm';
import { builtinTemplates } from '../../shared/config/builtin-templates.ts';
import { diffJson } from '../../shared/config/diff.ts';
import { explain } from '../../shared/config/provenance.ts';
import { createResolver, type ResolvedBot } from '../../shared/config/resolve.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { Params, ResultOf } from '../../shared/contract/requests.ts';
import type { ApplyPlan, ManifestRef, ManifestSummary } from '../../shared/domain/manifest.ts';
import { serializeManifests } from '../../shared/manifests/codec.ts';
import type { Manifest } from '../../shared/manifests/schema.ts';
import type { Clock } from '../clock.ts';
import { activeExceptions } from '../policy/exception-store.ts';
import type { Db } from '../store/database.ts';
import { manifestVersions } from '../store/schema.ts';
import type { Mutator, Tx } from '../store/unit-of-work.ts';
import { botImpact, type Plan, planApply } from './apply-plan.ts';
import { type BotOutcome, type BotSubject, resolveAll, resolveAndEvaluate } from './fleet-evaluation.ts';
import { type RestoreItem, restoreManifests } from './manifest-restore.ts';
import {
  builtinNames,
  catalogOf,
  keyOf,
  loadState,
  type ManifestState,
  manifestHash,
  type StoredManifest,
  storeKey,
  versionDocOf,
} from './manifest-state.ts';
import { deleteManifest, writePlan } from './manifest-writer.ts';
import { refused, refuseIfUsed } from './refusals.ts';

/**
 * The manifest store: apply (all or nothing, behind the policy gate), versions and diffs,
 * export, delete, and "explain" for a bot. Reads load everything once per request.
 */
export interface ManifestServiceDeps {
  db: Db;
  mutate: Mutator;
  clock: Clock;
  actor: string;
  /** Refuses (throws) a change to manifests a running rollout is changing; called inside the apply's transaction. */
  guard?: (keys: readonly string[]) => void;
}

function subjectsOf(state: ManifestState): BotSubject[] {
  const out: BotSubject[] = [];
  for (const s of state.stored.values()) {
    if (s.manifest.kind !== 'Bot' || !s.botId) continue;
    const bot = state.bots.get(s.botId);
    const fleet = bot ? state.fleets.get(bot.fleetId) : undefined;
    if (bot && fleet) out.push({ key: bot.id, botId: bot.id, name: bot.name, fleet, manifest: s.manifest });
  }
  return out;
}

function summaryOf(s: StoredManifest, state: ManifestState): ManifestSummary {
  const bot = s.botId ? state.bots.get(s.botId) : undefined;
  const fleet = bot ? state.fleets.get(bot.fleetId) : undefined;
  return {
    kind: s.manifest.kind,
    name: s.manifest.metadata.name,
    ...(bot ? { botId: bot.id, fleetId: bot.fleetId } : {}),
    ...(fleet ? { fleetName: fleet.name } : {}),
    version: s.version,
    hash: s.hash,
    builtin: false,
    updatedAt: s.updatedAt,
    updatedBy: s.updatedBy,
  };
}

function builtinSummary(m: Manifest): ManifestSummary {
  return {
    kind: m.kind,
    name: m.metadata.name,
    version: 0,
    hash: manifestHash(m),
    builtin: true,
    updatedAt: null,
    updatedBy: null,
  };
}

export function createManifestService(deps: ManifestServiceDeps) {
  const now = () => deps.clock.now().toISOString();

  function find(state: ManifestState, ref: ManifestRef): { summary: ManifestSummary; manifest: Manifest } {
    if (ref.kind === 'Template' && builtinNames.has(ref.name)) {
      const m = builtinTemplates.find((t) => t.metadata.name === ref.name);
      if (m) return { summary: builtinSummary(m), manifest: m };
    }
    const s = state.stored.get(keyOf(ref));
    if (!s) {
      const what =
        ref.kind === 'Bot'
          ? `bot "${ref.botId}" has no Bot manifest`
          : `there is no ${ref.kind} "${ref.name}"`;
      throw new AppError('NOT_FOUND', `Not found: ${what}. Reload the list.`);
    }
    return { summary: summaryOf(s, state), manifest: s.manifest };
  }

  function applyInTx(tx: Tx, files: readonly { name: string; text: string }[]): Plan {
    // Planned inside the write transaction, so no other writer can change what it is based on.
    const options = { dryRun: false, exceptions: activeExceptions(tx.db), now: tx.now };
    const plan = planApply(loadState(tx.db), files, options);
    if (plan.result.refusals.length > 0) throw refused(plan.result);
    writePlan(tx, plan, deps.actor);
    return plan;
  }

  const versionDoc = (ref: ManifestRef, version: number): Manifest | null =>
    versionDocOf(deps.db, ref, version);

  return {
    list(p: Params<'manifest.list'>): ManifestSummary[] {
      const state = loadState(deps.db);
      const out: ManifestSummary[] = [];
      if (!p.kind || p.kind === 'Template') out.push(...builtinTemplates.map(builtinSummary));
      for (const s of state.stored.values())
        if (!p.kind || s.manifest.kind === p.kind) out.push(summaryOf(s, state));
      return out;
    },

    get: (p: Params<'manifest.get'>) => find(loadState(deps.db), p.ref),

    catalog(): ResultOf<'manifest.catalog'> {
      const c = catalogOf([...loadState(deps.db).stored.values()].map((s) => s.manifest));
      return { templates: [...c.templates], profiles: [...c.profiles], overlays: [...c.overlays] };
    },

    apply(p: Params<'manifest.apply'>): ApplyPlan {
      const options = { dryRun: p.dryRun, exceptions: activeExceptions(deps.db), now: now() };
      if (p.dryRun) return planApply(loadState(deps.db), p.files, options).result;
      return deps.mutate((tx) => {
        const plan = applyInTx(tx, p.files);
        deps.guard?.(plan.manifests.filter((m) => m.action !== 'unchanged').map((m) => m.key));
        return { ...plan.result, applied: true };
      });
    },

    /** Applies manifest files inside the caller's transaction (a change set's start); refused as apply is. */
    applyIn(tx: Tx, files: readonly { name: string; text: string }[]): ApplyPlan {
      return { ...applyInTx(tx, files).result, applied: true };
    },

    delete(p: Params<'manifest.delete'>): { version: number } {
      const ref = p.ref;
      if (ref.kind === 'Template' && builtinNames.has(ref.name))
        throw new AppError('FORBIDDEN', `"${ref.name}" is a built-in template and cannot be deleted.`);
      return deps.mutate((tx) => {
        const state = loadState(tx.db);
        const key = keyOf(ref);
        const before = state.stored.get(key);
        if (!before) throw new AppError('NOT_FOUND', 'There is no such manifest. Reload the list.');
        deps.guard?.([key]);
        if (ref.kind !== 'Bot') {
          refuseIfUsed(state, ref);
          const impact = botImpact(state, [], new Map(), {
            dryRun: false,
            exceptions: activeExceptions(tx.db),
            now: tx.now,
            remove: key,
          });
          if (impact.refusals.length > 0) throw refused(impact);
        }
        return { version: deleteManifest(tx, ref, before, deps.actor) };
      });
    },

    versions(p: Params<'manifest.versions'>): ResultOf<'manifest.versions'> {
      return deps.db
        .select()
        .from(manifestVersions)
        .where(eq(manifestVersions.key, keyOf(p.ref)))
        .orderBy(asc(manifestVersions.version))
        .all()
        .map((v) => ({
          version: v.version,
          hash: v.hash,
          actor: v.actor,
          createdAt: v.createdAt,
          deleted: v.doc === null,
        }))
        .reverse();
    },

    versionGet: (p: Params<'manifest.version.get'>): Manifest | null => versionDoc(p.ref, p.version),

    diff(p: Params<'manifest.diff'>): ResultOf<'manifest.diff'> {
      const from = versionDoc(p.ref, p.from);
      const to = versionDoc(p.ref, p.to);
      return {
        from: { version: p.from, manifest: from },
        to: { version: p.to, manifest: to },
        diff: diffJson(from ?? {}, to ?? {}),
      };
    },

    export(): ResultOf<'manifest.export'> {
      const state = loadState(deps.db);
      const files: { path: string; text: string }[] = [];
      const folder = {
        Template: 'templates',
        Profile: 'profiles',
        Overlay: 'overlays',
        Bot: 'bots',
      } as const;
      for (const s of state.stored.values()) {
        const m = s.manifest;
        const path =
          m.kind === 'Bot'
            ? `bots/${fileSafe(m.metadata.fleet)}/${fileSafe(m.metadata.name)}.yaml`
            : `${folder[m.kind]}/${m.metadata.name}.yaml`;
        files.push({ path, text: serializeManifests([m]) });
      }
      files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      return { files };
    },

    /** Every bot with a Bot manifest, resolved through its layers (no policy evaluation). */
    resolveAllBots(): {
      botId: string;
      name: string;
      fleet: string;
      environment: string;
      resolved: ResolvedBot | null;
    }[] {
      const state = loadState(deps.db);
      const subjects = subjectsOf(state);
      const outcomes = resolveAll(
        createResolver(catalogOf([...state.stored.values()].map((x) => x.manifest))),
        subjects,
      );
      return subjects.flatMap((x) =>
        x.botId === undefined
          ? []
          : [
              {
                botId: x.botId,
                name: x.name,
                fleet: x.fleet.name,
                environment: x.fleet.environment,
                resolved: outcomes.get(x.key)?.resolved ?? null,
              },
            ],
      );
    },

    /** Brings manifests back to earlier versions in one transaction (see manifest-restore.ts). */
    restore(items: readonly RestoreItem[], source: string): void {
      deps.mutate((tx) => restoreManifests(tx, items, source, deps.actor));
    },

    /** A bot resolved through its layers and evaluated with its fleet (null when it has no Bot manifest). */
    resolveBot(id: string): BotOutcome | null {
      const state = loadState(deps.db);
      const bot = state.bots.get(id);
      if (!bot) throw new AppError('NOT_FOUND', `No bot with id "${id}". It may have been deleted.`);
      if (!state.stored.has(storeKey('Bot', id))) return null;
      const subjects = subjectsOf(state).filter((s) => s.fleet.id === bot.fleetId);
      const outcomes = resolveAndEvaluate(
        catalogOf([...state.stored.values()].map((s) => s.manifest)),
        subjects,
        {
          exceptions: activeExceptions(deps.db),
          now: now(),
        },
      );
      return outcomes.get(id) ?? { resolved: null, problems: [], evaluation: null, hash: null };
    },

    explain(p: Params<'bot.explain'>): ResultOf<'bot.explain'> {
      const o = this.resolveBot(p.id);
      if (!o)
        return {
          botId: p.id,
          configured: false,
          layers: [],
          config: null,
          installs: null,
          hash: null,
          lines: [],
          problems: [],
          findings: [],
          blocked: false,
        };
      const r = o.resolved;
      return {
        botId: p.id,
        configured: true,
        layers: r ? [...r.layers] : [],
        config: r ? r.config : null,
        installs: r ? r.installs : null,
        hash: o.hash,
        lines: r
          ? explain(r.state, r.provenance).map((l) => ({ path: l.path, value: l.value, layer: l.layer }))
          : [],
        problems: o.problems.map((x) => ({ code: x.code, layer: x.layer, path: x.path, message: x.message })),
        findings: [...(o.evaluation?.findings ?? [])],
        blocked: o.problems.length > 0 || (o.evaluation?.blocked ?? false),
      };
    },

    evaluateFleet(p: Params<'policy.evaluateFleet'>): ResultOf<'policy.evaluateFleet'> {
      const state = loadState(deps.db);
      const fleet = state.fleets.get(p.fleetId);
      if (!fleet)
        throw new AppError('NOT_FOUND', `No fleet with id "${p.fleetId}". It may have been deleted.`);
      const subjects = subjectsOf(state).filter((s) => s.fleet.id === fleet.id);
      const at = now();
      const outcomes = resolveAndEvaluate(
        catalogOf([...state.stored.values()].map((s) => s.manifest)),
        subjects,
        {
          exceptions: activeExceptions(deps.db),
          now: at,
        },
      );
      const bots = [...state.bots.values()]
        .filter((b) => b.fleetId === fleet.id)
        .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1))
        .map((b) => {
          const o = outcomes.get(b.id);
          const findings = [...(o?.evaluation?.findings ?? [])];
          return {
            botId: b.id,
            name: b.name,
            configured: o !== undefined,
            blocked: (o?.problems.length ?? 0) > 0 || (o?.evaluation?.blocked ?? false),
            counts: { critical: 0, warn: 0, info: 0, ...o?.evaluation?.counts },
            findings,
            problems: (o?.problems ?? []).map((x) => x.message),
          };
        });
      return { fleetId: fleet.id, environment: fleet.environment, evaluatedAt: at, bots };
    },
  };
}
export type ManifestService = ReturnType<typeof createManifestService>;

/** A name as a file name: path separators and control characters replaced. */
function fileSafe(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  return name.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_');
}
