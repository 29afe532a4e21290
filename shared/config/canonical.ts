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
      // Plain loops and string appends: this runs for every audit event (twice) and every config
      // hash, and the arrays of entries it used to build cost more than the writing.
      if (Array.isArray(value)) {
        let items = '';
        for (let i = 0; i < value.length; i++) {
          const v: unknown = value[i]; // a hole reads as undefined
          items += `${i > 0 ? ',' : ''}${v === undefined ? 'null' : write(v)}`;
        }
        return `[${items}]`;
      }
      const record = value as Record<string, unknown>;
      let members = '';
      // The default sort compares UTF-16 code units, as `<` does.
      for (const k of Object.keys(record).sort()) {
        const v = record[k];
        if (v === undefined) continue;
        members += `${members === '' ? '' : ','}${JSON.stringify(k)}:${write(v)}`;
      }
      return `{${members}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
}
