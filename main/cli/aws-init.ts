import { AppError } from '../../shared/contract/errors.ts';
import { type AwsBootstrapReport, awsBootstrapReportSchema } from '../../shared/domain/aws.ts';
import { withControlPlane } from './open-control-plane.ts';
import { formatError } from './output.ts';

export interface AwsInitArgs {
  region: string | undefined;
  profile?: string | undefined;
  dataDir?: string | undefined;
}

/**
 * For tests and development only: sends every AWS call to this endpoint (moto on loopback)
 * instead of AWS. Operators never set it.
 */
export const awsEndpointEnv = 'CLAWSTER_AWS_ENDPOINT';

/** The report as the command prints it: one line per resource, then the summary. */
export function formatBootstrapReport(report: AwsBootstrapReport): string {
  const lines = report.resources.map((r) => {
    const changes = r.changes.length > 0 ? ` (${r.changes.join('; ')})` : '';
    return `  ${r.kind.padEnd(15)} ${r.name}: ${r.status}${changes}\n    ${r.arn}`;
  });
  const head = `AWS account ${report.record.accountId}, region ${report.record.region}:`;
  const tail = report.changed ? 'Done. The ARNs are recorded for deploying bots.' : report.summary;
  return `${head}\n${lines.join('\n')}\n${tail}\n`;
}

/**
 * `clawster aws init --region R [--profile P]`: creates, idempotently, the ECS cluster, log group
 * and roles bots need, through the control plane (so the run is audited and the ARNs recorded).
 * Without --profile it uses the credentials saved in Settings > AWS (the OS keychain).
 */
export async function awsInit(args: AwsInitArgs, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!args.region)
    throw new AppError('VALIDATION', '--region is required, e.g. `clawster aws init --region eu-west-1`.');
  const region = args.region;
  const endpoint = env[awsEndpointEnv] || undefined;
  await withControlPlane(
    args.dataDir,
    async (cp) => {
      const result = await cp.dispatch('aws.bootstrap', {
        region,
        ...(args.profile !== undefined ? { profile: args.profile } : {}),
      });
      if (!result.ok) throw new AppError(result.error.code, formatError(result.error).trimEnd());
      process.stdout.write(formatBootstrapReport(awsBootstrapReportSchema.parse(result.value)));
    },
    { aws: { endpoint } },
  );
}
