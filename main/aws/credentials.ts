import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { z } from 'zod';
import { AppError, issuesFromZod } from '../../shared/contract/errors.ts';
import { type Logger, silentLogger } from '../log/logger.ts';
import { registerSecretValue } from '../log/redact.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { type AwsAccess, type AwsClients, createAwsClients, regionPattern } from './clients.ts';
import { awsCall } from './errors.ts';
import { type AwsFilesLocation, listAwsProfiles } from './profiles.ts';

/** The one keychain entry that holds the operator's AWS credentials (or the name of their profile). */
export const awsCredentialsRef = 'aws/credentials';

const regionSchema = z.string().trim().regex(regionPattern, 'not an AWS region name, e.g. eu-west-1');

export const awsKeysInputSchema = z.strictObject({
  accessKeyId: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{16,128}$/, 'an access key ID is 16-128 capital letters and digits, e.g. AKIA…'),
  secretAccessKey: z
    .string()
    .trim()
    .min(16, 'the secret access key is too short')
    .max(256)
    .regex(/^\S+$/, 'the secret access key has no spaces'),
  sessionToken: z
    .string()
    .trim()
    .min(16)
    .max(8192)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  region: regionSchema,
});
export type AwsKeysInput = z.input<typeof awsKeysInputSchema>;

export const awsProfileInputSchema = z.strictObject({
  profile: z
    .string()
    .trim()
    .min(1, 'choose a profile')
    .max(128)
    .regex(/^[\w.@+-]+$/, 'profile names hold letters, digits and . _ @ + - only'),
  region: regionSchema.optional(),
});
export type AwsProfileInput = z.input<typeof awsProfileInputSchema>;

const storedSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('keys'),
    accessKeyId: z.string(),
    secretAccessKey: z.string(),
    sessionToken: z.string().optional(),
    region: z.string(),
  }),
  z.object({ kind: z.literal('profile'), profile: z.string(), region: z.string() }),
]);
type Stored = z.infer<typeof storedSchema>;

/** Who AWS says these credentials are (STS GetCallerIdentity). */
export interface AwsIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** What may be shown about the stored credentials: no secret, the key ID only as a hint. */
export interface AwsCredentialsSummary {
  kind: 'keys' | 'profile';
  region: string;
  /** `AKIA…WXYZ` for keys. */
  accessKeyIdHint?: string;
  hasSessionToken?: boolean;
  profile?: string;
}

export interface AwsCredentialsOptions {
  store: SecretStore;
  /** Endpoint override for every AWS client (moto in the tests). */
  endpoint?: string;
  /** Where ~/.aws lives (tests point it at a temp folder). */
  awsFiles?: AwsFilesLocation;
  maxAttempts?: number;
  log?: Logger;
}

function parse<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw new AppError('VALIDATION', `The ${what} are not valid.`, issuesFromZod(r.error));
  return r.data;
}

