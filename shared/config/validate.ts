import type { z } from 'zod';
import type { Issue } from '../contract/errors.ts';
import { isPlainObject, type JsonValue } from './json.ts';
import { openclawSections } from './openclaw-model.ts';
import { extendPath, type PathSegment } from './paths.ts';

/**
 * Checks a resolved `openclaw.json` against the OpenClaw model, section by section. Results are
 * memoised per section object: resolved configs share unchanged sections with each other
 * (structural sharing), so checking 10,000 bots re-checks only what each bot changed.
 * Issue paths are full paths (`config.gateway.port`).
 */
const cache = new WeakMap<object, readonly RelIssue[]>();

/** An issue with its path relative to the config root. */
export interface RelIssue {
  rel: PathSegment[];
  message: string;
}

const sectionEntries = Object.entries(openclawSections) as [string, z.ZodType][];

export function validateOpenclawConfig(config: unknown, root = 'config'): Issue[] {
  return openclawIssues(config).map((i) => ({
    path: extendPath(root, i.rel) || '(root)',
    message: i.message,
  }));
}

/** The model's issues with `config`, paths relative to the config root. */
export function openclawIssues(config: unknown): RelIssue[] {
  if (!isPlainObject(config)) return [{ rel: [], message: 'The OpenClaw config must be an object' }];
  const issues: RelIssue[] = [];
  for (const [key, schema] of sectionEntries) {
    if (!Object.hasOwn(config, key)) continue;
    for (const i of checkSection(config[key] as JsonValue, schema))
      issues.push({ rel: [key, ...i.rel], message: i.message });
  }
  return issues;
}

function checkSection(section: JsonValue, schema: z.ZodType): readonly RelIssue[] {
  const cacheable = typeof section === 'object' && section !== null;
  if (cacheable) {
    const hit = cache.get(section);
    if (hit) return hit;
  }
  const r = schema.safeParse(section);
  const issues: RelIssue[] = r.success
    ? []
    : r.error.issues.map((i) => ({
        rel: i.path.filter((p): p is PathSegment => typeof p === 'string' || typeof p === 'number'),
        message: i.message,
      }));
  if (cacheable) cache.set(section, issues);
  return issues;
}
