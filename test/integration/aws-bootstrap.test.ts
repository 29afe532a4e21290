import { DescribeLogGroupsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeClustersCommand, ListClustersCommand } from '@aws-sdk/client-ecs';
import {
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAws } from '../../main/aws/bootstrap.ts';
import { type AwsClients, createAwsClients } from '../../main/aws/clients.ts';
import { awsDefaults } from '../../main/aws/names.ts';
import { type MotoServer, startMoto } from '../support/moto/moto-server.ts';

let moto: MotoServer;
let aws: AwsClients;

beforeAll(async () => {
  moto = await startMoto();
  aws = createAwsClients(moto.access('eu-west-1'));
});
afterEach(async () => {
  await moto.reset();
});
afterAll(async () => {
  aws?.destroy();
  await moto?.stop();
});

function policy(doc: string | undefined): unknown {
  return JSON.parse(decodeURIComponent(doc ?? 'null'));
}

describe('bootstrapAws against moto', () => {
  it('creates the cluster, log group and both roles, and a second run changes nothing and says so', async () => {
    const first = await bootstrapAws(aws);
    expect(first.resources.map((r) => [r.kind, r.status])).toEqual([
      ['cluster', 'created'],
      ['log-group', 'created'],
      ['execution-role', 'created'],
      ['task-role', 'created'],
    ]);
    expect(first.changed).toBe(true);
    expect(first.accountId).toBe('123456789012');
    expect(first.clusterArn).toBe('arn:aws:ecs:eu-west-1:123456789012:cluster/clawster');
    expect(first.executionRoleArn).toBe(`arn:aws:iam::123456789012:role/${awsDefaults.executionRoleName}`);

    const second = await bootstrapAws(aws);
    expect(second.resources.map((r) => r.status)).toEqual(['existed', 'existed', 'existed', 'existed']);
    expect(second.changed).toBe(false);
    expect(second.summary).toBe(
      'All 4 Clawster resources already existed in eu-west-1 as wanted; nothing changed.',
    );
    expect({ ...second, resources: [], changed: true, summary: '' }).toEqual({
      ...first,
      resources: [],
      changed: true,
      summary: '',
    });

    // No duplicates in AWS.
    const clusters = await aws.ecs.send(new ListClustersCommand({}));
    expect(clusters.clusterArns).toEqual([first.clusterArn]);
    const groups = await aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/clawster' }));
    expect(groups.logGroups?.map((g) => [g.logGroupName, g.retentionInDays])).toEqual([
      ['/clawster/bots', 30],
    ]);
    const roles = await aws.iam.send(new ListRolesCommand({}));
    // Exactly these two roles, in whatever order IAM lists them (moto's order varies between runs).
    const names = roles.Roles?.map((r) => r.RoleName ?? '').filter((n) => n.startsWith('clawster-'));
    expect(names?.toSorted()).toEqual([awsDefaults.executionRoleName, awsDefaults.taskRoleName].toSorted());
  });

  it('gives the execution role the ECS managed policy plus read access to Clawster secrets only', async () => {
    await bootstrapAws(aws);
    const role = await aws.iam.send(new GetRoleCommand({ RoleName: awsDefaults.executionRoleName }));
    expect(policy(role.Role?.AssumeRolePolicyDocument)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: ['sts:AssumeRole'],
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        },
      ],
    });
    const attached = await aws.iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: awsDefaults.executionRoleName }),
    );
    expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([
      'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    ]);
    const inline = await aws.iam.send(
      new GetRolePolicyCommand({
        RoleName: awsDefaults.executionRoleName,
        PolicyName: 'clawster-read-bot-secrets',
      }),
    );
    expect(policy(inline.PolicyDocument)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadClawsterBotSecrets',
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue'],
          Resource: 'arn:aws:secretsmanager:*:123456789012:secret:clawster/*',
        },
      ],
    });
  });

  it('gives the task role no managed policy and no wildcard action', async () => {
    await bootstrapAws(aws);
    const attached = await aws.iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: awsDefaults.taskRoleName }),
    );
    expect(attached.AttachedPolicies).toEqual([]);
    const inline = await aws.iam.send(
      new GetRolePolicyCommand({ RoleName: awsDefaults.taskRoleName, PolicyName: 'clawster-bot-task' }),
    );
    const doc = policy(inline.PolicyDocument) as { Statement: Array<{ Action: string[] }> };
    const actions = doc.Statement.flatMap((s) => s.Action);
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) expect(a).toMatch(/^[a-z0-9]+:[A-Za-z]+$/);
  });

  it('puts drift back and reports exactly what it changed', async () => {
    await bootstrapAws(aws);
    await aws.logs.send(
      new PutRetentionPolicyCommand({ logGroupName: '/clawster/bots', retentionInDays: 7 }),
    );
    await aws.iam.send(
      new DetachRolePolicyCommand({
        RoleName: awsDefaults.executionRoleName,
        PolicyArn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      }),
    );
    const again = await bootstrapAws(aws);
    expect(again.resources.map((r) => [r.kind, r.status, r.changes])).toEqual([
      ['cluster', 'existed', []],
      ['log-group', 'updated', ['retention set to 30 days (was 7)']],
      [
        'execution-role',
        'updated',
        ['attached arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
      ],
      ['task-role', 'existed', []],
    ]);
    expect(again.changed).toBe(true);
    expect((await bootstrapAws(aws)).changed).toBe(false);
  });

  it('uses the names and retention it is given, and refuses a retention CloudWatch does not offer', async () => {
    const r = await bootstrapAws(aws, {
      clusterName: 'team-a',
      logGroupName: '/team-a/bots',
      logRetentionDays: 90,
    });
    expect(r.clusterArn).toMatch(/cluster\/team-a$/);
    const d = await aws.ecs.send(new DescribeClustersCommand({ clusters: ['team-a'] }));
    expect(d.clusters?.[0]?.status).toBe('ACTIVE');
    await expect(bootstrapAws(aws, { logRetentionDays: 10 })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('cannot keep logs for 10 days'),
    });
  });
});
