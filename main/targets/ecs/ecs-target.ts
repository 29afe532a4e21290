import {
  CreateServiceCommand,
  DeleteServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type Service,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { DeleteSecretCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { AppError } from '../../../shared/contract/errors.ts';
import type { AwsClients } from '../../aws/clients.ts';
import { awsCall } from '../../aws/errors.ts';
import {
  botIdPattern,
  botIdTagKey,
  botSecretsPrefix,
  ecsServiceName,
  managedTag,
  taskFamily,
} from '../../aws/names.ts';
import { type Logger, silentLogger } from '../../log/logger.ts';
import type {
  DeploymentTarget,
  DeployResult,
  DestroyResult,
  ResolvedBotConfig,
  SecretBinding,
  TargetBot,
} from '../target.ts';
import { putConfigSecret } from './config-secret.ts';
import { followEcsLogs, readEcsLogs } from './logs.ts';
import type { EcsTargetSettings } from './settings.ts';
import { ecsBotStatus } from './status.ts';
import { buildTaskDefinition, checkDeployable, specOf, specTagKey } from './task-definition.ts';

export interface EcsTargetOptions {
  clients: AwsClients;
  settings: EcsTargetSettings;
  log?: Logger;
  /** Poll interval of log following (ms). */
  logPollMs?: number;
  now?: () => Date;
}

export interface EcsTarget extends DeploymentTarget {
  readonly kind: 'ecs';
  /** Starts fresh tasks of the current revision, e.g. after a secret the bot reads was rotated. */
  redeploy(botId: string): Promise<void>;
}

function assertBotId(botId: string): void {
  if (!botIdPattern.test(botId))
    throw new AppError(
      'VALIDATION',
      `Bot id "${botId}" cannot be used in AWS names (1-64 letters, digits, _ or -, starting with a letter or digit).`,
    );
}

/**
 * The ECS target: one Fargate service per bot (awsvpc in the operator's subnets, no public IP by
 * default), one task definition revision per config version, the config in a per-bot Secrets
 * Manager secret, logs in CloudWatch. The service never runs two gateways of one bot at once
 * (maximumPercent 100): two gateways would answer the same channels twice.
 */
export function createEcsTarget(o: EcsTargetOptions): EcsTarget {
  const c = o.clients;
  const s = o.settings;
  const log = (o.log ?? silentLogger).child('targets.ecs');
  const ctx = (action: string, resource: string) => ({ action, region: c.region, resource });
  const logSource = {
    clients: c,
    logGroupName: s.logGroupName,
    ...(o.logPollMs !== undefined ? { pollMs: o.logPollMs } : {}),
    ...(o.now ? { now: o.now } : {}),
  };

  async function findService(botId: string): Promise<Service | undefined> {
    const name = ecsServiceName(botId);
    const out = await awsCall(ctx('ecs:DescribeServices', `${s.cluster}/${name}`), () =>
      c.ecs.send(new DescribeServicesCommand({ cluster: s.cluster, services: [name] })),
    );
    const svc = out.services?.find((x) => x.serviceName === name);
    return svc && svc.status !== 'INACTIVE' ? svc : undefined;
  }

  function usable(botId: string, svc: Service): Service {
    if (svc.status === 'DRAINING')
      throw new AppError(
        'CONFLICT',
        `The ECS service of bot ${botId} is being deleted. Wait until it is gone, then deploy again.`,
      );
    return svc;
  }

  async function requireService(botId: string): Promise<Service> {
    const svc = await findService(botId);
    if (!svc)
      throw new AppError(
        'NOT_FOUND',
        `Bot ${botId} is not deployed to ECS cluster ${s.cluster} in ${c.region}. Deploy it first.`,
      );
    return usable(botId, svc);
  }

  async function setDesired(botId: string, desiredCount: number): Promise<void> {
    const svc = await requireService(botId);
    if (svc.desiredCount === desiredCount) return;
    await awsCall(ctx('ecs:UpdateService', ecsServiceName(botId)), () =>
      c.ecs.send(
        new UpdateServiceCommand({ cluster: s.cluster, service: ecsServiceName(botId), desiredCount }),
      ),
    );
    log.info(desiredCount === 0 ? 'ecs bot stopped' : 'ecs bot started', { botId, desiredCount });
  }

  /** Registers the task definition unless the service already runs an identical one. */
  async function revisionFor(
    bot: TargetBot,
    config: ResolvedBotConfig,
    secrets: readonly SecretBinding[],
    current: Service | undefined,
  ): Promise<{ arn: string; changed: boolean }> {
    const secret = await putConfigSecret(c, bot.id, config.json, s.secretsPrefix);
    const input = buildTaskDefinition({
      bot,
      config,
      secrets,
      settings: s,
      region: c.region,
      configSecretArn: secret.arn,
      configSecretVersionId: secret.versionId,
    });
    if (current?.taskDefinition) {
      const td = await awsCall(ctx('ecs:DescribeTaskDefinition', current.taskDefinition), () =>
        c.ecs.send(
          new DescribeTaskDefinitionCommand({ taskDefinition: current.taskDefinition, include: ['TAGS'] }),
        ),
      );
      const spec = td.tags?.find((t) => t.key === specTagKey)?.value;
      if (spec && spec === specOf(input) && td.taskDefinition?.status === 'ACTIVE')
        return { arn: current.taskDefinition, changed: false };
    }
    const out = await awsCall(ctx('ecs:RegisterTaskDefinition', taskFamily(bot.id)), () =>
      c.ecs.send(new RegisterTaskDefinitionCommand(input)),
    );
    const arn = out.taskDefinition?.taskDefinitionArn;
    if (!arn)
      throw new AppError('INTERNAL', `ECS registered a task definition for bot ${bot.id} without an ARN.`);
    return { arn, changed: true };
  }

  async function roll(
    bot: TargetBot,
    config: ResolvedBotConfig,
    secrets: readonly SecretBinding[],
    mustExist: boolean,
  ): Promise<DeployResult> {
    assertBotId(bot.id);
    checkDeployable(config, secrets, s);
    const found = mustExist ? await requireService(bot.id) : await findService(bot.id);
    const current = found ? usable(bot.id, found) : undefined;
    const revision = await revisionFor(bot, config, secrets, current);
    const name = ecsServiceName(bot.id);
    if (!current) {
      await awsCall(ctx('ecs:CreateService', `${s.cluster}/${name}`), () =>
        c.ecs.send(
          new CreateServiceCommand({
            cluster: s.cluster,
            serviceName: name,
            taskDefinition: revision.arn,
            desiredCount: 1,
            launchType: 'FARGATE',
            platformVersion: 'LATEST',
            networkConfiguration: {
              awsvpcConfiguration: {
                subnets: [...s.subnets],
                securityGroups: [...s.securityGroups],
                assignPublicIp: s.assignPublicIp,
              },
            },
            deploymentConfiguration: {
              minimumHealthyPercent: 0,
              maximumPercent: 100,
              deploymentCircuitBreaker: { enable: true, rollback: true },
            },
            enableExecuteCommand: s.enableExecuteCommand,
            propagateTags: 'TASK_DEFINITION',
            enableECSManagedTags: true,
            tags: [
              { key: managedTag.key, value: managedTag.value },
              { key: botIdTagKey, value: bot.id },
            ],
          }),
        ),
      );
      log.info('ecs bot deployed', { botId: bot.id, revision: revision.arn, configVersion: config.version });
      return { revision: revision.arn, configVersion: config.version, changed: true };
    }
    if (revision.changed || current.taskDefinition !== revision.arn) {
      await awsCall(ctx('ecs:UpdateService', `${s.cluster}/${name}`), () =>
        c.ecs.send(
          new UpdateServiceCommand({
            cluster: s.cluster,
            service: name,
            taskDefinition: revision.arn,
            ...(mustExist ? {} : { desiredCount: 1 }),
            enableExecuteCommand: s.enableExecuteCommand,
          }),
        ),
      );
      log.info('ecs bot updated', { botId: bot.id, revision: revision.arn, configVersion: config.version });
      return { revision: revision.arn, configVersion: config.version, changed: true };
    }
    if (!mustExist && current.desiredCount === 0) await setDesired(bot.id, 1);
    return { revision: revision.arn, configVersion: config.version, changed: false };
  }

  async function familyRevisions(botId: string): Promise<string[]> {
    const family = taskFamily(botId);
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await awsCall(ctx('ecs:ListTaskDefinitions', family), () =>
        c.ecs.send(
          new ListTaskDefinitionsCommand({
            familyPrefix: family,
            status: 'ACTIVE',
            ...(nextToken ? { nextToken } : {}),
          }),
        ),
      );
      // familyPrefix is a prefix: clawster-b1 also lists clawster-b10. Keep the exact family.
      arns.push(
        ...(page.taskDefinitionArns ?? []).filter((a) => a.split('/').pop()?.replace(/:\d+$/, '') === family),
      );
      nextToken = page.nextToken;
    } while (nextToken);
    // Checked one by one: what is reported as deregistered must really have been active.
    const active: string[] = [];
    for (const arn of arns) {
      const d = await awsCall(ctx('ecs:DescribeTaskDefinition', arn), () =>
        c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn })),
      );
      if (d.taskDefinition?.status === 'ACTIVE') active.push(arn);
    }
    return active;
  }

  return {
    kind: 'ecs',

    deploy: (bot, config, secrets) => roll(bot, config, secrets, false),
    update: (bot, config, secrets) => roll(bot, config, secrets, true),

    async stop(botId) {
      assertBotId(botId);
      await setDesired(botId, 0);
    },

    async start(botId) {
      assertBotId(botId);
      await setDesired(botId, 1);
    },

    async redeploy(botId) {
      assertBotId(botId);
      await requireService(botId);
      await awsCall(ctx('ecs:UpdateService', ecsServiceName(botId)), () =>
        c.ecs.send(
          new UpdateServiceCommand({
            cluster: s.cluster,
            service: ecsServiceName(botId),
            forceNewDeployment: true,
          }),
        ),
      );
      log.info('ecs bot redeployed', { botId });
    },

    async destroy(botId): Promise<DestroyResult> {
      assertBotId(botId);
      const removed: string[] = [];
      const name = ecsServiceName(botId);
      const svc = await findService(botId);
      if (svc) {
        if ((svc.desiredCount ?? 0) > 0)
          await awsCall(ctx('ecs:UpdateService', name), () =>
            c.ecs.send(new UpdateServiceCommand({ cluster: s.cluster, service: name, desiredCount: 0 })),
          );
        await awsCall(ctx('ecs:DeleteService', name), () =>
          c.ecs.send(new DeleteServiceCommand({ cluster: s.cluster, service: name, force: true })),
        );
        removed.push(`ECS service ${name} deleted`);
      }
      for (const arn of await familyRevisions(botId)) {
        await awsCall(ctx('ecs:DeregisterTaskDefinition', arn), () =>
          c.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn })),
        );
        removed.push(`task definition ${arn.split('/').pop()} deregistered`);
      }
      const prefix = botSecretsPrefix(botId, s.secretsPrefix);
      let nextToken: string | undefined;
      const secretArns: Array<{ arn: string; name: string }> = [];
      do {
        const page = await awsCall(ctx('secretsmanager:ListSecrets', prefix), () =>
          c.secrets.send(
            new ListSecretsCommand({
              Filters: [{ Key: 'name', Values: [prefix] }],
              MaxResults: 100,
              ...(nextToken ? { NextToken: nextToken } : {}),
            }),
          ),
        );
        for (const x of page.SecretList ?? [])
          if (x.ARN && x.Name?.startsWith(prefix) && !x.DeletedDate)
            secretArns.push({ arn: x.ARN, name: x.Name });
        nextToken = page.NextToken;
      } while (nextToken);
      secretArns.sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const x of secretArns) {
        const out = await awsCall(ctx('secretsmanager:DeleteSecret', x.name), () =>
          c.secrets.send(
            new DeleteSecretCommand({ SecretId: x.arn, RecoveryWindowInDays: s.recoveryWindowDays }),
          ),
        );
        removed.push(
          `secret ${x.name} scheduled for deletion on ${(out.DeletionDate ?? new Date()).toISOString().slice(0, 10)} (restorable until then)`,
        );
      }
      if (removed.length > 0) log.info('ecs bot destroyed', { botId, removed });
      return { removed };
    },

    status(botId) {
      assertBotId(botId);
      return ecsBotStatus(c, s.cluster, botId);
    },

    async logs(botId, query) {
      assertBotId(botId);
      return readEcsLogs(logSource, botId, query);
    },

    async followLogs(botId, options) {
      assertBotId(botId);
      return followEcsLogs(logSource, botId, options);
    },
  };
}
