import { type Document, isPair, isScalar, parseAllDocuments, stringify, visit } from 'yaml';
import type { z } from 'zod';
import { isPlainObject } from '../config/json.ts';
import { formatPath, type PathSegment } from '../config/paths.ts';
import { normalizeManifest } from './normalize.ts';
import {
  API_VERSION,
  botManifestSchema,
  type Manifest,
  manifestKey,
  manifestKinds,
  overlayManifestSchema,
  profileManifestSchema,
  templateManifestSchema,
} from './schema.ts';

/**
 * Reading and writing manifests as YAML (one or many documents) or JSON (one manifest or an
 * array). Reading never throws: every problem comes back as an issue naming the file, the
 * document (0-based) and the path. Writing is deterministic: keys in a fixed order, config keys
 * sorted, empty fields left out, so export -> import -> export gives the same text.
 */
export interface ManifestIssue {
  source?: string;
  /** 0-based index of the document in its file (YAML) or of the item (JSON array). */
  doc: number;
  path: string;
  message: string;
  line?: number;
  col?: number;
}

export interface ParsedManifest {
  manifest: Manifest;
  source?: string;
  doc: number;
}

export interface ParseResult {
  manifests: ParsedManifest[];
  issues: ManifestIssue[];
}

export type ManifestFormat = 'yaml' | 'json';

const MAX_TEXT = 10 * 1024 * 1024;
const schemas = {
  Template: templateManifestSchema,
  Profile: profileManifestSchema,
  Overlay: overlayManifestSchema,
  Bot: botManifestSchema,
} as const;

