import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import type { AwsClients } from '../../aws/clients.ts';
import { awsCall } from '../../aws/errors.ts';
import { configVersionTagKey, ecsServiceName } from '../../aws/names.ts';
import type { BotRuntimeStatus, RuntimeHealth, RuntimeInstance, RuntimeState } from '../target.ts';
import { containerName } from './task-definition.ts';

const maxEvents = 10;

function health(value: string | undefined): RuntimeHealth {
  if (value === 'HEALTHY') return 'healthy';
  if (value === 'UNHEALTHY') return 'unhealthy';
  return 'unknown';
}

function iso(d: Date | undefined): string | undefined {
  return d ? d.toISOString() : undefined;
}

function instanceOf(t: Task): RuntimeInstance {
  const container = t.containers?.find((c) => c.name === containerName);
  const stoppedReason = [t.stoppedReason, container?.reason].filter(Boolean).join(': ');
  const startedAt = iso(t.startedAt);
  return {
    id: t.taskArn?.split('/').pop() ?? 'unknown',
    state: t.lastStatus ?? 'UNKNOWN',
    health: health(container?.healthStatus ?? t.healthStatus),
    ...(startedAt ? { startedAt } : {}),
    ...(stoppedReason ? { stoppedReason } : {}),
  };
}

/** Stops ECS initiates itself (scaling, deployments, the operator) are not crashes. */
const plannedStop = /scaling activity|deployment|user initiated|service scheduler/i;

/** The most recently stopped task, when it stopped because it failed (not because ECS replaced it). */
function lastCrash(tasks: Task[]): Task | undefined {
  const last = tasks
    .filter((t) => t.lastStatus === 'STOPPED')
    .sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0))[0];
  if (!last) return undefined;
  if (last.stopCode === 'TaskFailedToStart' || last.stopCode === 'EssentialContainerExited') return last;
  if (last.stopCode === 'ServiceSchedulerInitiated' || last.stopCode === 'UserInitiated') return undefined;
  return last.stoppedReason && !plannedStop.test(last.stoppedReason) ? last : undefined;
}

/** Folds an ECS service and its tasks into the target-neutral status of the bot page. */
export function summarizeService(
  service: Service | undefined,
  tasks: Task[],
  configVersion?: string,
): BotRuntimeStatus {
  if (!service || service.status === 'INACTIVE')
    return {
      state: 'absent',
      health: 'unknown',
      desired: 0,
      running: 0,
      detail: 'Not deployed to ECS.',
      instances: [],
      events: [],
    };
  const desired = service.desiredCount ?? 0;
  const running = service.runningCount ?? 0;
  const pending = service.pendingCount ?? 0;
  const instances = tasks.map(instanceOf);
  const live = instances.filter((i) => i.state === 'RUNNING');
  const rolling =
    (service.deployments ?? []).some((d) => d.rolloutState === 'IN_PROGRESS') ||
    (service.deployments ?? []).length > 1;
  const failedRollout = (service.deployments ?? []).find((d) => d.rolloutState === 'FAILED');
  const h: RuntimeHealth = live.some((i) => i.health === 'unhealthy')
    ? 'unhealthy'
    : live.length > 0 && live.every((i) => i.health === 'healthy')
      ? 'healthy'
      : 'unknown';
  const crash = lastCrash(tasks);
  let state: RuntimeState;
  if (service.status === 'DRAINING') state = 'stopping';
  // Stopped on purpose wins over an old failed rollout: nothing should run, and nothing does.
  else if (desired === 0) state = running > 0 ? 'stopping' : 'stopped';
  else if (failedRollout) state = 'failed';
  else if (running === 0 && crash) state = 'failed';
  else if (rolling) state = 'deploying';
  else if (running >= desired) state = 'running';
  else state = 'starting';
  const detailParts = [
    `${running} of ${desired} task${desired === 1 ? '' : 's'} running`,
    pending > 0 ? `${pending} pending` : '',
    live.length > 0 ? h : '',
    failedRollout?.rolloutStateReason ?? '',
    state === 'failed' && crash
      ? `last task stopped: ${instanceOf(crash).stoppedReason ?? 'unknown reason'}`
      : '',
  ].filter(Boolean);
  return {
    state,
    health: h,
    desired,
    running,
    ...(configVersion ? { configVersion } : {}),
    detail: `${detailParts.join(', ')}.`,
    instances,
    events: (service.events ?? [])
      .filter((e) => e.createdAt && e.message)
      .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))
      .slice(0, maxEvents)
      .map((e) => ({ at: iso(e.createdAt) ?? '', message: e.message ?? '' })),
  };
}

/** Status of one bot from DescribeServices, ListTasks/DescribeTasks and its task definition's tags. */
export async function ecsBotStatus(c: AwsClients, cluster: string, botId: string): Promise<BotRuntimeStatus> {
  const serviceName = ecsServiceName(botId);
  const ctx = { region: c.region, resource: `${cluster}/${serviceName}` };
  const described = await awsCall({ ...ctx, action: 'ecs:DescribeServices' }, () =>
    c.ecs.send(new DescribeServicesCommand({ cluster, services: [serviceName] })),
  );
  const service = described.services?.find((s) => s.serviceName === serviceName);
  if (!service || service.status === 'INACTIVE') return summarizeService(undefined, []);
  const tasks: Task[] = [];
  const deployments = new Set((service.deployments ?? []).flatMap((d) => (d.id ? [d.id] : [])));
  for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
    const listed = await awsCall({ ...ctx, action: 'ecs:ListTasks' }, () =>
      c.ecs.send(new ListTasksCommand({ cluster, serviceName, desiredStatus, maxResults: 10 })),
    );
    const arns = listed.taskArns ?? [];
    if (arns.length === 0) continue;
    const d = await awsCall({ ...ctx, action: 'ecs:DescribeTasks' }, () =>
      c.ecs.send(new DescribeTasksCommand({ cluster, tasks: arns })),
    );
    // Tasks of a service carry group "service:<name>" and startedBy = one of its deployment ids;
    // the filter also guards against emulators that ignore ListTasks' serviceName.
    tasks.push(
      ...(d.tasks ?? []).filter(
        (t) =>
          t.group === `service:${serviceName}` || (t.startedBy !== undefined && deployments.has(t.startedBy)),
      ),
    );
  }
  let configVersion: string | undefined;
  if (service.taskDefinition) {
    const td = await awsCall({ ...ctx, action: 'ecs:DescribeTaskDefinition' }, () =>
      c.ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: service.taskDefinition, include: ['TAGS'] }),
      ),
    );
    configVersion = td.tags?.find((t) => t.key === configVersionTagKey)?.value;
  }
  const unique = [...new Map(tasks.map((t) => [t.taskArn, t])).values()];
  return summarizeService(service, unique, configVersion);
}
