import { eq } from 'drizzle-orm';
import { nameKey } from '../../shared/domain/common.ts';
import type { ManifestRef } from '../../shared/domain/manifest.ts';
import type { Manifest } from '../../shared/manifests/schema.ts';
import { insertBot, retagBot } from '../bots/bot-service.ts';
import { emitFleetUpdated, insertFleet } from '../fleets/fleet-service.ts';
import { manifests, manifestVersions } from '../store/schema.ts';
import type { Tx } from '../store/unit-of-work.ts';
import type { Plan } from './apply-plan.ts';
import { manifestHash, type StoredManifest, storeKey, withBotMetadata } from './manifest-state.ts';

/** Writes an apply that nothing refused: new fleets and bots first, then each changed manifest with its version. */
export function writePlan(tx: Tx, plan: Plan, actor: string): void {
  const fleetIds = new Map<string, string>();
  for (const f of plan.newFleets) {
    const created = insertFleet(tx, {
      name: f.name,
      environment: f.environment,
      tags: [],
      description: '',
      driftMode: 'notify',
      target: 'local',
    });
    fleetIds.set(f.id, created.id);
  }
  const touchedFleets = new Set<string>();
  for (const p of plan.manifests) {
    if (p.manifest.kind !== 'Bot' || !p.bot) {
      if (p.action !== 'unchanged') writeManifest(tx, p.key, p.manifest, p.version, p.before, actor, null);
      continue;
    }
    let botId = p.bot.botId;
    let manifest = p.manifest;
    if (botId === undefined) {
      const fleetId = fleetIds.get(p.bot.fleetId) ?? p.bot.fleetId;
      const bot = insertBot(tx, {
        id: tx.newId(),
        fleetId,
        name: p.bot.name,
        nameKey: nameKey(p.bot.name),
        tags: p.bot.tags ?? [],
        createdAt: tx.now,
        updatedAt: tx.now,
        gatewayUrl: null,
        gatewayTokenRef: null,
      });
      botId = bot.id;
      touchedFleets.add(fleetId);
      manifest = withBotMetadata(p.manifest, bot, {
        id: fleetId,
        name: p.manifest.metadata.fleet,
        environment: p.manifest.metadata.environment ?? 'dev',
      });
    } else if (p.bot.tags !== undefined) retagBot(tx, botId, p.bot.tags);
    if (p.action !== 'unchanged')
      writeManifest(tx, storeKey('Bot', botId), manifest, p.version, p.before, actor, botId);
  }
  for (const fleetId of touchedFleets) emitFleetUpdated(tx, fleetId);
}

function writeManifest(
  tx: Tx,
  key: string,
  manifest: Manifest,
  /** The plan's version (a manifest deleted earlier and created again goes on from its last one). */
  version: number,
  before: StoredManifest | undefined,
  actor: string,
  botId: string | null,
): void {
  const hash = manifestHash(manifest);
  const name = manifest.metadata.name;
  if (before)
    tx.db
      .update(manifests)
      .set({ version, doc: manifest, hash, updatedAt: tx.now, updatedBy: actor })
      .where(eq(manifests.key, key))
      .run();
  else
    tx.db
      .insert(manifests)
      .values({
        key,
        kind: manifest.kind,
        name,
        botId,
        version,
        doc: manifest,
        hash,
        createdAt: tx.now,
        updatedAt: tx.now,
        updatedBy: actor,
      })
      .run();
  appendVersion(tx, { key, version, kind: manifest.kind, name, botId, doc: manifest, hash, actor });
  tx.audit({
    action: 'manifest.apply',
    resourceType: 'manifest',
    resourceId: key,
    before: before ? { version: before.version, manifest: before.manifest } : null,
    after: { version, manifest },
  });
  tx.emit('manifest.changed', {
    kind: manifest.kind,
    name,
    ...(botId ? { botId } : {}),
    version,
    deleted: false,
  });
}

function appendVersion(
  tx: Tx,
  v: {
    key: string;
    version: number;
    kind: string;
    name: string;
    botId: string | null;
    doc: Manifest | null;
    hash: string;
    actor: string;
  },
): void {
  tx.db
    .insert(manifestVersions)
    .values({ ...v, createdAt: tx.now })
    .run();
}

/** Deletes a stored manifest: a last version records the deletion, and the audit log has it. */
export function deleteManifest(tx: Tx, ref: ManifestRef, before: StoredManifest, actor: string): number {
  const version = before.version + 1;
  tx.db.delete(manifests).where(eq(manifests.key, before.key)).run();
  const name = before.manifest.metadata.name;
  const botId = ref.kind === 'Bot' ? ref.botId : null;
  appendVersion(tx, {
    key: before.key,
    version,
    kind: ref.kind,
    name,
    botId,
    doc: null,
    hash: before.hash,
    actor,
  });
  tx.audit({
    action: 'manifest.delete',
    resourceType: 'manifest',
    resourceId: before.key,
    before: { version: before.version, manifest: before.manifest },
    after: null,
  });
  tx.emit('manifest.changed', { kind: ref.kind, name, ...(botId ? { botId } : {}), version, deleted: true });
  return version;
}
