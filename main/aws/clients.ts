import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { IAMClient } from '@aws-sdk/client-iam';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { STSClient } from '@aws-sdk/client-sts';
import { AppError } from '../../shared/contract/errors.ts';
import { awsRegionPattern } from '../../shared/domain/aws.ts';

/** Static AWS keys as the operator entered them (kept in the OS keychain, never in SQLite). */
export interface AwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** What the AWS clients need: a region and either static keys or a named profile from ~/.aws. */
export interface AwsAccess {
  region: string;
  keys?: AwsKeys;
  /** A profile of ~/.aws/config or ~/.aws/credentials; the SDK resolves it (keys, SSO, role, process). */
  profile?: string;
  /** Endpoint override, e.g. moto on loopback in the tests. */
  endpoint?: string;
  /** Attempts per call, retries included (adaptive retry mode). Default 5. */
  maxAttempts?: number;
}

export interface AwsClients {
  readonly region: string;
  readonly ecs: ECSClient;
  readonly secrets: SecretsManagerClient;
  readonly logs: CloudWatchLogsClient;
  readonly sts: STSClient;
  readonly iam: IAMClient;
  /** Closes the HTTP agents of every client. */
  destroy(): void;
}

/** AWS region names: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`, … */
export const regionPattern = awsRegionPattern;

export function assertRegion(region: string): void {
  if (!regionPattern.test(region))
    throw new AppError(
      'VALIDATION',
      `"${region}" is not an AWS region name. Use a name like us-east-1 or eu-west-1 (see the region menu of the AWS console).`,
      [{ path: 'region', message: 'not an AWS region name' }],
    );
}

/**
 * One client per service, all sharing the region, credentials and endpoint. Throttled and
 * transient failures are retried by the SDK in its `adaptive` mode (exponential backoff with
 * jitter plus a client-side rate limiter that slows down once AWS starts throttling).
 */
export function createAwsClients(access: AwsAccess): AwsClients {
  assertRegion(access.region);
  const config = {
    region: access.region,
    retryMode: 'adaptive',
    maxAttempts: access.maxAttempts ?? 5,
    ...(access.endpoint ? { endpoint: access.endpoint } : {}),
    ...(access.keys ? { credentials: { ...access.keys } } : {}),
    ...(access.profile && !access.keys ? { profile: access.profile } : {}),
  };
  const ecs = new ECSClient(config);
  const secrets = new SecretsManagerClient(config);
  const logs = new CloudWatchLogsClient(config);
  const sts = new STSClient(config);
  const iam = new IAMClient(config);
  return {
    region: access.region,
    ecs,
    secrets,
    logs,
    sts,
    iam,
    destroy() {
      for (const c of [ecs, secrets, logs, sts, iam]) c.destroy();
    },
  };
}
