import type { Environment } from '../domain/fleet.ts';
import type { Rule } from './rule.ts';
import { accessRules } from './rules/access.ts';
import { fleetRules } from './rules/fleet.ts';
import { gatewayRules } from './rules/gateway.ts';
import { sandboxRules } from './rules/sandbox.ts';
import { secretRules } from './rules/secrets.ts';
import { supplyChainRules } from './rules/supply-chain.ts';
import type { Severity } from './types.ts';

/** Every rule the engine knows, by id. */
export const rules: readonly Rule[] = [
  ...gatewayRules,
  ...secretRules,
  ...accessRules,
  ...sandboxRules,
  ...supplyChainRules,
  ...fleetRules,
];
export const ruleIds: readonly string[] = rules.map((r) => r.id);

/** A policy pack: the severity of each rule in one environment (`off` skips it). */
export interface PolicyPack {
  name: string;
  environment: Environment;
  severities: Readonly<Record<string, Severity | 'off'>>;
}

type Row = [ruleId: string, dev: Severity | 'off', staging: Severity | 'off', prod: Severity | 'off'];

/**
 * One table, one row per rule, so the packs are easy to compare: production is the strictest,
 * dev warns where staging and production block. Critical findings block an apply.
 */
const table: Row[] = [
  ['gateway.bind_no_auth', 'critical', 'critical', 'critical'],
  ['gateway.auth_none', 'warn', 'critical', 'critical'],
  ['gateway.token_too_short', 'warn', 'warn', 'critical'],
  ['hooks.token_reuse_gateway_token', 'critical', 'critical', 'critical'],
  ['gateway.control_ui_origins', 'critical', 'critical', 'critical'],
  ['gateway.tailscale_funnel', 'warn', 'critical', 'critical'],
  ['gateway.terminal_exposed', 'critical', 'critical', 'critical'],
  ['secrets.plaintext', 'warn', 'critical', 'critical'],
  ['secrets.url_credentials', 'warn', 'critical', 'critical'],
  ['config.dangerous_flags', 'warn', 'critical', 'critical'],
  ['channels.open_dm_policy', 'warn', 'warn', 'critical'],
  ['channels.open_group_policy', 'warn', 'warn', 'critical'],
  ['tools.open_groups_with_elevated', 'critical', 'critical', 'critical'],
  ['tools.open_surfaces_with_runtime_or_fs', 'critical', 'critical', 'critical'],
  ['tools.unsandboxed_runtime', 'info', 'warn', 'critical'],
  ['sandbox.off', 'info', 'warn', 'critical'],
  ['sandbox.host_network', 'critical', 'critical', 'critical'],
  ['sandbox.docker_socket', 'critical', 'critical', 'critical'],
  ['supply_chain.unpinned', 'info', 'warn', 'critical'],
  ['openclaw.version_advisory', 'warn', 'critical', 'critical'],
  ['openclaw.version_unpinned', 'info', 'warn', 'warn'],
  ['fleet.port_spacing', 'warn', 'critical', 'critical'],
  ['fleet.shared_workspace', 'critical', 'critical', 'critical'],
  ['cloud.ecs_task_role_wildcard', 'warn', 'critical', 'critical'],
];

function pack(environment: Environment, column: 1 | 2 | 3): PolicyPack {
  return {
    name: `builtin-${environment}`,
    environment,
    severities: Object.fromEntries(table.map((row) => [row[0], row[column]])),
  };
}

export const packs: Readonly<Record<Environment, PolicyPack>> = {
  dev: pack('dev', 1),
  staging: pack('staging', 2),
  prod: pack('prod', 3),
};

export interface CompiledPack {
  pack: PolicyPack;
  rules: { rule: Rule; severity: Severity }[];
}

const compiled = new WeakMap<PolicyPack, CompiledPack>();

/** The rules a pack turns on, with their severities (computed once per pack). */
export function compilePack(p: PolicyPack): CompiledPack {
  let c = compiled.get(p);
  if (!c) {
    c = { pack: p, rules: [] };
    for (const rule of rules) {
      const severity = p.severities[rule.id] ?? 'off';
      if (severity !== 'off') c.rules.push({ rule, severity });
    }
    compiled.set(p, c);
  }
  return c;
}
