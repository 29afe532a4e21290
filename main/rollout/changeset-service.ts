import type { AlertInput } from '../../shared/alerts/alerts.ts';
import { configHash } from '../../shared/config/hash.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { Params } from '../../shared/contract/requests.ts';
import { type ChangeSet, infoOf } from '../../shared/domain/changeset.ts';
import type { BotRuntime } from '../../shared/domain/lifecycle.ts';
import type { Clock } from '../clock.ts';
import { getRuntime } from '../deploy/runtime-store.ts';
import type { Logger } from '../log/logger.ts';
import type { ManifestService } from '../manifests/manifest-service.ts';
import { keyOf } from '../manifests/manifest-state.ts';
import type { Db } from '../store/database.ts';
import type { Mutator, Tx } from '../store/unit-of-work.ts';
import {
  activeChangeSets,
  getChangeSet,
  insertChangeSet,
  listChangeSets,
  saveChangeSet,
} from './changeset-store.ts';
import { healthGate, realTimers, type Timers } from './health-gate.ts';
import { changeSetRefs, restoreItems, versionsOf } from './manifest-versions.ts';
import { createRunner } from './rollout-runner.ts';
import { rolloutBots, skipReason } from './rollout-targets.ts';

/**
 * Change sets: create (a dry run of the manifests, refused as an apply would be), start (apply,
 * then roll out to the deployed bots whose config changed), roll back, discard. One rollout or
 * rollback runs at a time; it runs in the background and reports by `changeset.changed`.
 */
export interface ChangeSetDeps {
  db: Db;
  mutate: Mutator;
  clock: Clock;
  log: Logger;
  actor: string;
  manifests: ManifestService;
  deploy(botId: string): Promise<unknown>;
  /** Asks an ECS bot's service for its state (the gate calls it while it waits). */
  refresh(botId: string): Promise<unknown>;
  onRuntime(listener: (botId: string) => void): () => void;
  alert(a: AlertInput): void;
  timers?: Timers;
  concurrency?: number;
}

/** What an active change set is doing, for messages. */
const underWay = (cs: ChangeSet) => (cs.status === 'rolling-out' ? 'rolling out' : 'rolling back');

