import { AppError } from '../../shared/contract/errors.ts';
import type { BotOutcome } from '../manifests/fleet-evaluation.ts';

/**
 * Why a bot's config may not be deployed: its first resolve problem, or its first critical policy
 * finding without an exception. The error carries every finding and problem for the bot page.
 */
export function policyRefusal(x: BotOutcome): { first: string | undefined; error: AppError } {
  const findings = x.evaluation?.findings ?? [];
  const first =
    x.problems[0]?.message ??
    findings
      .filter((f) => f.severity === 'critical' && !f.exception)
      .map((f) => `${f.ruleId} (critical) at ${f.path}: ${f.title}`)[0];
  return {
    first,
    error: new AppError(
      'PRECONDITION',
      `The deploy was refused by policy: ${first}. Nothing was started.`,
      undefined,
      {
        findings,
        problems: x.problems.map((q) => q.message),
      },
    ),
  };
}
