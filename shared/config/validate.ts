import { z } from 'zod';
import type { Issue } from '../contract/errors.ts';
import { isPlainObject } from './json.ts';
import { openclawSections } from './openclaw-model.ts';
import { extendPath, type PathSegment } from './paths.ts';
import { isShared } from './sharing.ts';

/**
 * Checks a resolved `openclaw.json` against the OpenClaw model (openclaw-model.ts). The zod
 * schemas are walked object by object and results are memoised: shared objects (sharing.ts) by
 * identity, primitives by value. Resolved configs share unchanged subtrees (structural sharing),
 * so checking 10,000 bots re-checks only the few objects each bot's overrides created. Unions, enums and
 * scalars are checked by zod itself, so messages are zod's. Issue paths are full paths
 * (`config.gateway.port`). Validation only reads: it never rewrites or drops a key.
 */
type Schema = z.core.$ZodType;

/** An issue with its path relative to the checked value. */
export interface RelIssue {
  rel: PathSegment[];
  message: string;
}

const EMPTY: readonly RelIssue[] = [];
const objectMemo = new WeakMap<object, { schema: Schema; issues: readonly RelIssue[] }>();
const primitiveMemo = new Map<Schema, Map<unknown, readonly RelIssue[]>>();
const PRIMITIVE_MEMO_LIMIT = 4096;
const sections: Readonly<Record<string, Schema>> = Object.assign(Object.create(null), openclawSections);

export function validateOpenclawConfig(config: unknown, root = 'config'): Issue[] {
  return format(openclawIssues(config), root);
}

