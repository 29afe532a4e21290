import { z } from 'zod';
import { isPlainObject, type JsonObject, type JsonValue, jsonObjectSchema } from '../config/json.ts';
import { mergeStrategies } from '../config/merge.ts';
import { type PathSegment, parsePath } from '../config/paths.ts';
import { isSecretRef, secretRefSchema } from '../config/secrets.ts';
import { openclawIssues } from '../config/validate.ts';
import { nameKey, nameSchema, tagSchema, tagsSchema } from '../domain/common.ts';
import { environmentSchema } from '../domain/fleet.ts';

/**
 * Manifests: `apiVersion: clawster.dev/v1`, kinds Template, Profile, Overlay and Bot. The
 * manifest structure is strict (a misspelt field is an error); the `config` fragments inside
 * are OpenClaw config, checked against the OpenClaw model but passed through untouched.
 * `null` in a fragment removes that key from what earlier layers set.
 */
export const API_VERSION = 'clawster.dev/v1';
export const manifestKinds = ['Template', 'Profile', 'Overlay', 'Bot'] as const;
export type ManifestKind = (typeof manifestKinds)[number];

/** Names that other manifests refer to (templates, profiles, overlays). */
export const refNameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,62}$/,
    'Use 1 to 63 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

const labelKey = z
  .string()
  .regex(/^(?:[a-z0-9.-]{1,253}\/)?[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/, 'Invalid label key');
const labelsSchema = z
  .record(labelKey, z.string().max(63, 'Label values must be at most 63 characters'))
  .refine((l) => Object.keys(l).length <= 64, 'At most 64 labels');

/** A path into a bot's desired state: it starts with `config` (openclaw.json) or `installs`. */
export const statePathSchema = z.string().superRefine((p, ctx) => {
  const segments = parsePath(p);
  if (segments === null) ctx.addIssue({ code: 'custom', message: `"${p}" is not a valid path` });
  else if (segments[0] !== 'config' && segments[0] !== 'installs')
    ctx.addIssue({ code: 'custom', message: `"${p}" must start with "config." or "installs."` });
});

const strategiesSchema = z.record(statePathSchema, z.enum(mergeStrategies));

const MAX_DEPTH = 32;

/** A config fragment: any JSON object the OpenClaw model accepts (nulls mark removals). */
export const configFragmentSchema = jsonObjectSchema.superRefine((fragment, ctx) => {
  checkFragmentShape(fragment, [], ctx);
  for (const i of openclawIssues(withoutNulls(fragment)))
    ctx.addIssue({ code: 'custom', path: i.rel, message: i.message });
});

function checkFragmentShape(value: JsonValue, path: PathSegment[], ctx: z.RefinementCtx): void {
  if (path.length > MAX_DEPTH) {
    ctx.addIssue({ code: 'custom', path, message: `Nested deeper than ${MAX_DEPTH} levels` });
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkFragmentShape(value[i] ?? null, [...path, i], ctx);
    return;
  }
  if (!isPlainObject(value)) return;
  if (isSecretRef(value) || Object.hasOwn(value, '$secret')) {
    const r = secretRefSchema.safeParse(value);
    if (!r.success)
      for (const i of r.error.issues)
        ctx.addIssue({ code: 'custom', path: [...path, ...keyPath(i.path)], message: i.message });
    return;
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__')
      ctx.addIssue({ code: 'custom', path: [...path, key], message: 'The key "__proto__" is not allowed' });
    else checkFragmentShape(value[key] ?? null, [...path, key], ctx);
  }
}

function keyPath(path: readonly PropertyKey[]): PathSegment[] {
  return path.filter((p): p is PathSegment => typeof p === 'string' || typeof p === 'number');
}

function withoutNulls(value: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null) continue;
    out[k] = isPlainObject(v) ? withoutNulls(v) : v;
  }
  return out;
}

