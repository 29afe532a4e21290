/**
 * The one canonical JSON form of the codebase: object keys sorted by UTF-16 code units (as
 * JavaScript compares strings, and as RFC 8785 does), no whitespace, `undefined` members dropped.
 * Equal data gives equal text whatever the key order, so it is what hashes (audit chain, config
 * hash) are computed over. Values with a `toJSON` method (dates) are written as JSON.stringify
 * would write them; array holes and `undefined` items are written as null.
 */
export function canonicalJson(value: unknown): string {
  return write(value);
}

function write(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'object': {
      if ('toJSON' in value && typeof value.toJSON === 'function') return write(value.toJSON());
      if (Array.isArray(value))
        return `[${Array.from(value, (v: unknown) => (v === undefined ? 'null' : write(v))).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
}
