import { z } from 'zod';
import { isoTimeSchema } from './common.ts';

/**
 * The operator's AWS account as the app sees it: credentials (summarised, never a secret), the
 * resources `aws.bootstrap` made, and the ECS settings bots deploy with. Secret values only ever
 * travel inward (setKeys); nothing of this contract carries one back out.
 */

/** AWS region names: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`, … */
export const awsRegionPattern = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const regionSchema = z.string().trim().regex(awsRegionPattern, 'not an AWS region name, e.g. eu-west-1');

/** Static keys as typed; the service checks them in detail (and with STS) before storing them. */
export const awsSetKeysSchema = z.strictObject({
  accessKeyId: z.string().trim().min(1, 'Access key ID is required').max(128),
  secretAccessKey: z.string().trim().min(1, 'Secret access key is required').max(256),
  sessionToken: z.string().trim().max(8192).optional(),
  region: regionSchema,
});

export const awsUseProfileSchema = z.strictObject({
  profile: z.string().trim().min(1, 'Choose a profile').max(128),
  region: regionSchema.optional(),
});

export const awsCredentialsSummarySchema = z.object({
  mode: z.enum(['keys', 'profile', 'none']),
  region: z.string().nullable(),
  /** `AKIA…WXYZ`: enough to recognise the key, never the whole ID. */
  accessKeyIdHint: z.string().nullable(),
  hasSessionToken: z.boolean(),
  profile: z.string().nullable(),
});
export type AwsCredentialsSummary = z.infer<typeof awsCredentialsSummarySchema>;

export const awsIdentitySchema = z.object({ account: z.string(), arn: z.string(), userId: z.string() });
export type AwsIdentity = z.infer<typeof awsIdentitySchema>;

export const awsCredentialsSavedSchema = z.object({
  credentials: awsCredentialsSummarySchema,
  identity: awsIdentitySchema,
});

export const awsProfileSchema = z.object({
  name: z.string(),
  region: z.string().nullable(),
  kind: z.enum(['static-keys', 'sso', 'assume-role', 'process', 'web-identity', 'other']),
  files: z.array(z.enum(['config', 'credentials'])),
});
export type AwsProfile = z.infer<typeof awsProfileSchema>;

export const awsBootstrapSchema = z.strictObject({
  region: regionSchema,
  /** Use this ~/.aws profile for this run instead of the stored credentials (the CLI's --profile). */
  profile: awsUseProfileSchema.shape.profile.optional(),
});

export const bootstrapResourceSchema = z.object({
  kind: z.enum(['cluster', 'log-group', 'execution-role', 'task-role']),
  name: z.string(),
  arn: z.string(),
  status: z.enum(['created', 'existed', 'updated']),
  changes: z.array(z.string()),
});
export type BootstrapResourceInfo = z.infer<typeof bootstrapResourceSchema>;

/** What bootstrap recorded in SQLite: the ARNs bots deploy with. */
export const awsBootstrapRecordSchema = z.object({
  region: z.string(),
  accountId: z.string(),
  clusterArn: z.string(),
  logGroupName: z.string(),
  logGroupArn: z.string(),
  executionRoleArn: z.string(),
  taskRoleArn: z.string(),
  at: isoTimeSchema,
});
export type AwsBootstrapRecord = z.infer<typeof awsBootstrapRecordSchema>;

export const awsBootstrapReportSchema = z.object({
  record: awsBootstrapRecordSchema,
  resources: z.array(bootstrapResourceSchema),
  /** False when every resource already existed as wanted. */
  changed: z.boolean(),
  summary: z.string(),
});
export type AwsBootstrapReport = z.infer<typeof awsBootstrapReportSchema>;

/** The OpenClaw image bots run by default: pinned to a release, never `latest`. */
export const defaultOpenClawImage = 'ghcr.io/openclaw/openclaw:2026.9.6';

export const subnetIdSchema = z
  .string()
  .regex(/^subnet-[0-9a-f]{8,17}$/, 'a subnet id, e.g. subnet-0abc12345');
export const securityGroupIdSchema = z
  .string()
  .regex(/^sg-[0-9a-f]{8,17}$/, 'a security group id, e.g. sg-0abc12345');

/** A pinned image: `repo:tag` with a tag other than latest, or `repo@sha256:…`. */
export const pinnedImageSchema = z
  .string()
  .trim()
  .min(3)
  .max(255)
  .refine(
    (s) =>
      /@sha256:[0-9a-f]{64}$/.test(s) ||
      /^[^@\s]+:(?!latest$)[\w][\w.-]{0,127}$/.test(s.split('/').pop() ?? ''),
    'pin the image to a release tag or digest (not latest), e.g. ghcr.io/openclaw/openclaw:2026.9.6',
  );

export const fargateCpuSchema = z.enum(['512', '1024', '2048', '4096']);

/** Fargate CPU units and the memory (MiB) each allows; an OpenClaw gateway uses about 1 GB. */
export const fargateSizes: Record<string, number[]> = {
  '512': [1024, 2048, 3072, 4096],
  '1024': [2048, 3072, 4096, 5120, 6144, 7168, 8192],
  '2048': [4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384],
  '4096': Array.from({ length: 23 }, (_, i) => 8192 + i * 1024),
};

/** Why `memoryMiB` does not fit `cpu` on Fargate, or null when it does. */
export function fargateMemoryIssue(cpu: string, memoryMiB: number): string | null {
  const allowed = fargateSizes[cpu] ?? [];
  if (allowed.includes(memoryMiB)) return null;
  return `Fargate with ${cpu} CPU units takes ${allowed[0]}-${allowed[allowed.length - 1]} MiB in 1024 steps`;
}

export const recoveryWindowDaysSchema = z.number().int().min(7).max(30);

/** The ECS settings the operator chooses (bootstrap supplies the cluster, roles and log group). */
export const awsEcsSettingsSchema = z
  .strictObject({
    subnets: z.array(subnetIdSchema).min(1, 'choose at least one subnet').max(16),
    securityGroups: z.array(securityGroupIdSchema).min(1, 'choose a security group').max(5),
    assignPublicIp: z.enum(['DISABLED', 'ENABLED']).default('DISABLED'),
    image: pinnedImageSchema.default(defaultOpenClawImage),
    cpu: fargateCpuSchema.default('1024'),
    memoryMiB: z.number().int().default(2048),
    /** Days Secrets Manager keeps a destroyed bot's secrets before deleting them. */
    recoveryWindowDays: recoveryWindowDaysSchema.default(30),
  })
  .superRefine((s, ctx) => {
    const issue = fargateMemoryIssue(s.cpu, s.memoryMiB);
    if (issue) ctx.addIssue({ code: 'custom', path: ['memoryMiB'], message: issue });
  });
export type AwsEcsSettings = z.output<typeof awsEcsSettingsSchema>;
export type AwsEcsSettingsInput = z.input<typeof awsEcsSettingsSchema>;

export const awsSettingsSchema = z.object({
  /** Null until the operator saved them. */
  ecs: awsEcsSettingsSchema.nullable(),
  /** Null until bootstrap ran. */
  bootstrap: awsBootstrapRecordSchema.nullable(),
});
export type AwsSettings = z.infer<typeof awsSettingsSchema>;
