import type { JsonObject } from '../config/json.ts';
import type { Facts } from './facts.ts';
import type { PeerIndex } from './peers.ts';
import type { ScanHit } from './scan.ts';
import type { PeerInfo, PolicyContext, RuleHit, RuleMeta } from './types.ts';

/** What every rule gets: the config, derived facts computed once per bot, and the peers. */
export interface RuleInput {
  config: JsonObject;
  installs: JsonObject;
  context: PolicyContext;
  /** The OpenClaw version: the context's, else the resolved manifest's. */
  openclawVersion: string | undefined;
  facts: Facts;
  peers: PeerIndex;
  /** This bot as the cross-bot rules see it (port, normalised workspaces, placement). */
  self: PeerInfo;
  /** Plaintext secrets, `dangerously*` flags and URL credentials found in config, installs and env. */
  scan: readonly ScanHit[];
}

export interface Rule extends RuleMeta {
  check(input: RuleInput): readonly RuleHit[];
}

/** What a rule returns when it finds nothing (shared, never modified). */
export const NONE: readonly RuleHit[] = Object.freeze([]);
