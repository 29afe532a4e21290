import {
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateClusterCommand, DescribeClustersCommand } from '@aws-sdk/client-ecs';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { canonicalJson } from '../../shared/config/canonical.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { AwsClients } from './clients.ts';
import { callerIdentity } from './credentials.ts';
import { awsCall, awsErrorName } from './errors.ts';
import { awsDefaults, logRetentionDays, managedTag } from './names.ts';
import {
  botTaskPolicy,
  ecsTasksTrustPolicy,
  type PolicyDocument,
  readBotSecretsPolicy,
  taskExecutionManagedPolicyArn,
} from './policies.ts';

export interface BootstrapOptions {
  clusterName?: string;
  logGroupName?: string;
  logRetentionDays?: number;
  executionRoleName?: string;
  taskRoleName?: string;
  secretsPrefix?: string;
}

export type ResourceStatus = 'created' | 'existed' | 'updated';

export interface BootstrapResource {
  kind: 'cluster' | 'log-group' | 'execution-role' | 'task-role';
  name: string;
  arn: string;
  status: ResourceStatus;
  /** What was changed on an existing resource, in words. */
  changes: string[];
}

export interface BootstrapResult {
  region: string;
  accountId: string;
  clusterArn: string;
  logGroupName: string;
  logGroupArn: string;
  executionRoleArn: string;
  taskRoleArn: string;
  resources: BootstrapResource[];
  /** False when every resource already existed as wanted: the run changed nothing. */
  changed: boolean;
  summary: string;
}

const inlineSecretsPolicyName = 'clawster-read-bot-secrets';
const inlineTaskPolicyName = 'clawster-bot-task';

/** Policy documents as IAM returns them (URL-encoded, Action/Resource either string or list) in one comparable form. */
function normalizePolicy(doc: unknown): string {
  const parsed: unknown = typeof doc === 'string' ? JSON.parse(decodeURIComponent(doc)) : doc;
  const statements = Reflect.get(Object(parsed), 'Statement');
  const list: unknown[] = Array.isArray(statements) ? statements : [statements];
  const asList = (v: unknown) => (v === undefined ? undefined : Array.isArray(v) ? [...v].sort() : [v]);
  return canonicalJson({
    Version: Reflect.get(Object(parsed), 'Version'),
    Statement: list.map((s) => {
      const o = Object(s);
      return { ...o, Action: asList(Reflect.get(o, 'Action')), Resource: asList(Reflect.get(o, 'Resource')) };
    }),
  });
}

function samePolicy(current: unknown, wanted: PolicyDocument): boolean {
  try {
    return normalizePolicy(current) === normalizePolicy(wanted);
  } catch {
    return false;
  }
}

function partitionOf(arn: string): string {
  return arn.split(':')[1] || 'aws';
}

async function ensureCluster(c: AwsClients, name: string): Promise<BootstrapResource> {
  const found = await awsCall({ action: 'ecs:DescribeClusters', region: c.region, resource: name }, () =>
    c.ecs.send(new DescribeClustersCommand({ clusters: [name] })),
  );
  const active = found.clusters?.find((x) => x.clusterName === name && x.status === 'ACTIVE');
  if (active?.clusterArn)
    return { kind: 'cluster', name, arn: active.clusterArn, status: 'existed', changes: [] };
  const out = await awsCall({ action: 'ecs:CreateCluster', region: c.region, resource: name }, () =>
    c.ecs.send(
      new CreateClusterCommand({
        clusterName: name,
        capacityProviders: ['FARGATE'],
        tags: [{ key: managedTag.key, value: managedTag.value }],
      }),
    ),
  );
  const arn = out.cluster?.clusterArn;
  if (!arn) throw new AppError('INTERNAL', `AWS created ECS cluster "${name}" but returned no ARN.`);
  return { kind: 'cluster', name, arn, status: 'created', changes: [] };
}

