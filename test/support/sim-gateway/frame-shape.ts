/**
 * The key structure of a frame: member names and value types, not values. Frames captured from
 * a real gateway are reduced to this and stored as a fixture; the simulated gateway (a test
 * double) must produce frames that conform to it.
 */
export type Shape = string | Shape[] | { [key: string]: Shape };

/** The structure of `value` down to `depth` levels of objects (deeper objects become "object"). */
export function shapeOf(value: unknown, depth = 3): Shape {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 || depth <= 0 ? [] : [shapeOf(value[0], depth - 1)];
  if (typeof value === 'object') {
    if (depth <= 0) return 'object';
    const out: Record<string, Shape> = {};
    for (const key of Object.keys(value).sort())
      out[key] = shapeOf((value as Record<string, unknown>)[key], depth - 1);
    return out;
  }
  return typeof value;
}

/**
 * Where `value` departs from `expected`: every member the shape names must exist with the same
 * kind of value (extra members are allowed; an empty array conforms to any element shape).
 */
export function shapeMismatches(expected: Shape, value: unknown, path = '$'): string[] {
  if (typeof expected === 'string') {
    const actual = shapeOf(value, 0);
    const kind = typeof actual === 'string' ? actual : Array.isArray(actual) ? 'array' : 'object';
    return kind === expected ? [] : [`${path}: expected ${expected}, got ${kind}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(value)) return [`${path}: expected an array`];
    const [element] = expected;
    return element === undefined || value.length === 0
      ? []
      : shapeMismatches(element, value[0], `${path}[0]`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`${path}: expected an object`];
  return Object.entries(expected).flatMap(([key, shape]) =>
    key in value
      ? shapeMismatches(shape, (value as Record<string, unknown>)[key], `${path}.${key}`)
      : [`${path}.${key}: missing`],
  );
}
