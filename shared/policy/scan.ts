import { isPlainObject, type JsonObject, type JsonValue } from '../config/json.ts';
import { isAnySecretRef, isReferenceString } from '../config/secrets.ts';
import { isShared } from '../config/sharing.ts';

/**
 * One walk over a config finds what the tree-wide rules look for: plaintext secrets, enabled
 * `dangerously*` settings and credentials inside URLs. Results are memoised for shared objects
 * (sharing.ts), so the subtrees resolved configs share are walked once for a whole fleet.
 * Details describe what was found without ever repeating the secret.
 */
export type ScanKind = 'plaintext' | 'dangerous' | 'url-credentials';

export interface ScanHit {
  kind: ScanKind;
  path: string;
  detail: string;
}

interface RelHit {
  kind: ScanKind;
  /** Path relative to the scanned object: `a.b`, `["x.y"]`, `[0].c`. */
  rel: string;
  detail: string;
}

const cache = new WeakMap<object, readonly RelHit[]>();
const NONE: readonly RelHit[] = [];

/** Scans `value` and returns hits with full paths under `root`. */
export function scanTree(value: JsonValue | undefined, root: string): readonly ScanHit[] {
  if (value === undefined || value === null || typeof value !== 'object') return NO_HITS;
  const hits = scanNode(value);
  return hits.length === 0
    ? NO_HITS
    : hits.map((h) => ({ kind: h.kind, path: join(root, h.rel), detail: h.detail }));
}
const NO_HITS: readonly ScanHit[] = Object.freeze([]);

/** Scans the values of a plain env map (`NAME: value`), such as what a target sets. */
export function scanEnv(env: Record<string, unknown> | undefined, root: string): ScanHit[] {
  if (!env) return [];
  const hits: ScanHit[] = [];
  for (const [name, v] of Object.entries(env)) {
    if (typeof v !== 'string') continue;
    const d = checkString(v, name);
    if (d) hits.push({ kind: d.kind, path: join(root, relKey(name)), detail: d.detail });
  }
  return hits;
}

function scanNode(node: JsonObject | JsonValue[]): readonly RelHit[] {
  return cache.get(node) ?? scanUncached(node);
}

/** Scans a node not in the cache (a bot's own object, or a shared one seen for the first time). */
function scanUncached(node: JsonObject | JsonValue[]): readonly RelHit[] {
  const shared = isShared(node);
  let hits: RelHit[] | null = null;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) hits = visit(hits, `[${i}]`, null, node[i] ?? null);
  } else {
    for (const key in node) {
      const v = node[key];
      if (v === undefined || !Object.hasOwn(node, key)) continue;
      if (key.charCodeAt(0) === LOWER_D && key.startsWith('dangerously') && isOn(v)) {
        hits ??= [];
        hits.push({ kind: 'dangerous', rel: relKey(key), detail: `${key} is enabled` });
      }
      hits = visit(hits, null, key, v);
    }
  }
  const result: readonly RelHit[] = hits ?? NONE;
  if (shared) cache.set(node, result);
  return result;
}

const LOWER_D = 100;

/** Visits one member: `rel` is its relative path, or null to derive it from `key` (only on a hit). */
function visit(hits: RelHit[] | null, rel: string | null, key: string | null, v: JsonValue): RelHit[] | null {
  if (typeof v === 'string') {
    const d = checkString(v, key);
    if (!d) return hits;
    const out = hits ?? [];
    out.push({ kind: d.kind, rel: rel ?? relKey(key ?? ''), detail: d.detail });
    return out;
  }
  if (v === null || typeof v !== 'object') return hits;
  // Cached nodes are never secret references (those are not scanned), so look there first.
  const below = cache.get(v) ?? (isAnySecretRef(v) ? NONE : scanUncached(v));
  if (below.length === 0) return hits;
  const out = hits ?? [];
  const at = rel ?? relKey(key ?? '');
  for (const h of below) out.push({ kind: h.kind, rel: joinRel(at, h.rel), detail: h.detail });
  return out;
}

function isOn(v: JsonValue): boolean {
  if (v === false || v === null || v === '' || v === 0) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return true;
}