async function ensureLogGroup(c: AwsClients, name: string, retention: number): Promise<BootstrapResource> {
  const ctx = { region: c.region, resource: name };
  const describe = async () => {
    const out = await awsCall({ ...ctx, action: 'logs:DescribeLogGroups' }, () =>
      c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name })),
    );
    return out.logGroups?.find((g) => g.logGroupName === name);
  };
  let group = await describe();
  let status: ResourceStatus = 'existed';
  const changes: string[] = [];
  if (!group) {
    await awsCall({ ...ctx, action: 'logs:CreateLogGroup' }, () =>
      c.logs.send(
        new CreateLogGroupCommand({ logGroupName: name, tags: { [managedTag.key]: managedTag.value } }),
      ),
    );
    status = 'created';
  }
  if (group?.retentionInDays !== retention) {
    await awsCall({ ...ctx, action: 'logs:PutRetentionPolicy' }, () =>
      c.logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: retention })),
    );
    if (status === 'existed') {
      status = 'updated';
      changes.push(`retention set to ${retention} days (was ${group?.retentionInDays ?? 'never expire'})`);
    }
  }
  group = await describe();
  const arn = group?.logGroupArn ?? group?.arn?.replace(/:\*$/, '');
  if (!arn)
    throw new AppError('INTERNAL', `CloudWatch Logs did not return log group "${name}" after creating it.`);
  return { kind: 'log-group', name, arn, status, changes };
}

interface RoleSpec {
  kind: 'execution-role' | 'task-role';
  name: string;
  description: string;
  trust: PolicyDocument;
  managedPolicyArns: string[];
  inlinePolicyName: string;
  inlinePolicy: PolicyDocument;
}

async function ensureRole(c: AwsClients, spec: RoleSpec): Promise<BootstrapResource> {
  const ctx = { region: c.region, resource: spec.name };
  let status: ResourceStatus = 'existed';
  const changes: string[] = [];
  let role = await awsCall({ ...ctx, action: 'iam:GetRole' }, async () => {
    try {
      return (await c.iam.send(new GetRoleCommand({ RoleName: spec.name }))).Role;
    } catch (err) {
      if (awsErrorName(err) === 'NoSuchEntity' || awsErrorName(err) === 'NoSuchEntityException')
        return undefined;
      throw err;
    }
  });
  if (!role) {
    role = (
      await awsCall({ ...ctx, action: 'iam:CreateRole' }, () =>
        c.iam.send(
          new CreateRoleCommand({
            RoleName: spec.name,
            Description: spec.description,
            AssumeRolePolicyDocument: JSON.stringify(spec.trust),
            Tags: [{ Key: managedTag.key, Value: managedTag.value }],
          }),
        ),
      )
    ).Role;
    status = 'created';
  } else if (!samePolicy(role.AssumeRolePolicyDocument, spec.trust)) {
    await awsCall({ ...ctx, action: 'iam:UpdateAssumeRolePolicy' }, () =>
      c.iam.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: spec.name,
          PolicyDocument: JSON.stringify(spec.trust),
        }),
      ),
    );
    changes.push('trust policy reset to ECS tasks of this account');
  }
  const arn = role?.Arn;
  if (!arn) throw new AppError('INTERNAL', `IAM returned no ARN for role "${spec.name}".`);

  if (spec.managedPolicyArns.length > 0) {
    const attached = await awsCall({ ...ctx, action: 'iam:ListAttachedRolePolicies' }, () =>
      c.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: spec.name })),
    );
    const have = new Set((attached.AttachedPolicies ?? []).map((p) => p.PolicyArn));
    for (const policyArn of spec.managedPolicyArns.filter((p) => !have.has(p))) {
      await awsCall({ ...ctx, action: 'iam:AttachRolePolicy' }, () =>
        c.iam.send(new AttachRolePolicyCommand({ RoleName: spec.name, PolicyArn: policyArn })),
      );
      if (status === 'existed') changes.push(`attached ${policyArn}`);
    }
  }

  const current = await awsCall({ ...ctx, action: 'iam:GetRolePolicy' }, async () => {
    try {
      const out = await c.iam.send(
        new GetRolePolicyCommand({ RoleName: spec.name, PolicyName: spec.inlinePolicyName }),
      );
      return out.PolicyDocument;
    } catch (err) {
      if (awsErrorName(err) === 'NoSuchEntity' || awsErrorName(err) === 'NoSuchEntityException')
        return undefined;
      throw err;
    }
  });
  if (current === undefined || !samePolicy(current, spec.inlinePolicy)) {
    await awsCall({ ...ctx, action: 'iam:PutRolePolicy' }, () =>
      c.iam.send(
        new PutRolePolicyCommand({
          RoleName: spec.name,
          PolicyName: spec.inlinePolicyName,
          PolicyDocument: JSON.stringify(spec.inlinePolicy),
        }),
      ),
    );
    if (status === 'existed')
      changes.push(`inline policy ${spec.inlinePolicyName} ${current ? 'reset' : 'added'}`);
  }
  if (status === 'existed' && changes.length > 0) status = 'updated';
  return { kind: spec.kind, name: spec.name, arn, status, changes };
}

