import type { DeployTarget } from '../../../../shared/domain/fleet.ts';

/** Where a fleet's bots run, as the operator reads it. */
export const targetLabels: Readonly<Record<DeployTarget, string>> = {
  local: 'This workstation',
  ecs: 'AWS ECS',
};

/** A small badge naming where a fleet's bots run. */
export function TargetBadge({ target }: { target: DeployTarget }) {
  return (
    <span
      className={target === 'ecs' ? 'badge badge-info' : 'badge'}
      title={`Bots run on ${target === 'ecs' ? 'AWS ECS' : 'this workstation'}`}
      data-testid="fleet-target"
    >
      {targetLabels[target]}
    </span>
  );
}
