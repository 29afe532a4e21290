import { and, asc, eq, max } from 'drizzle-orm';
import { builtinTemplates } from '../../shared/config/builtin-templates.ts';
import { configHash } from '../../shared/config/hash.ts';
import type { ManifestCatalog } from '../../shared/config/resolve.ts';
import { AppError } from '../../shared/contract/errors.ts';
import { nameKey } from '../../shared/domain/common.ts';
import type { Environment } from '../../shared/domain/fleet.ts';
import type { ManifestRef } from '../../shared/domain/manifest.ts';
import { normalizeManifest } from '../../shared/manifests/normalize.ts';
import {
  type BotManifest,
  type Manifest,
  manifestSchema,
  type OverlayManifest,
  type ProfileManifest,
  type TemplateManifest,
} from '../../shared/manifests/schema.ts';
import type { Db } from '../store/database.ts';
import { bots, fleets, manifests, manifestVersions } from '../store/schema.ts';

/**
 * Everything the manifest requests read, loaded at once (no per-bot queries): the fleets, the
 * bots, and the stored manifests, with each Bot manifest's name, fleet, environment and tags
 * taken from its bot and fleet (they are never a second source of truth).
 */
export interface FleetInfo {
  id: string;
  name: string;
  environment: Environment;
}

export interface BotInfo {
  id: string;
  fleetId: string;
  name: string;
  tags: string[];
}

export interface StoredManifest {
  key: string;
  manifest: Manifest;
  version: number;
  hash: string;
  botId: string | null;
  updatedAt: string;
  updatedBy: string;
}

export interface ManifestState {
  fleets: Map<string, FleetInfo>;
  fleetsByKey: Map<string, FleetInfo>;
  bots: Map<string, BotInfo>;
  /** `fleetId/nameKey` → bot. */
  botsByName: Map<string, BotInfo>;
  /** Stored manifests by key (`Kind/name`, `Bot/<botId>`). */
  stored: Map<string, StoredManifest>;
  /** The last version a key ever had (0: never stored); a deleted manifest created again goes on from it. */
  lastVersion(key: string): number;
}

export const builtinNames: ReadonlySet<string> = new Set(builtinTemplates.map((t) => t.metadata.name));

export const botNameKey = (fleetId: string, name: string): string => `${fleetId}/${nameKey(name)}`;

/** The key of a manifest in the store. */
export function storeKey(kind: Manifest['kind'], nameOrBotId: string): string {
  return `${kind}/${nameOrBotId}`;
}

/** The last version `key` ever had, deletions included (0: never stored). */
export function lastVersionOf(db: Db, key: string): number {
  return (
    db
      .select({ v: max(manifestVersions.version) })
      .from(manifestVersions)
      .where(eq(manifestVersions.key, key))
      .get()?.v ?? 0
  );
}

export const keyOf = (ref: ManifestRef): string =>
  ref.kind === 'Bot' ? storeKey('Bot', ref.botId) : storeKey(ref.kind, ref.name);

/** The stored row of one version: its document (null for a deletion) and hash. */
export function versionRowOf(
  db: Db,
  ref: ManifestRef,
  version: number,
): { doc: unknown; hash: string } | undefined {
  return db
    .select({ doc: manifestVersions.doc, hash: manifestVersions.hash })
    .from(manifestVersions)
    .where(and(eq(manifestVersions.key, keyOf(ref)), eq(manifestVersions.version, version)))
    .get();
}

/** One stored version of a manifest; null when that version records its deletion. */
export function versionDocOf(db: Db, ref: ManifestRef, version: number): Manifest | null {
  const row = versionRowOf(db, ref, version);
  if (!row) throw new AppError('NOT_FOUND', `There is no version ${version} of this manifest.`);
  if (row.doc === null) return null;
  const parsed = manifestSchema.safeParse(row.doc);
  if (!parsed.success)
    throw new AppError(
      'INTERNAL',
      `Version ${version} of ${keyOf(ref)} cannot be read by this version of Clawster (${parsed.error.issues[0]?.message ?? 'invalid'}).`,
    );
  return parsed.data;
}

/** A Bot manifest with its metadata from the bot and fleet rows (labels are the manifest's own). */
export function withBotMetadata(m: BotManifest, bot: BotInfo, fleet: FleetInfo): BotManifest {
  const metadata: BotManifest['metadata'] = {
    name: bot.name,
    fleet: fleet.name,
    environment: fleet.environment,
  };
  if (m.metadata.labels) metadata.labels = m.metadata.labels;
  if (bot.tags.length > 0) metadata.tags = bot.tags;
  return normalizeBot({ ...m, metadata });
}

function normalizeBot(m: BotManifest): BotManifest {
  const n = normalizeManifest(m);
  return n.kind === 'Bot' ? n : m;
}

/** The hash a manifest is versioned by: of its normalized form. */
export function manifestHash(m: Manifest): string {
  return configHash(normalizeManifest(m));
}

export function loadState(db: Db): ManifestState {
  const fleetRows = db
    .select({ id: fleets.id, name: fleets.name, environment: fleets.environment })
    .from(fleets)
    .all();
  const fleetMap = new Map(fleetRows.map((f) => [f.id, f]));
  const botRows = db
    .select({ id: bots.id, fleetId: bots.fleetId, name: bots.name, tags: bots.tags })
    .from(bots)
    .all();
  const botMap = new Map(botRows.map((b) => [b.id, b]));
  const stored = new Map<string, StoredManifest>();
  for (const row of db.select().from(manifests).orderBy(asc(manifests.key)).all()) {
    const parsed = manifestSchema.safeParse(row.doc);
    if (!parsed.success) continue; // written by this build, so always valid; never crash a read on it
    let manifest: Manifest = parsed.data;
    if (manifest.kind === 'Bot') {
      const bot = row.botId ? botMap.get(row.botId) : undefined;
      const fleet = bot ? fleetMap.get(bot.fleetId) : undefined;
      if (!bot || !fleet) continue;
      manifest = withBotMetadata(manifest, bot, fleet);
    }
    stored.set(row.key, {
      key: row.key,
      manifest,
      version: row.version,
      hash: row.hash,
      botId: row.botId,
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
    });
  }
  return {
    fleets: fleetMap,
    fleetsByKey: new Map(fleetRows.map((f) => [nameKey(f.name), f])),
    bots: botMap,
    botsByName: new Map(botRows.map((b) => [botNameKey(b.fleetId, b.name), b])),
    stored,
    lastVersion: (key) => stored.get(key)?.version ?? lastVersionOf(db, key),
  };
}

/** The templates, profiles and overlays of the store plus the built-in templates. */
export function catalogOf(stored: Iterable<Manifest>): ManifestCatalog {
  const templates: TemplateManifest[] = [...builtinTemplates];
  const profiles: ProfileManifest[] = [];
  const overlays: OverlayManifest[] = [];
  for (const m of stored) {
    if (m.kind === 'Template') templates.push(m);
    else if (m.kind === 'Profile') profiles.push(m);
    else if (m.kind === 'Overlay') overlays.push(m);
  }
  return { templates, profiles, overlays };
}
