import { z } from 'zod';
import { AppError, issuesFromZod } from '../../../shared/contract/errors.ts';
import { awsDefaults } from '../../aws/names.ts';

/** The OpenClaw image bots run by default: pinned to a release, never `latest`. */
export const defaultOpenClawImage = 'ghcr.io/openclaw/openclaw:2026.9.6';

const roleArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
    'an IAM role ARN, e.g. arn:aws:iam::123456789012:role/x',
  );

/** A pinned image: `repo:tag` with a tag other than latest, or `repo@sha256:…`. */
const pinnedImage = z
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

/** Fargate CPU units and the memory (MiB) each allows; an OpenClaw gateway uses about 1 GB. */
const fargateSizes: Record<string, number[]> = {
  '512': [1024, 2048, 3072, 4096],
  '1024': [2048, 3072, 4096, 5120, 6144, 7168, 8192],
  '2048': [4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384],
  '4096': Array.from({ length: 23 }, (_, i) => 8192 + i * 1024),
};

export const ecsTargetSettingsSchema = z
  .strictObject({
    /** Cluster name or ARN, from bootstrap. */
    cluster: z.string().min(1).max(255).default(awsDefaults.clusterName),
    logGroupName: z.string().min(1).max(512).default(awsDefaults.logGroupName),
    executionRoleArn: roleArn,
    taskRoleArn: roleArn,
    /** Operator's private subnets (same VPC). */
    subnets: z
      .array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/, 'a subnet id, e.g. subnet-0abc12345'))
      .min(1, 'choose at least one subnet')
      .max(16),
    securityGroups: z
      .array(z.string().regex(/^sg-[0-9a-f]{8,17}$/, 'a security group id, e.g. sg-0abc12345'))
      .min(1, 'choose a security group')
      .max(5),
    /** No public IP unless the operator asks; even then a gateway without auth is refused. */
    assignPublicIp: z.enum(['DISABLED', 'ENABLED']).default('DISABLED'),
    image: pinnedImage.default(defaultOpenClawImage),
    cpu: z.enum(['512', '1024', '2048', '4096']).default('1024'),
    memoryMiB: z.number().int().default(2048),
    cpuArchitecture: z.enum(['X86_64', 'ARM64']).default('X86_64'),
    secretsPrefix: z
      .string()
      .regex(/^[\w/+=.@-]+\/$/, 'a secret name prefix ending in /')
      .default(awsDefaults.secretsPrefix),
    /** Days Secrets Manager keeps a destroyed bot's secrets before deleting them (7-30). */
    recoveryWindowDays: z.number().int().min(7).max(30).default(30),
    /** ECS Exec into the bot container (used to run `openclaw devices approve` by hand). */
    enableExecuteCommand: z.boolean().default(true),
    /**
     * Clawster's gateway device id (sha256 hex of its Ed25519 public key). When set, each new task
     * approves pairing requests from this device, and only this device, for a limited time after
     * it starts. See README.md.
     */
    clawsterDeviceId: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'a device id is 64 hex characters')
      .optional(),
    pairingWindowSeconds: z.number().int().min(60).max(86_400).default(900),
  })
  .superRefine((s, ctx) => {
    const allowed = fargateSizes[s.cpu] ?? [];
    if (!allowed.includes(s.memoryMiB))
      ctx.addIssue({
        code: 'custom',
        path: ['memoryMiB'],
        message: `Fargate with ${s.cpu} CPU units takes ${allowed[0]}-${allowed[allowed.length - 1]} MiB in 1024 steps`,
      });
  });
export type EcsTargetSettings = z.output<typeof ecsTargetSettingsSchema>;
export type EcsTargetSettingsInput = z.input<typeof ecsTargetSettingsSchema>;

export function parseEcsTargetSettings(input: unknown): EcsTargetSettings {
  const r = ecsTargetSettingsSchema.safeParse(input);
  if (!r.success)
    throw new AppError('VALIDATION', 'The ECS target settings are not valid.', issuesFromZod(r.error));
  return r.data;
}
