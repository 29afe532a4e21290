import type { z } from 'zod';
import type { policyRuleSchema } from '../../shared/domain/policy.ts';
import { packs, rules } from '../../shared/policy/packs.ts';
import type { HandlerRegistry } from '../hosts/handler-registry.ts';
import type { ExceptionService } from './exception-service.ts';

type PolicyRule = z.output<typeof policyRuleSchema>;

/** Every rule with its severity in each environment's built-in pack. */
export function policyRules(): PolicyRule[] {
  return rules.map((r) => ({
    id: r.id,
    title: r.title,
    why: r.why,
    fix: r.fix,
    severities: {
      dev: packs.dev.severities[r.id] ?? 'off',
      staging: packs.staging.severities[r.id] ?? 'off',
      prod: packs.prod.severities[r.id] ?? 'off',
    },
  }));
}

/** The policy engine's rules and exceptions (fleet evaluation is served with the manifests). */
export function registerPolicyHandlers(reg: HandlerRegistry, exceptions: ExceptionService): void {
  reg.register('policy.rules', () => policyRules());
  reg.register('policy.exception.create', (p) => exceptions.create(p));
  reg.register('policy.exception.list', (p) => exceptions.list(p));
  reg.register('policy.exception.revoke', (p) => exceptions.revoke(p));
}
