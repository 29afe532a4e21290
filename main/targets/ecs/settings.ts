import { z } from 'zod';
import { AppError, issuesFromZod } from '../../../shared/contract/errors.ts';
import {
  defaultOpenClawImage,
  fargateCpuSchema,
  fargateMemoryIssue,
  pinnedImageSchema,
  recoveryWindowDaysSchema,
  securityGroupIdSchema,
  subnetIdSchema,
} from '../../../shared/domain/aws.ts';
import { awsDefaults } from '../../aws/names.ts';

export { defaultOpenClawImage };

const roleArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
    'an IAM role ARN, e.g. arn:aws:iam::123456789012:role/x',
  );

export const ecsTargetSettingsSchema = z
  .strictObject({
    /** Cluster name or ARN, from bootstrap. */
    cluster: z.string().min(1).max(255).default(awsDefaults.clusterName),
    logGroupName: z.string().min(1).max(512).default(awsDefaults.logGroupName),
    executionRoleArn: roleArn,
    taskRoleArn: roleArn,
    /** Operator's private subnets (same VPC). */
    subnets: z.array(subnetIdSchema).min(1, 'choose at least one subnet').max(16),
    securityGroups: z.array(securityGroupIdSchema).min(1, 'choose a security group').max(5),
    /** No public IP unless the operator asks; even then a gateway without auth is refused. */
    assignPublicIp: z.enum(['DISABLED', 'ENABLED']).default('DISABLED'),
    image: pinnedImageSchema.default(defaultOpenClawImage),
    cpu: fargateCpuSchema.default('1024'),
    memoryMiB: z.number().int().default(2048),
    cpuArchitecture: z.enum(['X86_64', 'ARM64']).default('X86_64'),
    secretsPrefix: z
      .string()
      .regex(/^[\w/+=.@-]+\/$/, 'a secret name prefix ending in /')
      .default(awsDefaults.secretsPrefix),
    /** Days Secrets Manager keeps a destroyed bot's secrets before deleting them (7-30). */
    recoveryWindowDays: recoveryWindowDaysSchema.default(30),
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
    const issue = fargateMemoryIssue(s.cpu, s.memoryMiB);
    if (issue) ctx.addIssue({ code: 'custom', path: ['memoryMiB'], message: issue });
  });
export type EcsTargetSettings = z.output<typeof ecsTargetSettingsSchema>;
export type EcsTargetSettingsInput = z.input<typeof ecsTargetSettingsSchema>;

export function parseEcsTargetSettings(input: unknown): EcsTargetSettings {
  const r = ecsTargetSettingsSchema.safeParse(input);
  if (!r.success)
    throw new AppError('VALIDATION', 'The ECS target settings are not valid.', issuesFromZod(r.error));
  return r.data;
}