function hint(accessKeyId: string): string {
  return `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

function summarize(s: Stored): AwsCredentialsSummary {
  return s.kind === 'keys'
    ? {
        kind: 'keys',
        region: s.region,
        accessKeyIdHint: hint(s.accessKeyId),
        hasSessionToken: s.sessionToken !== undefined,
      }
    : { kind: 'profile', region: s.region, profile: s.profile };
}

function rememberSecrets(s: Stored): void {
  if (s.kind !== 'keys') return;
  registerSecretValue(s.secretAccessKey);
  if (s.sessionToken) registerSecretValue(s.sessionToken);
}

/**
 * The operator's AWS credentials: static keys kept only in the SecretStore (the OS keychain), or
 * the name of a profile from ~/.aws whose secrets stay where the AWS CLI keeps them. Nothing here
 * logs or returns a secret value; secrets are registered with the log redactor as they are read.
 */
export function createAwsCredentials(options: AwsCredentialsOptions) {
  const log = (options.log ?? silentLogger).child('aws.credentials');

  function accessFor(s: Stored): AwsAccess {
    return {
      region: s.region,
      ...(s.kind === 'keys'
        ? {
            keys: {
              accessKeyId: s.accessKeyId,
              secretAccessKey: s.secretAccessKey,
              ...(s.sessionToken ? { sessionToken: s.sessionToken } : {}),
            },
          }
        : { profile: s.profile }),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    };
  }

  async function identityOf(s: Stored): Promise<AwsIdentity> {
    const clients = createAwsClients(accessFor(s));
    try {
      return await callerIdentity(clients);
    } finally {
      clients.destroy();
    }
  }

  async function load(): Promise<Stored | null> {
    const raw = await options.store.get(awsCredentialsRef);
    if (raw === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const r = storedSchema.safeParse(json);
    if (!r.success)
      throw new AppError(
        'PRECONDITION',
        'The AWS credentials stored in the OS keychain cannot be read. Enter them again in Settings > AWS.',
      );
    rememberSecrets(r.data);
    return r.data;
  }

  async function loadRequired(): Promise<Stored> {
    const s = await load();
    if (!s)
      throw new AppError(
        'PRECONDITION',
        'No AWS credentials are set up. Enter an access key or choose a profile in Settings > AWS.',
      );
    return s;
  }

  async function save(s: Stored): Promise<{ summary: AwsCredentialsSummary; identity: AwsIdentity }> {
    rememberSecrets(s);
    // Checked before anything is stored: bad credentials change nothing.
    const identity = await identityOf(s);
    await options.store.put(awsCredentialsRef, JSON.stringify(s));
    const summary = summarize(s);
    log.info('aws credentials saved', { ...summary, account: identity.account, arn: identity.arn });
    return { summary, identity };
  }

  return {
    /** Checks the keys with STS, then stores them in the keychain. */
    async saveAccessKeys(input: AwsKeysInput) {
      const p = parse(awsKeysInputSchema, input, 'AWS access key details');
      return save({
        kind: 'keys',
        accessKeyId: p.accessKeyId,
        secretAccessKey: p.secretAccessKey,
        ...(p.sessionToken ? { sessionToken: p.sessionToken } : {}),
        region: p.region,
      });
    },

    /** Checks a ~/.aws profile with STS, then stores only its name (and region). */
    async useProfile(input: AwsProfileInput) {
      const p = parse(awsProfileInputSchema, input, 'AWS profile details');
      const profiles = await listAwsProfiles(options.awsFiles);
      const found = profiles.find((x) => x.name === p.profile);
      if (!found)
        throw new AppError(
          'NOT_FOUND',
          `There is no AWS profile "${p.profile}" in ~/.aws/config or ~/.aws/credentials. Create it with \`aws configure --profile ${p.profile}\` or choose another one.`,
          [{ path: 'profile', message: 'no such profile' }],
        );
      const region = p.region ?? found.region;
      if (!region)
        throw new AppError(
          'VALIDATION',
          `AWS profile "${p.profile}" has no region. Choose a region, or add \`region = …\` to the profile.`,
          [{ path: 'region', message: 'required' }],
        );
      return save({ kind: 'profile', profile: p.profile, region });
    },

    /** The profiles the operator can choose from (names and regions only). */
    listProfiles: () => listAwsProfiles(options.awsFiles),

    /** What is stored, without secrets; null when nothing is. */
    async summary(): Promise<AwsCredentialsSummary | null> {
      const s = await load();
      return s ? summarize(s) : null;
    },

    /** STS GetCallerIdentity with the stored credentials. */
    async verify(): Promise<AwsIdentity> {
      return identityOf(await loadRequired());
    },

    /** Region, credentials and endpoint for building AWS clients. */
    async access(): Promise<AwsAccess> {
      return accessFor(await loadRequired());
    },

    /** AWS clients for the stored credentials; the caller destroys them. */
    async clients(): Promise<AwsClients> {
      return createAwsClients(accessFor(await loadRequired()));
    },

    /** Forgets the stored credentials; false when there were none. */
    async clear(): Promise<boolean> {
      const removed = await options.store.delete(awsCredentialsRef);
      if (removed) log.info('aws credentials removed');
      return removed;
    },
  };
}
export type AwsCredentials = ReturnType<typeof createAwsCredentials>;

/** STS GetCallerIdentity: the account, ARN and user id behind the clients' credentials. */
export async function callerIdentity(clients: AwsClients): Promise<AwsIdentity> {
  const out = await awsCall({ action: 'sts:GetCallerIdentity', region: clients.region }, () =>
    clients.sts.send(new GetCallerIdentityCommand({})),
  );
  if (!out.Account || !out.Arn || !out.UserId)
    throw new AppError('INTERNAL', 'AWS STS answered GetCallerIdentity without an account or ARN.');
  return { account: out.Account, arn: out.Arn, userId: out.UserId };
}
