import type { ManifestRef } from '../../shared/domain/manifest.ts';
import { serializeManifests } from '../../shared/manifests/codec.ts';
import type { Manifest } from '../../shared/manifests/schema.ts';
import { retagBot } from '../bots/bot-service.ts';
import { activeExceptions } from '../policy/exception-store.ts';
import type { Tx } from '../store/unit-of-work.ts';
import { planApply } from './apply-plan.ts';
import { keyOf, loadState, versionDocOf, withBotMetadata } from './manifest-state.ts';
import { deleteManifest, writePlan } from './manifest-writer.ts';
import { refused, refuseIfUsed } from './refusals.ts';

/** A manifest to bring back to `version`; null: it did not exist then, so it is deleted. */
export interface RestoreItem {
  ref: ManifestRef;
  version: number | null;
}

/**
 * Puts manifests back as they were at earlier versions, in the caller's transaction: the old
 * documents are applied again as new versions (through the same plan and policy gate as any
 * apply), then the manifests that did not exist are deleted (refused while bots still use
 * them). All or nothing.
 */
export function restoreManifests(tx: Tx, items: readonly RestoreItem[], source: string, actor: string): void {
  const old = items.map((item) => ({
    ref: item.ref,
    doc: item.version === null ? null : versionDocOf(tx.db, item.ref, item.version),
  }));
  // A bot's tags (they select overlays) go back first, to what its old version had: a manifest
  // cannot say "no tags" (it leaves them as they are), so they are set on the bot directly.
  const bots = loadState(tx.db).bots;
  for (const { ref, doc } of old)
    if (ref.kind === 'Bot' && doc?.kind === 'Bot' && bots.has(ref.botId))
      retagBot(tx, ref.botId, doc.metadata.tags ?? []);
  const state = loadState(tx.db);
  const docs: Manifest[] = [];
  const removals: ManifestRef[] = [];
  for (const { ref, doc } of old) {
    if (doc === null) {
      removals.push(ref);
      continue;
    }
    if (doc.kind === 'Bot' && ref.kind === 'Bot') {
      // Its name and fleet come from its rows (it may have been renamed since).
      const bot = state.bots.get(ref.botId);
      const fleet = bot ? state.fleets.get(bot.fleetId) : undefined;
      docs.push(bot && fleet ? withBotMetadata(doc, bot, fleet) : doc);
    } else docs.push(doc);
  }
  if (docs.length > 0) {
    const plan = planApply(state, [{ name: source, text: serializeManifests(docs) }], {
      dryRun: false,
      exceptions: activeExceptions(tx.db),
      now: tx.now,
    });
    if (plan.result.refusals.length > 0) throw refused(plan.result);
    writePlan(tx, plan, actor);
  }
  for (const ref of removals) {
    const now = loadState(tx.db);
    const before = now.stored.get(keyOf(ref));
    if (!before) continue;
    if (ref.kind !== 'Bot') refuseIfUsed(now, ref);
    deleteManifest(tx, ref, before, actor);
  }
}
