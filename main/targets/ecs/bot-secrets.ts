import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListServicesCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import { AppError } from '../../../shared/contract/errors.ts';
import type { AwsClients } from '../../aws/clients.ts';
import { awsCall, awsErrorName } from '../../aws/errors.ts';
import {
  botIdPattern,
  botIdTagKey,
  botSecretsPrefix,
  managedTag,
  sharedSecretName,
} from '../../aws/names.ts';
import { registerSecretValue } from '../../log/redact.ts';

/** A bot secret as Clawster shows it: name, ARN and dates, never the value. */
export interface BotSecretInfo {
  name: string;
  arn: string;
  /** The bot it belongs to, or null for a secret shared by several bots. */
  botId: string | null;
  lastChangedAt?: string;
}

export interface BotSecretsOptions {
  clients: AwsClients;
  cluster: string;
  secretsPrefix: string;
  recoveryWindowDays: number;
}

export type SecretScope = { botId: string } | 'shared';

const secretNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** `arn:…:secret:name-AbCdEf` of a valueFrom that may end in `:json-key:stage:version`. */
export function baseSecretArn(valueFrom: string): string {
  return valueFrom.split(':').slice(0, 7).join(':');
}

function fullName(scope: SecretScope, name: string, prefix: string): string {
  if (!secretNamePattern.test(name))
    throw new AppError('VALIDATION', `"${name}" cannot name a secret: use 1-64 letters, digits, . _ -.`, [
      { path: 'name', message: 'invalid secret name' },
    ]);
  if (scope === 'shared') return sharedSecretName(name, prefix);
  if (!botIdPattern.test(scope.botId))
    throw new AppError('VALIDATION', `"${scope.botId}" is not a bot id Clawster can use in AWS names.`);
  return `${botSecretsPrefix(scope.botId, prefix)}secrets/${name}`;
}

/**
 * Secrets of ECS bots (channel tokens, model API keys) in AWS Secrets Manager. Values go in and
 * are registered with the log redactor; they never come back out through here. Bots receive them
 * as environment variables (task definition `secrets`), so a rotation takes effect when the bots
 * that use the secret are redeployed: `rotate` says which ones.
 */
