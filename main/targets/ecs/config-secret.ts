import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { canonicalJson } from '../../../shared/config/canonical.ts';
import { AppError } from '../../../shared/contract/errors.ts';
import type { AwsClients } from '../../aws/clients.ts';
import { awsCall, awsErrorName } from '../../aws/errors.ts';
import { botConfigSecretName, botIdTagKey, managedTag } from '../../aws/names.ts';

/** Largest value Secrets Manager stores. */
const maxSecretBytes = 65_536;

export interface ConfigSecretVersion {
  arn: string;
  name: string;
  versionId: string;
  /** False when the secret already held exactly this config. */
  changed: boolean;
}

async function describeOrNull(c: AwsClients, name: string) {
  return awsCall({ action: 'secretsmanager:DescribeSecret', region: c.region, resource: name }, async () => {
    try {
      return await c.secrets.send(new DescribeSecretCommand({ SecretId: name }));
    } catch (err) {
      if (awsErrorName(err) === 'ResourceNotFoundException') return null;
      throw err;
    }
  });
}

/**
 * Writes a bot's resolved openclaw.json into its own Secrets Manager secret and returns the exact
 * version that holds it (task definitions pin that version). The same config twice gives the same
 * version; a secret scheduled for deletion (a destroyed bot deployed again) is restored first.
 */
export async function putConfigSecret(
  c: AwsClients,
  botId: string,
  config: Record<string, unknown>,
  prefix: string,
): Promise<ConfigSecretVersion> {
  const value = canonicalJson(config);
  if (Buffer.byteLength(value) > maxSecretBytes)
    throw new AppError(
      'VALIDATION',
      `The resolved config of this bot is ${Buffer.byteLength(value)} bytes; Secrets Manager holds at most 64 KiB. Move large parts (prompts, skills) out of openclaw.json.`,
    );
  return putSecretString(c, {
    name: botConfigSecretName(botId, prefix),
    botId,
    description: `Clawster: resolved openclaw.json of bot ${botId}`,
    value,
  });
}

/**
 * Writes a value into the secret `name` (a bot's config or gateway token, or a secret the
 * operator sets): created with Clawster's tags when missing (and the bot's, for a bot's own),
 * restored when it was scheduled for deletion, a new version only when the value changed.
 */
export async function putSecretString(
  c: AwsClients,
  s: { name: string; botId?: string; description: string; value: string },
): Promise<ConfigSecretVersion> {
  const { name, value } = s;
  const ctx = { region: c.region, resource: name };
  const existing = await describeOrNull(c, name);
  if (!existing) {
    const out = await awsCall({ ...ctx, action: 'secretsmanager:CreateSecret' }, () =>
      c.secrets.send(
        new CreateSecretCommand({
          Name: name,
          Description: s.description,
          SecretString: value,
          Tags: [
            { Key: managedTag.key, Value: managedTag.value },
            ...(s.botId ? [{ Key: botIdTagKey, Value: s.botId }] : []),
          ],
        }),
      ),
    );
    if (!out.ARN || !out.VersionId)
      throw new AppError('INTERNAL', `Secrets Manager created ${name} without an ARN.`);
    return { arn: out.ARN, name, versionId: out.VersionId, changed: true };
  }
  if (existing.DeletedDate)
    await awsCall({ ...ctx, action: 'secretsmanager:RestoreSecret' }, () =>
      c.secrets.send(new RestoreSecretCommand({ SecretId: name })),
    );
  const current = await awsCall({ ...ctx, action: 'secretsmanager:GetSecretValue' }, () =>
    c.secrets.send(new GetSecretValueCommand({ SecretId: name })),
  );
  const arn = existing.ARN ?? current.ARN;
  if (!arn) throw new AppError('INTERNAL', `Secrets Manager returned no ARN for ${name}.`);
  if (current.SecretString === value && current.VersionId)
    return { arn, name, versionId: current.VersionId, changed: false };
  const put = await awsCall({ ...ctx, action: 'secretsmanager:PutSecretValue' }, () =>
    c.secrets.send(new PutSecretValueCommand({ SecretId: name, SecretString: value })),
  );
  if (!put.VersionId) throw new AppError('INTERNAL', `Secrets Manager stored ${name} without a version id.`);
  return { arn, name, versionId: put.VersionId, changed: true };
}

/** The ARN of a Secrets Manager secret given by name or ARN; null when there is none (or it is being deleted). */
export async function secretArnOf(c: AwsClients, nameOrArn: string): Promise<string | null> {
  const found = await describeOrNull(c, nameOrArn);
  return found && !found.DeletedDate && found.ARN ? found.ARN : null;
}
