import type { Environment } from '../domain/fleet.ts';
import type { BotManifest } from '../manifests/schema.ts';
import { isPlainObject, type JsonObject } from './json.ts';
import { applyLayer, type LayerSpec, type LockedProblem, NO_LOCKS } from './layer-apply.ts';
import { type LayerId, Provenance } from './provenance.ts';

/** What resolving a bot's layers gives (see resolve.ts). */
export interface ResolvedBot {
  name: string;
  fleet: string;
  environment: Environment;
  tags: readonly string[];
  openclawVersion: string | undefined;
  /** The layers applied, in order. */
  readonly layers: readonly LayerId[];
  /** `{config, installs}`: paths in provenance, locks and findings are rooted here. */
  state: JsonObject;
  /** The `openclaw.json` the bot runs. */
  config: JsonObject;
  installs: JsonObject;
  /** Who set each value (Explain). */
  readonly provenance: Provenance;
}

export type ResolveProblem =
  | { code: 'MISSING_REF'; layer: LayerId; path: string; message: string }
  | { code: 'ENVIRONMENT'; layer: LayerId; path: string; message: string }
  | LockedProblem;

export type ResolveResult =
  | { ok: true; value: ResolvedBot }
  /** `partial` is the result despite the problems when one could be computed (for previews). */
  | { ok: false; problems: ResolveProblem[]; partial: ResolvedBot | null };

/** The layers every bot of one group shares (template, profile, overlays), resolved once. */
export interface SharedLayers {
  state: JsonObject;
  provenance: Provenance;
  layers: readonly LayerId[];
}

/**
 * A resolved bot. Most bots' own layer is only their overrides, merged onto the shared layers;
 * its entry in `layers` and its provenance are made when first read (by replaying the same
 * merge), so resolving 10,000 bots builds neither for bots nobody explains. Both are getters:
 * a spread or a JSON copy of a BotResolution leaves them out.
 */
export class BotResolution implements ResolvedBot {
  readonly name: string;
  readonly fleet: string;
  readonly environment: Environment;
  readonly tags: readonly string[];
  readonly openclawVersion: string | undefined;
  readonly state: JsonObject;
  readonly config: JsonObject;
  readonly installs: JsonObject;
  readonly #shared: SharedLayers;
  /** The bot's overrides, or null when it has none. */
  readonly #own: LayerSpec | null;
  #layers: readonly LayerId[] | null = null;
  #provenance: Provenance | null;

  /** `own` is what the bot's overrides give: their merge, and its provenance unless replayed. */
  constructor(
    bot: BotManifest,
    environment: Environment,
    tags: readonly string[],
    shared: SharedLayers,
    ownSpec: LayerSpec | null,
    ownState: JsonObject | null,
    ownProvenance: Provenance | null,
  ) {
    this.name = bot.metadata.name;
    this.fleet = bot.metadata.fleet;
    this.environment = environment;
    this.tags = tags;
    this.openclawVersion = bot.spec.openclawVersion;
    this.#shared = shared;
    this.#own = ownSpec;
    this.#provenance = ownSpec ? ownProvenance : shared.provenance;
    this.state = ownState ?? shared.state;
    this.config = objectAt(this.state, 'config');
    this.installs = objectAt(this.state, 'installs');
  }

  get layers(): readonly LayerId[] {
    this.#layers ??= this.#own ? this.#shared.layers.concat(this.#botLayer()) : this.#shared.layers;
    return this.#layers;
  }

  get provenance(): Provenance {
    if (this.#provenance === null) {
      const own = this.#own ?? {};
      const shared = this.#shared;
      const layer = this.#botLayer();
      this.#provenance = new Provenance(shared.provenance, {
        fill: (level) => applyLayer(shared.state, own, layer, level, NO_LOCKS, []),
      });
    }
    return this.#provenance;
  }

  #botLayer(): LayerId {
    return { kind: 'Bot', name: this.name };
  }
}

function objectAt(state: JsonObject, key: string): JsonObject {
  const v = state[key];
  return isPlainObject(v) ? v : {};
}
