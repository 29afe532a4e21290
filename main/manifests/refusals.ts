import { AppError } from '../../shared/contract/errors.ts';
import type { ApplyPlan, ManifestRef } from '../../shared/domain/manifest.ts';
import type { ManifestState } from './manifest-state.ts';

/** Why an apply (or a restore) was refused, with the plan for the screen that shows it. */
export function refused(plan: ApplyPlan): AppError {
  const first = plan.refusals[0] ?? 'a policy finding blocks it';
  const more = plan.refusals.length > 1 ? ` (and ${plan.refusals.length - 1} more)` : '';
  return new AppError(
    'PRECONDITION',
    `The apply was refused: ${first}${more}. Nothing was changed.`,
    undefined,
    {
      plan,
    },
  );
}

/** A template, profile or overlay that Bot manifests still use cannot be deleted. */
export function refuseIfUsed(state: ManifestState, ref: Exclude<ManifestRef, { kind: 'Bot' }>): void {
  const users = [...state.stored.values()].filter(
    (s) =>
      s.manifest.kind === 'Bot' &&
      (ref.kind === 'Template'
        ? s.manifest.spec.template === ref.name
        : ref.kind === 'Profile'
          ? s.manifest.spec.profile === ref.name
          : (s.manifest.spec.overlays ?? []).includes(ref.name)),
  );
  if (users.length === 0) return;
  const names = users
    .slice(0, 5)
    .map((u) =>
      u.manifest.kind === 'Bot' ? `${u.manifest.metadata.fleet}/${u.manifest.metadata.name}` : u.key,
    );
  throw new AppError(
    'CONFLICT',
    `${ref.kind} "${ref.name}" is used by ${users.length} bot${users.length === 1 ? '' : 's'} (${names.join(', ')}${users.length > 5 ? ', …' : ''}). Change them first.`,
  );
}
