import { AppError } from '../../shared/contract/errors.ts';
import type { ChangeSet } from '../../shared/domain/changeset.ts';
import { nameKey } from '../../shared/domain/common.ts';
import type { ManifestRef } from '../../shared/domain/manifest.ts';
import { parseManifestFiles } from '../../shared/manifests/codec.ts';
import type { RestoreItem } from '../manifests/manifest-restore.ts';
import { botNameKey, keyOf, loadState, versionRowOf } from '../manifests/manifest-state.ts';
import type { Db } from '../store/database.ts';

/** The manifests a change set writes, and their versions before and after it: what a rollback restores. */
export interface ChangeSetRef {
  ref: ManifestRef;
  label: string;
}

/** The store refs of the manifests in `files`; a Bot manifest must name an existing bot. */
export function changeSetRefs(db: Db, files: readonly { name: string; text: string }[]): ChangeSetRef[] {
  const state = loadState(db);
  const out: ChangeSetRef[] = [];
  for (const { manifest: m } of parseManifestFiles(files).manifests) {
    if (m.kind !== 'Bot') {
      out.push({ ref: { kind: m.kind, name: m.metadata.name }, label: `${m.kind}/${m.metadata.name}` });
      continue;
    }
    const fleet = state.fleetsByKey.get(nameKey(m.metadata.fleet));
    const bot = fleet ? state.botsByName.get(botNameKey(fleet.id, m.metadata.name)) : undefined;
    if (!bot)
      throw new AppError(
        'PRECONDITION',
        `Change sets change existing bots, and ${m.metadata.fleet}/${m.metadata.name} does not exist. Create it first; nothing was changed.`,
      );
    out.push({ ref: { kind: 'Bot', botId: bot.id }, label: `Bot/${m.metadata.fleet}/${m.metadata.name}` });
  }
  return out;
}

/** The current version of each manifest (null: it does not exist). */
export function versionsOf(db: Db, refs: readonly ChangeSetRef[]): (number | null)[] {
  const state = loadState(db);
  return refs.map((r) => state.stored.get(keyOf(r.ref))?.version ?? null);
}

function hashAt(db: Db, ref: ManifestRef, version: number | null): string | null {
  if (version === null) return null;
  const row = versionRowOf(db, ref, version);
  return row && row.doc !== null ? row.hash : null;
}

/**
 * What a rollback of `cs` restores: each manifest it changed that still holds what it wrote goes
 * back to its version from before (one already back is left alone). A manifest changed since by
 * someone else refuses the rollback: undoing that change is the operator's call.
 */
export function restoreItems(db: Db, cs: ChangeSet): RestoreItem[] {
  const state = loadState(db);
  const items: RestoreItem[] = [];
  for (const m of cs.manifests) {
    if (m.before === m.after) continue;
    const current = state.stored.get(keyOf(m.ref))?.hash ?? null;
    if (current === hashAt(db, m.ref, m.before)) continue;
    if (current !== hashAt(db, m.ref, m.after)) {
      const now = state.stored.get(keyOf(m.ref))?.version;
      throw new AppError(
        'CONFLICT',
        `${m.label} was changed after this change set (it wrote version ${m.after}; it is ${now === undefined ? 'deleted' : `at version ${now}`} now). Roll back or undo that change first.`,
      );
    }
    items.push({ ref: m.ref, version: m.before });
  }
  return items;
}