export function parseManifests(
  text: string,
  options: { source?: string; format?: ManifestFormat } = {},
): ParseResult {
  const where = options.source === undefined ? {} : { source: options.source };
  try {
    if (typeof text !== 'string') return fail(where, 0, '(root)', 'Expected text');
    if (text.length > MAX_TEXT) return fail(where, 0, '(root)', 'The file is larger than 10 MB');
    const format = options.format ?? detectFormat(text, options.source);
    return format === 'json' ? parseJson(text, where) : parseYaml(text, where);
  } catch (e) {
    return fail(
      where,
      0,
      '(root)',
      `Could not read the manifests: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** Parses several files and reports manifests defined twice. */
export function parseManifestFiles(files: readonly { name: string; text: string }[]): ParseResult {
  const all: ParseResult = { manifests: [], issues: [] };
  for (const f of files) {
    const r = parseManifests(f.text, { source: f.name });
    all.manifests.push(...r.manifests);
    all.issues.push(...r.issues);
  }
  return withDuplicatesReported(all);
}

/** Validates one decoded value as a manifest. */
export function validateManifest(
  value: unknown,
  at: { source?: string; doc: number },
): { manifest: Manifest; issues: [] } | { manifest: null; issues: ManifestIssue[] } {
  const issue = (path: string, message: string): ManifestIssue => ({ ...at, path, message });
  if (!isPlainObject(value)) {
    return {
      manifest: null,
      issues: [issue('(root)', 'A manifest must be a mapping with apiVersion, kind, metadata and spec')],
    };
  }
  if (value.apiVersion !== API_VERSION) {
    return { manifest: null, issues: [issue('apiVersion', `apiVersion must be "${API_VERSION}"`)] };
  }
  const kind = value.kind;
  if (typeof kind !== 'string' || !(manifestKinds as readonly string[]).includes(kind)) {
    return { manifest: null, issues: [issue('kind', `kind must be one of ${manifestKinds.join(', ')}`)] };
  }
  const schema: z.ZodType<Manifest> = schemas[kind as keyof typeof schemas];
  const r = schema.safeParse(value);
  if (!r.success) {
    return {
      manifest: null,
      issues: r.error.issues.map((i) =>
        issue(
          formatPath(i.path.filter((p): p is PathSegment => typeof p !== 'symbol')) || '(root)',
          i.message,
        ),
      ),
    };
  }
  return { manifest: normalizeManifest(r.data), issues: [] };
}

function parseJson(text: string, where: { source?: string }): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail(where, 0, '(root)', `Invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const items = Array.isArray(value) ? value : [value];
  return collect(
    where,
    items.map((v, doc) => ({ doc, result: validateManifest(v, { ...where, doc }) })),
  );
}

function parseYaml(text: string, where: { source?: string }): ParseResult {
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
  if (!Array.isArray(docs)) return { manifests: [], issues: [] };
  const results: { doc: number; result: ReturnType<typeof validateManifest> }[] = [];
  docs.forEach((d, doc) => {
    const issue = (path: string, message: string, pos?: { line: number; col: number }): ManifestIssue => {
      const base: ManifestIssue = { ...where, doc, path, message };
      return pos ? { ...base, line: pos.line, col: pos.col } : base;
    };
    if (d.errors.length > 0) {
      const issues = d.errors.map((e) =>
        issue('(root)', `Invalid YAML: ${e.message.split('\n')[0]}`, e.linePos?.[0]),
      );
      results.push({ doc, result: { manifest: null, issues } });
      return;
    }
    if (d.contents === null) return;
    const proto = protoKeys(d);
    if (proto.length > 0) {
      results.push({
        doc,
        result: { manifest: null, issues: proto.map((p) => issue(p, 'The key "__proto__" is not allowed')) },
      });
      return;
    }
    const value: unknown = d.toJS({ maxAliasCount: 100 });
    results.push({ doc, result: validateManifest(value, { ...where, doc }) });
  });
  return collect(where, results);
}

/** Paths of `__proto__` keys (a plain object cannot hold them as data, so they are refused). */
function protoKeys(d: Document.Parsed): string[] {
  const found: string[] = [];
  visit(d, {
    Pair(_, pair, path) {
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        const segments: PathSegment[] = [];
        for (const node of path) {
          if (isPair(node) && isScalar(node.key)) segments.push(String(node.key.value));
        }
        segments.push('__proto__');
        found.push(formatPath(segments));
      }
    },
  });
  return found;
}

function collect(
  where: { source?: string },
  results: { doc: number; result: ReturnType<typeof validateManifest> }[],
): ParseResult {
  const out: ParseResult = { manifests: [], issues: [] };
  for (const { doc, result } of results) {
    if (result.manifest) out.manifests.push({ manifest: result.manifest, doc, ...where });
    else out.issues.push(...result.issues);
  }
  return out;
}

function withDuplicatesReported(r: ParseResult): ParseResult {
  const seen = new Map<string, ParsedManifest>();
  const manifests: ParsedManifest[] = [];
  const issues = [...r.issues];
  for (const p of r.manifests) {
    const key = manifestKey(p.manifest);
    const first = seen.get(key);
    if (first) {
      const at =
        first.source === undefined ? `document ${first.doc}` : `${first.source}, document ${first.doc}`;
      issues.push({
        ...(p.source === undefined ? {} : { source: p.source }),
        doc: p.doc,
        path: 'metadata.name',
        message: `${key} is defined twice (first in ${at})`,
      });
    } else {
      seen.set(key, p);
      manifests.push(p);
    }
  }
  return { manifests, issues };
}

function fail(where: { source?: string }, doc: number, path: string, message: string): ParseResult {
  return { manifests: [], issues: [{ ...where, doc, path, message }] };
}

function detectFormat(text: string, source: string | undefined): ManifestFormat {
  if (source?.toLowerCase().endsWith('.json')) return 'json';
  if (source && /\.ya?ml$/i.test(source)) return 'yaml';
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

/** Writes manifests as YAML documents (separated by `---`) or as a JSON array. */
export function serializeManifests(manifests: readonly Manifest[], format: ManifestFormat = 'yaml'): string {
  const docs = manifests.map(normalizeManifest);
  if (format === 'json') return `${JSON.stringify(docs, null, 2)}\n`;
  // YAML 1.1 quoting ("off", "yes", "y") so 1.1 readers see the same strings; 1.2 reads it alike.
  return docs
    .map((d) => stringify(d, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false, indent: 2 }))
    .join('---\n');
}
