/**
 * Paths into a bot's desired state, as one string: `config.gateway.auth.mode`,
 * `config.tools.byProvider["openai/gpt-5.4"].profile`, `config.agents.list[0].id`.
 * A key that is not a plain word (it holds `.`, `[`, `]`, `"`, whitespace, or is empty) is
 * written as a JSON string in brackets; an array index as `[n]`. Locks, merge strategies,
 * provenance and policy findings all use this one form.
 */
export type PathSegment = string | number;

const PLAIN_KEY = /^[^.[\]"\s]+$/u;

export function formatKey(key: string): string {
  return PLAIN_KEY.test(key) ? key : `[${JSON.stringify(key)}]`;
}

/** Appends one object key to a path. */
export function childPath(parent: string, key: string): string {
  if (PLAIN_KEY.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** Appends one array index to a path. */
export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

export function formatPath(segments: readonly PathSegment[]): string {
  return extendPath('', segments);
}

/** `base` extended by relative segments. */
export function extendPath(base: string, segments: readonly PathSegment[]): string {
  let out = base;
  for (const s of segments) out = typeof s === 'number' ? indexPath(out, s) : childPath(out, s);
  return out;
}

/** Parses a path; returns null when it is not well formed. */
export function parsePath(path: string): PathSegment[] | null {
  const out: PathSegment[] = [];
  let i = 0;
  const n = path.length;
  if (n === 0) return null;
  while (i < n) {
    const c = path[i];
    if (c === '[') {
      const close = findClose(path, i + 1);
      if (close < 0) return null;
      const inner = path.slice(i + 1, close);
      if (/^\d+$/.test(inner)) out.push(Number(inner));
      else if (inner.startsWith('"')) {
        const key = parseJsonString(inner);
        if (key === null) return null;
        out.push(key);
      } else return null;
      i = close + 1;
      if (i < n && path[i] !== '.' && path[i] !== '[') return null;
      if (i < n && path[i] === '.') {
        i++;
        if (i >= n) return null;
      }
    } else {
      let j = i;
      while (j < n && path[j] !== '.' && path[j] !== '[') j++;
      const key = path.slice(i, j);
      if (!PLAIN_KEY.test(key)) return null;
      out.push(key);
      i = j;
      if (i < n && path[i] === '.') {
        i++;
        if (i >= n) return null;
      }
    }
  }
  return out;
}

function findClose(path: string, from: number): number {
  if (path[from] !== '"') return path.indexOf(']', from);
  let i = from + 1;
  while (i < path.length) {
    if (path[i] === '\\') i += 2;
    else if (path[i] === '"') return path[i + 1] === ']' ? i + 1 : -1;
    else i++;
  }
  return -1;
}

function parseJsonString(text: string): string | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** Whether `path` is `ancestor` itself or lies beneath it. */
export function isWithin(path: string, ancestor: string): boolean {
  if (path.length === ancestor.length) return path === ancestor;
  if (path.length < ancestor.length || !path.startsWith(ancestor)) return false;
  const next = path[ancestor.length];
  return next === '.' || next === '[';
}