/** A pinned skill or plugin: the package spec, its exact version and integrity hash. */
const pinFields = {
  source: z.enum(['npm', 'clawhub', 'git', 'archive']).nullable().optional(),
  spec: z.string().min(1).max(512).nullable().optional(),
  version: z.string().min(1).max(64).nullable().optional(),
  integrity: z.string().min(1).max(256).nullable().optional(),
};
const pinId = z.string().regex(/^[A-Za-z0-9@][A-Za-z0-9@/._-]{0,127}$/, 'Invalid skill or plugin id');
/** Pins for the skills and plugins a bot installs (Clawster installs them; OpenClaw config does not hold them). */
export const installsFragmentSchema = z.strictObject({
  plugins: z.record(pinId, z.strictObject(pinFields).nullable()).optional(),
  skills: z.record(pinId, z.strictObject(pinFields).nullable()).optional(),
});
export type InstallsFragment = z.infer<typeof installsFragmentSchema>;

const layerSpec = {
  description: z.string().max(2000).optional(),
  config: configFragmentSchema.default({}),
  installs: installsFragmentSchema.optional(),
  strategies: strategiesSchema.optional(),
};

const baseMetadata = {
  name: refNameSchema,
  labels: labelsSchema.optional(),
  tags: tagsSchema.optional(),
};

const header = <K extends ManifestKind>(kind: K) => ({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal(kind),
});

export const templateManifestSchema = z.strictObject({
  ...header('Template'),
  metadata: z.strictObject(baseMetadata),
  spec: z.strictObject(layerSpec),
});

export const profileManifestSchema = z.strictObject({
  ...header('Profile'),
  metadata: z.strictObject(baseMetadata),
  spec: z.strictObject({ ...layerSpec, locks: z.array(statePathSchema).max(256).optional() }),
});

export const selectorSchema = z.strictObject({
  fleets: z.array(nameSchema).optional(),
  environments: z.array(environmentSchema).optional(),
  /** A bot matches when it carries every tag listed. */
  tags: z.array(tagSchema).optional(),
});
export type Selector = z.infer<typeof selectorSchema>;

export const overlayManifestSchema = z.strictObject({
  ...header('Overlay'),
  metadata: z.strictObject(baseMetadata),
  spec: z.strictObject({
    ...layerSpec,
    selector: selectorSchema,
    /** Lower priorities apply first; a higher priority wins. Ties apply in name order. */
    priority: z.number().int().min(-1000).max(1000).default(0),
  }),
});

/** An OpenClaw release: calendar versions such as 2026.9.6, 2026.3.13-1 or 2026.4.12-beta.1. */
export const openclawVersionSchema = z
  .string()
  .regex(
    /^\d{4}\.\d{1,2}\.\d{1,3}(?:-(?:\d+|(?:alpha|beta|rc)\.\d+))?$/,
    'Use an OpenClaw version such as 2026.9.6',
  );

export const botManifestSchema = z.strictObject({
  ...header('Bot'),
  metadata: z.strictObject({
    name: nameSchema,
    fleet: nameSchema,
    environment: environmentSchema.optional(),
    labels: labelsSchema.optional(),
    tags: tagsSchema.optional(),
  }),
  spec: z.strictObject({
    template: refNameSchema,
    profile: refNameSchema.optional(),
    /** Overlays applied to this bot whatever their selectors say. */
    overlays: z.array(refNameSchema).max(64).optional(),
    overrides: z
      .strictObject({
        config: configFragmentSchema.optional(),
        installs: installsFragmentSchema.optional(),
        strategies: strategiesSchema.optional(),
      })
      .optional(),
    openclawVersion: openclawVersionSchema.optional(),
  }),
});

export const manifestSchema = z.discriminatedUnion('kind', [
  templateManifestSchema,
  profileManifestSchema,
  overlayManifestSchema,
  botManifestSchema,
]);

export type TemplateManifest = z.infer<typeof templateManifestSchema>;
export type ProfileManifest = z.infer<typeof profileManifestSchema>;
export type OverlayManifest = z.infer<typeof overlayManifestSchema>;
export type BotManifest = z.infer<typeof botManifestSchema>;
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestInput = z.input<typeof manifestSchema>;

/** The identity of a manifest: `Kind/name`; bots are scoped by fleet and compared case-insensitively. */
export function manifestKey(m: Manifest): string {
  return m.kind === 'Bot'
    ? `Bot/${nameKey(m.metadata.fleet)}/${nameKey(m.metadata.name)}`
    : `${m.kind}/${m.metadata.name}`;
}
