import { type BootstrapResult, bootstrapAws } from '../../../main/aws/bootstrap.ts';
import type { AwsClients } from '../../../main/aws/clients.ts';
import {
  type EcsTargetSettings,
  type EcsTargetSettingsInput,
  parseEcsTargetSettings,
} from '../../../main/targets/ecs/settings.ts';
import type { ResolvedBotConfig } from '../../../main/targets/target.ts';
import { createMotoNetwork, type MotoNetwork } from './moto-network.ts';

/** Bootstraps AWS in moto and creates a network: what an operator has before deploying a bot. */
export async function prepareEcs(
  endpoint: string,
  aws: AwsClients,
  overrides: Partial<EcsTargetSettingsInput> = {},
): Promise<{ settings: EcsTargetSettings; boot: BootstrapResult; network: MotoNetwork }> {
  const boot = await bootstrapAws(aws);
  const network = await createMotoNetwork(endpoint, aws.region);
  const settings = parseEcsTargetSettings({
    cluster: boot.clusterArn,
    logGroupName: boot.logGroupName,
    executionRoleArn: boot.executionRoleArn,
    taskRoleArn: boot.taskRoleArn,
    subnets: network.subnetIds,
    securityGroups: [network.securityGroupId],
    ...overrides,
  });
  return { settings, boot, network };
}

/** A resolved openclaw.json as the config module would produce it (token auth, reachable in the VPC). */
export function botConfig(version: string, extra: Record<string, unknown> = {}): ResolvedBotConfig {
  return {
    version,
    json: {
      gateway: {
        mode: 'local',
        bind: 'lan',
        port: 18789,
        auth: { mode: 'token', token: `gateway-token-${version}-0123456789abcdef` },
      },
      agents: { defaults: { model: { primary: 'openai/gpt-5' } } },
      ...extra,
    },
  };
}