export function createBotSecrets(o: BotSecretsOptions) {
  const c = o.clients;
  const ctx = (action: string, resource: string) => ({ action, region: c.region, resource });

  async function describe(id: string) {
    return awsCall(ctx('secretsmanager:DescribeSecret', id), () =>
      c.secrets.send(new DescribeSecretCommand({ SecretId: id })),
    );
  }

  /** Bot ids whose current task definition reads this secret. */
  async function usedBy(arn: string): Promise<string[]> {
    const base = baseSecretArn(arn);
    const serviceArns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await awsCall(ctx('ecs:ListServices', o.cluster), () =>
        c.ecs.send(
          new ListServicesCommand({
            cluster: o.cluster,
            maxResults: 100,
            ...(nextToken ? { nextToken } : {}),
          }),
        ),
      );
      serviceArns.push(...(page.serviceArns ?? []).filter((a) => /\/clawster-[^/]+$/.test(a)));
      nextToken = page.nextToken;
    } while (nextToken);
    const users = new Set<string>();
    const taskDefs = new Map<string, boolean>();
    for (let i = 0; i < serviceArns.length; i += 10) {
      const d = await awsCall(ctx('ecs:DescribeServices', o.cluster), () =>
        c.ecs.send(
          new DescribeServicesCommand({ cluster: o.cluster, services: serviceArns.slice(i, i + 10) }),
        ),
      );
      for (const s of d.services ?? []) {
        if (s.status === 'INACTIVE' || !s.taskDefinition || !s.serviceName) continue;
        let reads = taskDefs.get(s.taskDefinition);
        if (reads === undefined) {
          const td = await awsCall(ctx('ecs:DescribeTaskDefinition', s.taskDefinition), () =>
            c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: s.taskDefinition })),
          );
          reads = (td.taskDefinition?.containerDefinitions ?? []).some((cd) =>
            (cd.secrets ?? []).some((x) => x.valueFrom !== undefined && baseSecretArn(x.valueFrom) === base),
          );
          taskDefs.set(s.taskDefinition, reads);
        }
        if (reads) users.add(s.serviceName.replace(/^clawster-/, ''));
      }
    }
    return [...users].sort();
  }

  return {
    usedBy,

    /** Creates a secret; a secret of that name already existing is a conflict (rotate it instead). */
    async create(
      scope: SecretScope,
      name: string,
      value: string,
      description?: string,
    ): Promise<BotSecretInfo> {
      const secretName = fullName(scope, name, o.secretsPrefix);
      if (value.length === 0)
        throw new AppError('VALIDATION', 'A secret needs a value.', [{ path: 'value', message: 'empty' }]);
      registerSecretValue(value);
      const out = await awsCall(ctx('secretsmanager:CreateSecret', secretName), async () => {
        try {
          return await c.secrets.send(
            new CreateSecretCommand({
              Name: secretName,
              SecretString: value,
              Description: description ?? 'Clawster bot secret',
              Tags: [
                { Key: managedTag.key, Value: managedTag.value },
                ...(scope === 'shared' ? [] : [{ Key: botIdTagKey, Value: scope.botId }]),
              ],
            }),
          );
        } catch (err) {
          const name = awsErrorName(err);
          if (name !== 'ResourceExistsException' && name !== 'InvalidRequestException') throw err;
          const existing = await describe(secretName).catch(() => null);
          if (existing?.DeletedDate)
            throw new AppError(
              'CONFLICT',
              `Secret ${secretName} is scheduled for deletion (on ${existing.DeletedDate.toISOString()}). Restore it in the AWS console or choose another name.`,
              [{ path: 'name', message: 'scheduled for deletion' }],
            );
          if (existing)
            throw new AppError(
              'CONFLICT',
              `Secret ${secretName} already exists. Rotate it to change its value.`,
              [{ path: 'name', message: 'already exists' }],
            );
          throw err;
        }
      });
      if (!out.ARN) throw new AppError('INTERNAL', `Secrets Manager created ${secretName} without an ARN.`);
      return { name: secretName, arn: out.ARN, botId: scope === 'shared' ? null : scope.botId };
    },

    /** Stores a new value; returns the bots whose running config reads it, to be redeployed. */
    async rotate(arn: string, value: string): Promise<{ versionId: string; usedBy: string[] }> {
      if (value.length === 0)
        throw new AppError('VALIDATION', 'A secret needs a value.', [{ path: 'value', message: 'empty' }]);
      registerSecretValue(value);
      const d = await describe(arn);
      if (d.DeletedDate)
        throw new AppError(
          'PRECONDITION',
          `Secret ${d.Name} is scheduled for deletion; restore it before rotating.`,
        );
      const put = await awsCall(ctx('secretsmanager:PutSecretValue', d.Name ?? arn), () =>
        c.secrets.send(new PutSecretValueCommand({ SecretId: arn, SecretString: value })),
      );
      return { versionId: put.VersionId ?? '', usedBy: await usedBy(arn) };
    },

    /** Schedules deletion (recovery window); refused while a deployed bot still reads the secret. */
    async delete(arn: string): Promise<{ name: string; deletionDate: string }> {
      const d = await describe(arn);
      const users = await usedBy(arn);
      if (users.length > 0)
        throw new AppError(
          'PRECONDITION',
          `Secret ${d.Name} is still used by bot${users.length > 1 ? 's' : ''} ${users.join(', ')}. Remove it from their config and redeploy them first.`,
        );
      if (d.DeletedDate) return { name: d.Name ?? arn, deletionDate: d.DeletedDate.toISOString() };
      const out = await awsCall(ctx('secretsmanager:DeleteSecret', d.Name ?? arn), () =>
        c.secrets.send(
          new DeleteSecretCommand({ SecretId: arn, RecoveryWindowInDays: o.recoveryWindowDays }),
        ),
      );
      return { name: d.Name ?? arn, deletionDate: (out.DeletionDate ?? new Date()).toISOString() };
    },

    /** Clawster's secrets (not those scheduled for deletion), names only. */
    async list(scope?: SecretScope): Promise<BotSecretInfo[]> {
      const prefix =
        scope === undefined
          ? o.secretsPrefix
          : scope === 'shared'
            ? sharedSecretName('', o.secretsPrefix)
            : `${botSecretsPrefix(scope.botId, o.secretsPrefix)}secrets/`;
      const out: BotSecretInfo[] = [];
      let nextToken: string | undefined;
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
        for (const s of page.SecretList ?? []) {
          if (!s.Name?.startsWith(prefix) || !s.ARN || s.DeletedDate || s.Name.endsWith('/config')) continue;
          const bot = /\/bots\/([^/]+)\//.exec(s.Name.slice(o.secretsPrefix.length - 1))?.[1] ?? null;
          out.push({
            name: s.Name,
            arn: s.ARN,
            botId: bot,
            ...(s.LastChangedDate ? { lastChangedAt: s.LastChangedDate.toISOString() } : {}),
          });
        }
        nextToken = page.NextToken;
      } while (nextToken);
      return out.sort((a, b) => (a.name < b.name ? -1 : 1));
    },
  };
}
export type BotSecrets = ReturnType<typeof createBotSecrets>;
