import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../../main/aws/clients.ts';
import { createBotSecrets } from '../../main/targets/ecs/bot-secrets.ts';
import { createEcsTarget, type EcsTarget } from '../../main/targets/ecs/ecs-target.ts';
import type { EcsTargetSettings } from '../../main/targets/ecs/settings.ts';
import { canonicalJson } from '../../shared/config/canonical.ts';
import { botConfig, prepareEcs } from '../support/moto/ecs-setup.ts';
import type { MotoNetwork } from '../support/moto/moto-network.ts';
import { type MotoServer, startMoto } from '../support/moto/moto-server.ts';

let moto: MotoServer;
let aws: AwsClients;
let settings: EcsTargetSettings;
let network: MotoNetwork;
let target: EcsTarget;
const bot = { id: 'b1', name: 'Support bot' };

beforeAll(async () => {
  moto = await startMoto();
  aws = createAwsClients(moto.access('eu-west-1'));
});
beforeEach(async () => {
  ({ settings, network } = await prepareEcs(moto.endpoint, aws));
  target = createEcsTarget({ clients: aws, settings });
});
afterEach(async () => {
  await moto.reset();
});
afterAll(async () => {
  aws?.destroy();
  await moto?.stop();
});

async function service(name = 'clawster-b1') {
  const out = await aws.ecs.send(
    new DescribeServicesCommand({ cluster: settings.cluster, services: [name] }),
  );
  return out.services?.[0];
}

async function taskDefinition(arn: string): Promise<TaskDefinition> {
  const out = await aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
  if (!out.taskDefinition) throw new Error(`no task definition ${arn}`);
  return out.taskDefinition;
}

async function revisions(family: string): Promise<string[]> {
  const out = await aws.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family }));
  return (out.taskDefinitionArns ?? []).filter((a) => a.includes(`/${family}:`));
}

