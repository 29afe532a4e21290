import type { JsonObject } from '../config/json.ts';
import type { Facts } from './facts.ts';
import type { PeerIndex } from './peers.ts';
import type { ScanHit } from './scan.ts';
import type { PolicyContext, RuleHit, RuleMeta } from './types.ts';

/** What every rule gets: the config, derived facts computed once per bot, and the peers. */
export interface RuleInput {
  config: JsonObject;
  installs: JsonObject;
  context: PolicyContext;
  facts: Facts;
  peers: PeerIndex;
  /** Plaintext secrets, `dangerously*` flags and URL credentials found in config, installs and env. */
  scan: readonly ScanHit[];
}

export interface Rule extends RuleMeta {
  check(input: RuleInput): RuleHit[];
}