function describe(region: string, resources: BootstrapResource[]): string {
  const changed = resources.filter((r) => r.status !== 'existed');
  if (changed.length === 0)
    return `All ${resources.length} Clawster resources already existed in ${region} as wanted; nothing changed.`;
  return resources
    .map((r) => `${r.kind} ${r.name}: ${r.status}${r.changes.length ? ` (${r.changes.join('; ')})` : ''}`)
    .join('. ');
}

/**
 * Creates, idempotently, what Clawster needs in one AWS region to run bots on ECS Fargate: the
 * cluster, the log group (with retention), the task execution role (ECS reads images, logs and the
 * bots' secrets with it) and the least-privilege task role. Running it again changes nothing and
 * says so; drift (a changed retention, a detached policy) is put back and reported as `updated`.
 * Subnets and security groups are not created: the operator chooses them.
 */
export async function bootstrapAws(
  clients: AwsClients,
  options: BootstrapOptions = {},
): Promise<BootstrapResult> {
  const retention = options.logRetentionDays ?? awsDefaults.logRetentionDays;
  if (!(logRetentionDays as readonly number[]).includes(retention))
    throw new AppError(
      'VALIDATION',
      `CloudWatch Logs cannot keep logs for ${retention} days. Choose one of ${logRetentionDays.join(', ')}.`,
      [{ path: 'logRetentionDays', message: 'not a CloudWatch retention value' }],
    );
  const identity = await callerIdentity(clients);
  const partition = partitionOf(identity.arn);
  const prefix = options.secretsPrefix ?? awsDefaults.secretsPrefix;
  const cluster = await ensureCluster(clients, options.clusterName ?? awsDefaults.clusterName);
  const logGroup = await ensureLogGroup(clients, options.logGroupName ?? awsDefaults.logGroupName, retention);
  const executionRole = await ensureRole(clients, {
    kind: 'execution-role',
    name: options.executionRoleName ?? awsDefaults.executionRoleName,
    description: 'Clawster: lets ECS pull the OpenClaw image, write its logs and read the bot secrets',
    trust: ecsTasksTrustPolicy(identity.account),
    managedPolicyArns: [taskExecutionManagedPolicyArn(partition)],
    inlinePolicyName: inlineSecretsPolicyName,
    inlinePolicy: readBotSecretsPolicy(partition, identity.account, prefix),
  });
  const taskRole = await ensureRole(clients, {
    kind: 'task-role',
    name: options.taskRoleName ?? awsDefaults.taskRoleName,
    description: 'Clawster: identity of the OpenClaw process (ECS Exec channels only)',
    trust: ecsTasksTrustPolicy(identity.account),
    managedPolicyArns: [],
    inlinePolicyName: inlineTaskPolicyName,
    inlinePolicy: botTaskPolicy(),
  });
  const resources = [cluster, logGroup, executionRole, taskRole];
  return {
    region: clients.region,
    accountId: identity.account,
    clusterArn: cluster.arn,
    logGroupName: logGroup.name,
    logGroupArn: logGroup.arn,
    executionRoleArn: executionRole.arn,
    taskRoleArn: taskRole.arn,
    resources,
    changed: resources.some((r) => r.status !== 'existed'),
    summary: describe(clients.region, resources),
  };
}
