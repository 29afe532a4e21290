import { byCodePoint, isPlainObject, type JsonValue } from './json.ts';
import { childPath, isWithin } from './paths.ts';

export const layerKinds = ['Template', 'Profile', 'Overlay', 'Bot'] as const;
export type LayerKind = (typeof layerKinds)[number];

/** One layer of a bot's config: `Template/slack-bot`, `Profile/prod`, `Overlay/eu`, `Bot/support`. */
export interface LayerId {
  kind: LayerKind;
  name: string;
}

export function layerLabel(layer: LayerId): string {
  return `${layer.kind}/${layer.name}`;
}

/** Who set one leaf: the last layer that wrote it, and for appended arrays every contributor. */
export interface ProvenanceEntry {
  layer: LayerId;
  /** For arrays built by append/prepend: every layer that added items, in order. */
  contributors?: LayerId[];
}

/** Records a level's writes (by calling `set` and `clear`) when the level is first read. */
export interface ProvenanceFill {
  fill(level: Provenance): void;
}

/**
 * For every leaf path of a resolved document, the layer that set it. Levels chain: a bot's level
 * holds only what the bot's own overrides wrote and points at the level shared by every bot with
 * the same template, profile and overlays, so 10,000 bots do not copy 10,000 maps.
 */
export class Provenance {
  readonly #parent: Provenance | undefined;
  /** What this level wrote: a LayerId for a plain write, an entry for appended arrays. */
  #own: Map<string, LayerId | ProvenanceEntry> | null;
  /** Subtrees removed or replaced at this level: the parent's entries beneath them are void. */
  #cleared: string[] | null = null;

  /** Fills this level on first use (a bot's level is recorded only when someone asks). */
  #fill: ProvenanceFill | null;

  /**
   * `fill`, when given, records this level's writes the first time the level is read:
   * resolving 10,000 bots then builds no maps that nobody reads.
   */
  constructor(parent?: Provenance, fill?: ProvenanceFill) {
    this.#parent = parent;
    this.#own = null;
    this.#fill = fill ?? null;
  }

  /** This level's entries, filled and made on first use. */
  #map(): Map<string, LayerId | ProvenanceEntry> {
    const fill = this.#fill;
    if (fill !== null) {
      this.#fill = null;
      fill.fill(this);
    }
    this.#own ??= new Map();
    return this.#own;
  }

  /** Records that `layer` wrote the leaf at `path`. */
  set(path: string, layer: LayerId, how: 'set' | 'append' | 'prepend' = 'set'): void {
    const own = this.#map();
    if (how === 'set') {
      own.set(path, layer);
      return;
    }
    const before = this.get(path);
    const contributors = before ? [...(before.contributors ?? [before.layer])] : [];
    if (!contributors.some((l) => l.kind === layer.kind && l.name === layer.name)) contributors.push(layer);
    own.set(path, { layer, contributors });
  }

  /** Forgets every entry at or beneath `path` (the value there was removed or replaced). */
  clear(path: string): void {
    const own = this.#map();
    for (const key of own.keys()) if (isWithin(key, path)) own.delete(key);
    if (this.#parent) {
      this.#cleared ??= [];
      this.#cleared.push(path);
    }
  }

  get(path: string): ProvenanceEntry | undefined {
    const own = this.#map().get(path);
    if (own) return asEntry(own);
    if (this.#cleared) for (const c of this.#cleared) if (isWithin(path, c)) return undefined;
    return this.#parent?.get(path);
  }

  /** Every (path, entry), sorted by path. */
  entries(): [string, ProvenanceEntry][] {
    const own = this.#map();
    const all = new Map<string, ProvenanceEntry>();
    if (this.#parent) {
      const cleared = this.#cleared ?? [];
      for (const [path, entry] of this.#parent.entries()) {
        if (!cleared.some((c) => isWithin(path, c))) all.set(path, entry);
      }
    }
    for (const [path, entry] of own) all.set(path, asEntry(entry));
    return [...all.entries()].sort(([a], [b]) => byCodePoint(a, b));
  }
}

function asEntry(v: LayerId | ProvenanceEntry): ProvenanceEntry {
  return 'kind' in v ? { layer: v } : v;
}

/** One line of "Explain": a leaf of the resolved document, its value and who set it. */
export interface ExplainLine {
  path: string;
  value: JsonValue;
  layer: LayerId | null;
  contributors?: LayerId[];
}

/** Every leaf of `doc` (scalars, arrays, empty objects a layer set) with the layer that set it. */
export function explain(doc: JsonValue, provenance: Provenance, root = ''): ExplainLine[] {
  const lines: ExplainLine[] = [];
  const walk = (value: JsonValue, path: string): void => {
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      for (const key of Object.keys(value).sort(byCodePoint)) {
        const v = value[key];
        if (v !== undefined) walk(v, childPath(path, key));
      }
      return;
    }
    const entry = provenance.get(path);
    // An empty object no layer wrote is the starting point (`config: {}`), not a value.
    if (!entry && isPlainObject(value)) return;
    const line: ExplainLine = { path, value, layer: entry?.layer ?? null };
    if (entry?.contributors) line.contributors = entry.contributors;
    lines.push(line);
  };
  walk(doc, root);
  return lines;
}
