/**
 * The IAM documents of the roles Clawster's ECS tasks run with. Every action is named in full
 * (no `*` in an action); resources are narrowed to Clawster's secrets where AWS allows it.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  /** Absent in trust policies, required in permission policies. */
  Resource?: string | string[];
  Principal?: { Service: string };
  Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** The AWS-managed policy every Fargate task execution role needs (image pull, awslogs). */
export function taskExecutionManagedPolicyArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`;
}

/** ECS tasks of this account (and only this account) may assume the role. */
export function ecsTasksTrustPolicy(accountId: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'ecs-tasks.amazonaws.com' },
        Action: ['sts:AssumeRole'],
        Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
      },
    ],
  };
}

/**
 * Inline policy of the execution role: ECS reads the bot's config and bot secrets (all under
 * Clawster's secrets prefix, any region) to inject them into the container at start.
 */
export function readBotSecretsPolicy(
  partition: string,
  accountId: string,
  secretsPrefix: string,
): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadClawsterBotSecrets',
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: `arn:${partition}:secretsmanager:*:${accountId}:secret:${secretsPrefix}*`,
      },
    ],
  };
}

/**
 * Inline policy of the task role, the identity the OpenClaw process itself gets. OpenClaw needs
 * no AWS API; the only grant is the four ssmmessages channels of ECS Exec, so an operator can run
 * `openclaw devices approve` in the container (see main/targets/ecs/README.md). AWS does not
 * support resource-level permissions for these actions, hence Resource "*".
 */
export function botTaskPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'EcsExecChannels',
        Effect: 'Allow',
        Action: [
          'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel',
          'ssmmessages:OpenControlChannel',
          'ssmmessages:OpenDataChannel',
        ],
        Resource: '*',
      },
    ],
  };
}

/** Every action of a document, for checks such as "no wildcard actions". */
export function policyActions(doc: PolicyDocument): string[] {
  return doc.Statement.flatMap((s) => s.Action);
}