export function createChangeSetService(deps: ChangeSetDeps) {
  const stop = new AbortController();
  let running: Promise<void> | null = null;
  const timers = deps.timers ?? realTimers;
  const runtime = (botId: string): BotRuntime | null => getRuntime(deps.db, botId);

  /** Writes the change set in `tx`, audits it when `action` is given, and pushes it. */
  function record(tx: Tx, cs: ChangeSet, action?: string): void {
    saveChangeSet(tx.db, cs);
    if (action)
      tx.audit({
        action,
        resourceType: 'changeset',
        resourceId: cs.id,
        before: null,
        after: { title: cs.title, status: cs.status, failure: cs.failure },
      });
    tx.emit('changeset.changed', structuredClone(infoOf(cs)));
  }

  function save(cs: ChangeSet, action?: string): void {
    if (!stop.signal.aborted) deps.mutate((tx) => record(tx, cs, action));
  }

  const runner = createRunner({
    deploy: deps.deploy,
    gate: (botId, o) =>
      healthGate(
        {
          runtime,
          onRuntime: deps.onRuntime,
          // Local bots report by themselves; an ECS service is asked while the gate waits.
          ...(runtime(botId)?.target === 'ecs' ? { refresh: deps.refresh } : {}),
          timers,
        },
        botId,
        o,
      ),
    restore: (cs) => deps.manifests.restore(restoreItems(deps.db, cs), `rollback of ${cs.title}`),
    skipReason: (botId) => skipReason(deps.db, botId),
    save,
    alert: deps.alert,
    now: () => deps.clock.now().toISOString(),
    concurrency: deps.concurrency ?? 3,
  });

  /** Runs a rollout or rollback in the background; an unexpected error ends it failed, never stuck. */
  function launch(cs: ChangeSet, work: (signal: AbortSignal) => Promise<void>): void {
    const p: Promise<void> = work(stop.signal)
      .catch((e: unknown) => {
        deps.log.error('a rollout stopped on an error', { changeSetId: cs.id, error: String(e) });
        if (stop.signal.aborted) return;
        cs.status = 'failed';
        cs.finishedAt = deps.clock.now().toISOString();
        cs.failure = `The rollout stopped on an unexpected error (${e instanceof Error ? e.message : String(e)}). Roll it back to finish.`;
        try {
          save(cs, 'changeset.fail');
        } catch (again) {
          deps.log.error('recording a failed rollout failed', { changeSetId: cs.id, error: String(again) });
        }
      })
      .finally(() => {
        if (running === p) running = null;
      });
    running = p;
  }

  function requireIdle(): void {
    const active = activeChangeSets(deps.db)[0];
    if (active)
      throw new AppError(
        'CONFLICT',
        `Change set "${active.title}" is ${underWay(active)}. Wait for it to finish.`,
      );
  }

  /** Desired config hash of every bot with a Bot manifest. */
  function desiredHashes(): Map<string, string | null> {
    return new Map(
      deps.manifests.resolveAllBots().map((b) => [b.botId, b.resolved ? configHash(b.resolved.state) : null]),
    );
  }

  return {
    list: () => listChangeSets(deps.db),
    get: (p: Params<'changeset.get'>) => getChangeSet(deps.db, p.id),

    create(p: Params<'changeset.create'>): ChangeSet {
      const plan = deps.manifests.apply({ files: p.files, dryRun: true });
      const created = plan.bots.find((b) => b.action === 'create');
      if (created)
        throw new AppError(
          'PRECONDITION',
          `Change sets change existing bots, and ${created.fleetName}/${created.name} does not exist yet. Create it with Apply first; nothing was saved.`,
        );
      if (plan.refusals.length > 0) {
        const more = plan.refusals.length > 1 ? ` (and ${plan.refusals.length - 1} more)` : '';
        throw new AppError(
          'PRECONDITION',
          `This change would be refused: ${plan.refusals[0]}${more}. Nothing was saved.`,
          undefined,
          { plan },
        );
      }
      const changes = plan.manifests.filter((m) => m.action !== 'unchanged');
      if (changes.length === 0)
        throw new AppError(
          'VALIDATION',
          'Nothing to change: every manifest in these files is already as given.',
        );
      changeSetRefs(deps.db, p.files); // refuses what a change set cannot roll back
      return deps.mutate((tx) => {
        const cs: ChangeSet = {
          id: tx.newId(),
          title: p.title,
          description: p.description,
          status: 'draft',
          strategy: p.strategy,
          healthTimeoutSec: p.healthTimeoutSec,
          bakeSec: p.bakeSec,
          files: p.files,
          changes,
          botsChanged: plan.botsChanged,
          manifests: [],
          bots: [],
          failure: null,
          actor: deps.actor,
          createdAt: tx.now,
          startedAt: null,
          finishedAt: null,
        };
        insertChangeSet(tx.db, cs);
        tx.audit({
          action: 'changeset.create',
          resourceType: 'changeset',
          resourceId: cs.id,
          before: null,
          after: {
            title: cs.title,
            strategy: cs.strategy,
            changes: changes.map((c) => `${c.kind}/${c.name}`),
          },
        });
        tx.emit('changeset.changed', infoOf(cs));
        return cs;
      });
    },

    start(p: Params<'changeset.start'>): ChangeSet {
      const cs = getChangeSet(deps.db, p.id);
      if (cs.status !== 'draft')
        throw new AppError('CONFLICT', `This change set is ${cs.status}; only a draft can be started.`);
      requireIdle();
      // One transaction: the manifests change and the change set records it, or neither happens.
      deps.mutate((tx) => {
        const refs = changeSetRefs(tx.db, cs.files);
        const before = versionsOf(tx.db, refs);
        const hashesBefore = desiredHashes();
        const applied = deps.manifests.applyIn(tx, cs.files);
        const changes = applied.manifests.filter((m) => m.action !== 'unchanged');
        if (changes.length === 0)
          throw new AppError(
            'CONFLICT',
            'The manifests are already as this change set would make them (the same change was applied since it was created). There is nothing to roll out: discard this draft.',
          );
        const after = versionsOf(tx.db, refs);
        cs.changes = changes;
        cs.botsChanged = applied.botsChanged;
        cs.bots = rolloutBots(tx.db, hashesBefore, desiredHashes(), cs.strategy, tx.now);
        cs.manifests = refs.map((r, i) => ({
          ref: r.ref,
          label: r.label,
          before: before[i] ?? null,
          after: after[i] ?? null,
        }));
        cs.startedAt = tx.now;
        const any = cs.bots.some((b) => b.status === 'pending');
        cs.status = any ? 'rolling-out' : 'completed';
        if (!any) cs.finishedAt = tx.now;
        record(tx, cs, 'changeset.start');
      });
      const result = structuredClone(cs);
      if (result.status === 'rolling-out') launch(cs, (signal) => runner.rollout(cs, signal));
      return result;
    },

    /** Refuses a change to manifests the running rollout is changing (manifest apply and delete call it). */
    guardManifests(keys: readonly string[]): void {
      const active = activeChangeSets(deps.db)[0];
      const touched = active?.manifests.find((m) => keys.includes(keyOf(m.ref)));
      if (active && touched)
        throw new AppError(
          'CONFLICT',
          `Change set "${active.title}" is ${underWay(active)} a change to ${touched.label}. Wait for it to finish before changing it.`,
        );
    },

    rollback(p: Params<'changeset.rollback'>): ChangeSet {
      const cs = getChangeSet(deps.db, p.id);
      if (cs.status !== 'completed' && cs.status !== 'failed')
        throw new AppError(
          'CONFLICT',
          `This change set is ${cs.status}; only a completed or failed one can be rolled back.`,
        );
      requireIdle();
      restoreItems(deps.db, cs); // refuses (CONFLICT) when a later change touched the same manifests
      cs.status = 'rolling-back';
      cs.failure = null;
      cs.finishedAt = null;
      save(cs, 'changeset.rollback');
      const result = structuredClone(cs);
      launch(cs, (signal) => runner.rollback(cs, signal));
      return result;
    },

    discard(p: Params<'changeset.discard'>): ChangeSet {
      const cs = getChangeSet(deps.db, p.id);
      if (cs.status !== 'draft')
        throw new AppError('CONFLICT', `This change set is ${cs.status}; only a draft can be discarded.`);
      cs.status = 'discarded';
      cs.finishedAt = deps.clock.now().toISOString();
      save(cs, 'changeset.discard');
      return cs;
    },

    /** At start: a rollout the last run of Clawster left unfinished is marked failed, to be rolled back. */
    recover(): void {
      for (const cs of activeChangeSets(deps.db)) {
        const now = deps.clock.now().toISOString();
        cs.bots = cs.bots.map((b) =>
          b.status === 'pending'
            ? { ...b, status: 'skipped', message: 'not reached: Clawster stopped', updatedAt: now }
            : b.status === 'updating'
              ? { ...b, status: 'failed', message: 'interrupted: Clawster stopped', updatedAt: now }
              : b,
        );
        cs.failure = `Clawster stopped while this change set was ${underWay(cs)}. Roll it back to finish.`;
        cs.status = 'failed';
        cs.finishedAt = now;
        save(cs, 'changeset.interrupted');
      }
    },

    /** Lets the background rollout settle (tests). */
    idle: (): Promise<void> => running ?? Promise.resolve(),

    close(): void {
      stop.abort();
    },
  };
}
export type ChangeSetService = ReturnType<typeof createChangeSetService>;