function format(issues: readonly RelIssue[], root: string): Issue[] {
  if (issues.length === 0) return [];
  return issues
    .map((i) => ({ path: extendPath(root, i.rel) || '(root)', message: i.message }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const rootMemo = new WeakMap<object, readonly RelIssue[]>();
const NO_ISSUES: readonly RelIssue[] = Object.freeze([]);

/** The model's issues with `config`, paths relative to the config root. */
export function openclawIssues(config: unknown): readonly RelIssue[] {
  if (!isPlainObject(config)) return [{ rel: [], message: 'The OpenClaw config must be an object' }];
  const hit = rootMemo.get(config);
  if (hit) return hit;
  const issues = rootIssues(config);
  if (isShared(config)) rootMemo.set(config, issues);
  return issues;
}

function rootIssues(config: Record<string, unknown>): readonly RelIssue[] {
  let out: RelIssue[] | null = null;
  for (const key in config) {
    const schema = sections[key];
    if (schema === undefined || !Object.hasOwn(config, key)) continue;
    const found = check(schema, config[key]);
    if (found.length === 0) continue;
    out ??= [];
    for (const i of found) out.push({ rel: [key, ...i.rel], message: i.message });
  }
  return out ?? NO_ISSUES;
}

/** The issues zod would find with `value` against any `schema`, found by the same walk (for tests). */
export function schemaIssues(schema: Schema, value: unknown): readonly RelIssue[] {
  return check(schema, value);
}

function check(schema: Schema, value: unknown): readonly RelIssue[] {
  const def = schema._zod.def;
  if (def.type === 'optional') {
    return value === undefined ? EMPTY : check((def as z.core.$ZodOptionalDef).innerType, value);
  }
  if (typeof value !== 'object' || value === null) return checkPrimitive(schema, value);
  // Only shared objects are ever stored: one lookup for them, a second only for a bot's own objects.
  const hit = objectMemo.get(value);
  if (hit && hit.schema === schema) return hit.issues;
  const shared = hit === undefined && isShared(value);
  let issues: readonly RelIssue[];
  if (def.type === 'object' && isPlainObject(value) && !hasChecks(def) && !isStrict(def)) {
    issues = checkObject(schema, def as z.core.$ZodObjectDef, value);
  } else if (def.type === 'record' && isPlainObject(value) && !hasChecks(def) && isPlainStringKey(def)) {
    issues = checkEntries((def as z.core.$ZodRecordDef).valueType, value);
  } else if (def.type === 'array' && Array.isArray(value) && !hasChecks(def)) {
    issues = checkArray((def as z.core.$ZodArrayDef).element, value);
  } else if (
    def.type === 'union' &&
    !hasChecks(def) &&
    (def as z.core.$ZodUnionDef).inclusive !== false &&
    someOptionAccepts(def as z.core.$ZodUnionDef, value)
  ) {
    issues = EMPTY;
  } else {
    issues = zodIssues(schema, value);
  }
  if (shared) objectMemo.set(value, { schema, issues });
  return issues;
}

/** The keys an object schema requires (as zod decides: not optional in), computed once per schema. */
const requiredKeys = new WeakMap<object, readonly string[]>();

function required(def: z.core.$ZodObjectDef): readonly string[] {
  let keys = requiredKeys.get(def);
  if (!keys) {
    keys = Object.keys(def.shape).filter((k) => def.shape[k]?._zod.optin !== 'optional');
    requiredKeys.set(def, keys);
  }
  return keys;
}

/**
 * Checks the keys the value has (unknown ones pass through). When it lacks a required key, zod
 * checks the whole object: what it says of a missing key depends on the key's schema (a default,
 * `any`), and that case is rare.
 */
function checkObject(
  schema: Schema,
  def: z.core.$ZodObjectDef,
  value: Record<string, unknown>,
): readonly RelIssue[] {
  const keys = required(def);
  for (let i = 0; i < keys.length; i++) {
    if (!Object.hasOwn(value, keys[i] as string)) return zodIssues(schema, value);
  }
  const shape = def.shape;
  let out: RelIssue[] | null = null;
  for (const key in value) {
    const field = shape[key];
    if (field === undefined || !Object.hasOwn(value, key) || !Object.hasOwn(shape, key)) continue;
    const found = check(field, value[key]);
    if (found.length > 0) out = prefixed(out, key, found);
  }
  return out ?? EMPTY;
}

function prefixed(out: RelIssue[] | null, key: PathSegment, found: readonly RelIssue[]): RelIssue[] {
  const list = out ?? [];
  for (const i of found) list.push({ rel: [key, ...i.rel], message: i.message });
  return list;
}

function checkEntries(valueType: Schema, value: Record<string, unknown>): readonly RelIssue[] {
  let out: RelIssue[] | null = null;
  for (const key of Object.keys(value)) {
    if (key === '__proto__') continue; // zod drops it from records, unchecked
    const found = check(valueType, value[key]);
    if (found.length === 0) continue;
    out ??= [];
    for (const i of found) out.push({ rel: [key, ...i.rel], message: i.message });
  }
  return out ?? EMPTY;
}

function checkArray(element: Schema, value: unknown[]): readonly RelIssue[] {
  let out: RelIssue[] | null = null;
  for (let i = 0; i < value.length; i++) {
    const found = check(element, value[i]);
    if (found.length === 0) continue;
    out ??= [];
    for (const x of found) out.push({ rel: [i, ...x.rel], message: x.message });
  }
  return out ?? EMPTY;
}

function checkPrimitive(schema: Schema, value: unknown): readonly RelIssue[] {
  // The commonest leaves need no zod call: a plain string, boolean or finite number schema.
  const def = schema._zod.def;
  if (def.checks === undefined || def.checks.length === 0) {
    if (def.type === 'string' && typeof value === 'string') return EMPTY;
    if (def.type === 'boolean' && typeof value === 'boolean') return EMPTY;
    if (def.type === 'number' && typeof value === 'number' && Number.isFinite(value)) return EMPTY;
  }
  let memo = primitiveMemo.get(schema);
  if (!memo) {
    memo = new Map();
    primitiveMemo.set(schema, memo);
  }
  const hit = memo.get(value);
  if (hit) return hit;
  const issues = zodIssues(schema, value);
  if (memo.size < PRIMITIVE_MEMO_LIMIT) memo.set(value, issues);
  return issues;
}

function zodIssues(schema: Schema, value: unknown): readonly RelIssue[] {
  const r = z.safeParse(schema, value);
  if (r.success) return EMPTY;
  return r.error.issues.map((i) => ({
    rel: i.path.filter((p): p is PathSegment => typeof p === 'string' || typeof p === 'number'),
    message: i.message,
  }));
}

function hasChecks(def: z.core.$ZodTypeDef): boolean {
  return (def.checks?.length ?? 0) > 0;
}

function isPlainStringKey(def: z.core.$ZodTypeDef): boolean {
  const key = (def as z.core.$ZodRecordDef).keyType._zod.def;
  return key.type === 'string' && !hasChecks(key);
}

/** A strict object refuses unknown keys, which checkObject does not look at: zod checks those. */
function isStrict(def: z.core.$ZodTypeDef): boolean {
  const catchall = (def as z.core.$ZodObjectDef).catchall;
  return catchall !== undefined && catchall._zod.def.type !== 'unknown';
}

/**
 * Whether an option of a union accepts `value`, trying only the options of its kind (a string
 * is not checked against object options). When none does, zod reports, with its own message.
 */
function someOptionAccepts(def: z.core.$ZodUnionDef, value: unknown): boolean {
  const kind = kindOf(value);
  for (const option of def.options) {
    const type = option._zod.def.type;
    if (type === kind || (kind === 'object' && type === 'record')) {
      if (check(option, value).length === 0) return true;
    }
  }
  return false;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}