describe('ECS target against moto', () => {
  it('deploys a bot: config secret, one task definition revision, one private Fargate service', async () => {
    const config = botConfig('v1');
    const result = await target.deploy(bot, config, []);
    expect(result).toEqual({
      revision: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/clawster-b1:1',
      configVersion: 'v1',
      changed: true,
    });

    const secret = await aws.secrets.send(new GetSecretValueCommand({ SecretId: 'clawster/bots/b1/config' }));
    expect(secret.SecretString).toBe(canonicalJson(config.json));

    const td = await taskDefinition(result.revision);
    expect(td).toMatchObject({
      family: 'clawster-b1',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '1024',
      memory: '2048',
      executionRoleArn: 'arn:aws:iam::123456789012:role/clawster-ecs-task-execution',
      taskRoleArn: 'arn:aws:iam::123456789012:role/clawster-bot-task',
    });
    const container = td.containerDefinitions?.[0];
    expect(container?.image).toBe('ghcr.io/openclaw/openclaw:2026.9.6');
    expect(container?.command?.[0]).toContain('exec openclaw gateway run');
    expect(container?.healthCheck?.command).toEqual([
      'CMD-SHELL',
      'openclaw health --json > /dev/null 2>&1 || exit 1',
    ]);
    expect(container?.secrets).toEqual([
      { name: 'OPENCLAW_CONFIG_JSON', valueFrom: `${secret.ARN}:::${secret.VersionId}` },
    ]);
    expect(container?.portMappings?.[0]?.containerPort).toBe(18789);
    expect(container?.logConfiguration).toMatchObject({
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '/clawster/bots',
        'awslogs-region': 'eu-west-1',
        'awslogs-stream-prefix': 'b1',
      },
    });
    // The gateway token travels only inside the secret, never in the task definition.
    expect(JSON.stringify(td)).not.toContain('gateway-token-v1');

    const svc = await service();
    expect(svc).toMatchObject({
      status: 'ACTIVE',
      desiredCount: 1,
      launchType: 'FARGATE',
      taskDefinition: result.revision,
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: network.subnetIds,
          securityGroups: [network.securityGroupId],
          assignPublicIp: 'DISABLED',
        },
      },
    });
  });

  it('deploying the same config again changes nothing', async () => {
    const first = await target.deploy(bot, botConfig('v1'), []);
    const again = await target.deploy(bot, botConfig('v1'), []);
    expect(again).toEqual({ ...first, changed: false });
    expect(await revisions('clawster-b1')).toHaveLength(1);
  });

  it('update registers a new revision pinned to the new config and rolls the service to it', async () => {
    const first = await target.deploy(bot, botConfig('v1'), []);
    const updated = await target.update(bot, botConfig('v2'), []);
    expect(updated.revision).toBe('arn:aws:ecs:eu-west-1:123456789012:task-definition/clawster-b1:2');
    expect(updated.changed).toBe(true);
    expect((await service())?.taskDefinition).toBe(updated.revision);

    const secret = await aws.secrets.send(new GetSecretValueCommand({ SecretId: 'clawster/bots/b1/config' }));
    expect(secret.SecretString).toBe(canonicalJson(botConfig('v2').json));
    const pinned = async (arn: string) =>
      (await taskDefinition(arn)).containerDefinitions?.[0]?.secrets?.[0]?.valueFrom;
    expect(await pinned(updated.revision)).toBe(`${secret.ARN}:::${secret.VersionId}`);
    // The old revision still reads the old config version: rolling back restores the old config.
    expect(await pinned(first.revision)).not.toBe(await pinned(updated.revision));
    expect(await revisions('clawster-b1')).toHaveLength(2);
    expect((await target.status('b1')).configVersion).toBe('v2');
  });

  it('stop sets the desired count to 0 and start back to 1, both idempotent', async () => {
    await target.deploy(bot, botConfig('v1'), []);
    await target.stop('b1');
    expect((await service())?.desiredCount).toBe(0);
    expect((await target.status('b1')).state).toBe('stopped');
    await target.stop('b1');
    expect((await service())?.desiredCount).toBe(0);

    // An update while stopped rolls the revision but keeps the bot stopped.
    await target.update(bot, botConfig('v2'), []);
    expect((await service())?.desiredCount).toBe(0);

    await target.start('b1');
    expect((await service())?.desiredCount).toBe(1);
    await target.start('b1');
    const status = await target.status('b1');
    expect(status).toMatchObject({ state: 'running', desired: 1, running: 1, configVersion: 'v2' });
  });

  it('destroy deletes the service, deregisters every revision and schedules the secrets for deletion, and nothing of another bot', async () => {
    const secrets = createBotSecrets({
      clients: aws,
      cluster: settings.cluster,
      secretsPrefix: settings.secretsPrefix,
      recoveryWindowDays: settings.recoveryWindowDays,
    });
    const token = await secrets.create({ botId: 'b1' }, 'TELEGRAM_BOT_TOKEN', 'tg-secret-value-123456');
    await target.deploy(bot, botConfig('v1'), [{ env: 'TELEGRAM_BOT_TOKEN', ref: token.arn }]);
    await target.update(bot, botConfig('v2'), [{ env: 'TELEGRAM_BOT_TOKEN', ref: token.arn }]);
    // A bot whose id starts with the same characters must survive.
    const neighbour = await target.deploy({ id: 'b10', name: 'Neighbour' }, botConfig('n1'), []);

    const result = await target.destroy('b1');
    expect(result.removed).toEqual([
      'ECS service clawster-b1 deleted',
      'task definition clawster-b1:1 deregistered',
      'task definition clawster-b1:2 deregistered',
      expect.stringMatching(/^secret clawster\/bots\/b1\/config scheduled for deletion on \d{4}-\d\d-\d\d/),
      expect.stringMatching(/^secret clawster\/bots\/b1\/secrets\/TELEGRAM_BOT_TOKEN scheduled for deletion/),
    ]);

    expect((await service())?.status).toBe('INACTIVE');
    for (const arn of await revisions('clawster-b1'))
      expect((await taskDefinition(arn)).status).toBe('INACTIVE');
    for (const name of ['clawster/bots/b1/config', 'clawster/bots/b1/secrets/TELEGRAM_BOT_TOKEN']) {
      const d = await aws.secrets.send(new DescribeSecretCommand({ SecretId: name }));
      const days = ((d.DeletedDate?.getTime() ?? 0) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29);
      expect(days).toBeLessThanOrEqual(30);
    }
    expect((await target.status('b1')).state).toBe('absent');

    expect((await service('clawster-b10'))?.status).toBe('ACTIVE');
    expect((await taskDefinition(neighbour.revision)).status).toBe('ACTIVE');
    const left = await aws.secrets.send(
      new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['clawster/bots/b10/'] }] }),
    );
    expect(left.SecretList?.map((x) => [x.Name, x.DeletedDate])).toEqual([
      ['clawster/bots/b10/config', undefined],
    ]);

    expect(await target.destroy('b1')).toEqual({ removed: [] });
  });

  it('a destroyed bot can be deployed again: its config secret is restored', async () => {
    await target.deploy(bot, botConfig('v1'), []);
    await target.destroy('b1');
    const again = await target.deploy(bot, botConfig('v3'), []);
    expect(again.changed).toBe(true);
    const d = await aws.secrets.send(new DescribeSecretCommand({ SecretId: 'clawster/bots/b1/config' }));
    expect(d.DeletedDate).toBeUndefined();
    expect((await service())?.status).toBe('ACTIVE');
  });

  it('redeploy starts a new deployment of the same revision', async () => {
    const { revision } = await target.deploy(bot, botConfig('v1'), []);
    const before = (await service())?.deployments?.[0]?.id;
    await target.redeploy('b1');
    const after = await service();
    expect(after?.deployments?.[0]?.id).not.toBe(before);
    expect(after?.taskDefinition).toBe(revision);
  });

  it('reports task status, health and stop reasons from ECS', async () => {
    await target.deploy(bot, botConfig('v1'), []);
    expect(await target.status('b1')).toMatchObject({ state: 'starting', desired: 1, running: 0 });

    // moto does not launch a service's tasks; start one the way the ECS scheduler would
    // (startedBy = the service's deployment id).
    const deploymentId = (await service())?.deployments?.[0]?.id;
    await moto.setTransition('ecs::task', { progression: 'manual', times: 1000 });
    await aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'moto-sim',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '1024',
        memory: '2048',
        containerDefinitions: [{ name: 'openclaw', image: 'x', essential: true, memory: 2048 }],
      }),
    );
    const run = await aws.ecs.send(
      new RunTaskCommand({
        cluster: settings.cluster,
        taskDefinition: 'moto-sim',
        launchType: 'FARGATE',
        startedBy: deploymentId,
        networkConfiguration: {
          awsvpcConfiguration: { subnets: network.subnetIds, securityGroups: [network.securityGroupId] },
        },
      }),
    );
    const taskArn = run.tasks?.[0]?.taskArn ?? '';
    const running = await target.status('b1');
    expect(running.instances).toEqual([
      expect.objectContaining({ id: taskArn.split('/').pop(), state: 'RUNNING' }),
    ]);

    await aws.ecs.send(
      new StopTaskCommand({
        cluster: settings.cluster,
        task: taskArn,
        reason: 'Essential container in task exited',
      }),
    );
    const stopped = await target.status('b1');
    expect(stopped.instances).toEqual([
      expect.objectContaining({ state: 'STOPPED', stoppedReason: 'Essential container in task exited' }),
    ]);
    expect(stopped.state).toBe('failed');
    expect(stopped.detail).toContain('Essential container in task exited');
  });

  it('says what to do for a bot that is not deployed', async () => {
    await expect(target.update(bot, botConfig('v1'), [])).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('Deploy it first'),
    });
    await expect(target.stop('b1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await target.status('b1')).toMatchObject({ state: 'absent', detail: 'Not deployed to ECS.' });
  });

  it('refuses plaintext secrets and a public IP without gateway auth, and creates nothing', async () => {
    await expect(
      target.deploy(bot, botConfig('v1'), [{ env: 'OPENAI_API_KEY', ref: 'sk-plaintext-value-1234' }]),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'secrets.0.ref', message: 'not a Secrets Manager ARN' }],
    });

    const publicTarget = createEcsTarget({
      clients: aws,
      settings: { ...settings, assignPublicIp: 'ENABLED' },
    });
    const open = botConfig('v1', { gateway: { mode: 'local', bind: 'lan', auth: { mode: 'none' } } });
    await expect(publicTarget.deploy(bot, open, [])).rejects.toMatchObject({
      code: 'PRECONDITION',
      message: expect.stringContaining('Refusing to give this bot a public IP'),
    });

    expect(await revisions('clawster-b1')).toEqual([]);
    const secrets = await aws.secrets.send(new ListSecretsCommand({}));
    expect(secrets.SecretList).toEqual([]);
    expect(await service()).toBeUndefined();
  });
});