const PLAIN = /^[^.[\]"\s]+$/u;
function relKey(key: string): string {
  return PLAIN.test(key) ? key : `[${JSON.stringify(key)}]`;
}
function joinRel(a: string, b: string): string {
  return b.startsWith('[') ? a + b : `${a}.${b}`;
}
function join(root: string, rel: string): string {
  return root === '' ? rel : joinRel(root, rel);
}

/** Shapes of well-known credentials. */
const SHAPES: [RegExp, string][] = [
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/, 'a private key (PEM block)'],
  [/\bsk-ant-[A-Za-z0-9_-]{20,}/, 'an Anthropic API key'],
  [/\bsk-(?:proj-|or-v1-|or-)?[A-Za-z0-9_-]{20,}/, 'an OpenAI-style API key (sk-...)'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token (xox?-...)'],
  [/\bxapp-\d-[A-Za-z0-9-]{10,}/, 'a Slack app token (xapp-...)'],
  [/\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}/, 'a GitHub token'],
  [/\bgithub_pat_[A-Za-z0-9_]{22,}/, 'a GitHub fine-grained token'],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/\b[rs]k_live_[0-9A-Za-z]{16,}/, 'a Stripe live key'],
  [/\bgsk_[A-Za-z0-9]{20,}/, 'a Groq API key'],
  [/\b\d{8,10}:[A-Za-z0-9_-]{35}\b/, 'a Telegram bot token'],
];
const ANY_SHAPE = new RegExp(SHAPES.map(([r]) => r.source).join('|'));

const URL_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@\s]+)@/i;
const URL_SECRET_PARAM =
  /[?&](?:access_token|token|api[_-]?key|apikey|key|password|passwd|secret|client_secret|auth)=([^&#\s]+)/i;
const TELEGRAM_PATH = /\/bot\d{6,}:[A-Za-z0-9_-]{20,}/;

function checkString(s: string, key: string | null): { kind: ScanKind; detail: string } | null {
  if (s.includes('://')) {
    const url = urlCredentials(s);
    if (url) return { kind: 'url-credentials', detail: url };
  }
  if (isReferenceString(s)) return null;
  if (key !== null && isSecretKey(key)) {
    return {
      kind: 'plaintext',
      detail: `${key} holds a literal value (${s.length} characters) instead of a secret reference`,
    };
  }
  if (s.length >= 16 && ANY_SHAPE.test(s)) {
    const shape = SHAPES.find(([r]) => r.test(s));
    return { kind: 'plaintext', detail: `the value looks like ${shape ? shape[1] : 'a credential'}` };
  }
  return null;
}

function urlCredentials(s: string): string | null {
  const user = URL_USERINFO.exec(s)?.[1];
  if (user !== undefined) {
    const colon = user.indexOf(':');
    const password = colon >= 0 ? user.slice(colon + 1) : '';
    if (password !== '' && !isReferenceString(password))
      return 'the URL carries a password (user:password@host)';
    if (colon < 0 && user.length >= 20 && !isReferenceString(user))
      return 'the URL carries a token as its user name';
  }
  const param = URL_SECRET_PARAM.exec(s)?.[1];
  if (param !== undefined && !isReferenceString(decodeSafe(param)))
    return 'the URL carries a credential in its query string';
  if (TELEGRAM_PATH.test(s)) return 'the URL carries a Telegram bot token in its path';
  return null;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const SECRET_WORDS = new Set([
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'apikey',
  'credential',
  'credentials',
  'authorization',
]);
const SECRET_PAIRS = new Set([
  'api key',
  'private key',
  'access key',
  'client secret',
  'secret key',
  'auth key',
]);
const NOT_SECRET_LAST = new Set([
  'file',
  'path',
  'dir',
  'source',
  'mode',
  'id',
  'ref',
  'env',
  'url',
  'header',
  'name',
  'type',
  'kind',
  'limit',
  'count',
  'ttl',
  'prefix',
  'length',
  'status',
  'enabled',
  'policy',
  'command',
  'provider',
]);
const keyCache = new Map<string, boolean>();

/** Whether a key names a credential (`botToken`, `GEMINI_API_KEY`, `signingSecret`, `password`). */
export function isSecretKey(key: string): boolean {
  let r = keyCache.get(key);
  if (r === undefined) {
    const words = key
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    const last = words[words.length - 1] ?? '';
    r =
      !NOT_SECRET_LAST.has(last) &&
      (words.some((w) => SECRET_WORDS.has(w)) ||
        words.some((w, i) => SECRET_PAIRS.has(`${w} ${words[i + 1]}`)));
    if (keyCache.size < 10_000) keyCache.set(key, r);
  }
  return r;
}
