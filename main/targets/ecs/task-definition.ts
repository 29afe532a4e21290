import { createHash } from 'node:crypto';
import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { canonicalJson } from '../../../shared/config/canonical.ts';
import { AppError } from '../../../shared/contract/errors.ts';
import { botIdTagKey, configVersionTagKey, managedTag, taskFamily } from '../../aws/names.ts';
import type { ResolvedBotConfig, SecretBinding, TargetBot } from '../target.ts';
import { configEnvName, healthCheckCommand, startScript } from './container-command.ts';
import type { EcsTargetSettings } from './settings.ts';

export const containerName = 'openclaw';
export const defaultGatewayPort = 18789;
/** Tag holding a digest of everything in the task definition, to tell "same as deployed" apart. */
export const specTagKey = 'clawster:spec';

const envNamePattern = /^[A-Z_][A-Z0-9_]{0,127}$/;
const reservedEnv = /^(OPENCLAW_CONFIG_JSON|OPENCLAW_CONFIG_PATH|OPENCLAW_STATE_DIR|CLAWSTER_.*)$/;
const secretArnPattern = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}

/** The gateway port of an openclaw.json (`gateway.port`, default 18789). */
export function gatewayPort(config: Record<string, unknown>): number {
  const port = record(config.gateway).port;
  return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536
    ? port
    : defaultGatewayPort;
}

/**
 * Refuses what must not reach AWS: secret bindings that are not Secrets Manager ARNs (a plaintext
 * value would land in the task definition) or that shadow Clawster's own variables, and a gateway
 * that would get a public IP while it accepts connections without auth.
 */
export function checkDeployable(
  config: ResolvedBotConfig,
  secrets: readonly SecretBinding[],
  settings: EcsTargetSettings,
) {
  const seen = new Set<string>();
  secrets.forEach((s, i) => {
    if (!envNamePattern.test(s.env) || reservedEnv.test(s.env))
      throw new AppError(
        'VALIDATION',
        `"${s.env}" cannot be a secret's variable name: use capitals, digits and _ and avoid OPENCLAW_CONFIG_* and CLAWSTER_*.`,
        [{ path: `secrets.${i}.env`, message: 'invalid or reserved name' }],
      );
    if (seen.has(s.env))
      throw new AppError('VALIDATION', `Two secrets are bound to ${s.env}; keep one.`, [
        { path: `secrets.${i}.env`, message: 'duplicate' },
      ]);
    seen.add(s.env);
    if (!secretArnPattern.test(s.ref))
      throw new AppError(
        'VALIDATION',
        `The secret for ${s.env} must be a Secrets Manager ARN (create it under Secrets first); values are never put in a task definition.`,
        [{ path: `secrets.${i}.ref`, message: 'not a Secrets Manager ARN' }],
      );
  });
  const gateway = record(config.json.gateway);
  const authMode = record(gateway.auth).mode;
  if (settings.assignPublicIp === 'ENABLED' && (authMode === undefined || authMode === 'none'))
    throw new AppError(
      'PRECONDITION',
      'Refusing to give this bot a public IP: its gateway accepts connections without auth. Set gateway.auth.mode to token or password, or keep the public IP disabled (the default) and reach it over a VPN or tailnet.',
      [{ path: 'gateway.auth.mode', message: 'required with a public IP' }],
    );
}

export interface TaskDefinitionInputs {
  bot: TargetBot;
  config: ResolvedBotConfig;
  secrets: readonly SecretBinding[];
  settings: EcsTargetSettings;
  region: string;
  /** ARN of the config secret plus the exact version this revision reads (pins config to revision). */
  configSecretArn: string;
  configSecretVersionId: string;
}

/**
 * The task definition of one config version of one bot: the pinned OpenClaw image on Fargate
 * (awsvpc), its config read from an exact Secrets Manager version, the bot's secrets as
 * environment variables, logs to the bootstrap log group under the bot's stream prefix, and an
 * `openclaw health` container health check.
 */
export function buildTaskDefinition(i: TaskDefinitionInputs): RegisterTaskDefinitionCommandInput {
  const { bot, config, settings } = i;
  const environment = [
    { name: 'CLAWSTER_BOT_ID', value: bot.id },
    { name: 'CLAWSTER_CONFIG_VERSION', value: config.version },
    { name: 'OPENCLAW_NO_RESPAWN', value: '1' },
    { name: 'OPENCLAW_NO_AUTO_UPDATE', value: '1' },
    { name: 'OPENCLAW_DISABLE_BONJOUR', value: '1' },
    ...(settings.clawsterDeviceId
      ? [
          { name: 'CLAWSTER_DEVICE_ID', value: settings.clawsterDeviceId },
          { name: 'CLAWSTER_PAIRING_WINDOW_SECONDS', value: String(settings.pairingWindowSeconds) },
        ]
      : []),
  ];
  const secrets = [
    // ECS reads `<arn>:<json-key>:<version-stage>:<version-id>`; empty parts mean "whole value".
    { name: configEnvName, valueFrom: `${i.configSecretArn}:::${i.configSecretVersionId}` },
    ...[...i.secrets]
      .sort((a, b) => (a.env < b.env ? -1 : 1))
      .map((s) => ({ name: s.env, valueFrom: s.ref })),
  ];
  const port = gatewayPort(config.json);
  const input: RegisterTaskDefinitionCommandInput = {
    family: taskFamily(bot.id),
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: settings.cpu,
    memory: String(settings.memoryMiB),
    runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: settings.cpuArchitecture },
    executionRoleArn: settings.executionRoleArn,
    taskRoleArn: settings.taskRoleArn,
    containerDefinitions: [
      {
        name: containerName,
        image: settings.image,
        essential: true,
        entryPoint: ['/bin/sh', '-c'],
        command: [startScript()],
        environment,
        secrets,
        portMappings: [{ containerPort: port, protocol: 'tcp', name: 'gateway' }],
        healthCheck: { command: healthCheckCommand, interval: 30, timeout: 20, retries: 3, startPeriod: 120 },
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': settings.logGroupName,
            'awslogs-region': i.region,
            'awslogs-stream-prefix': bot.id,
            mode: 'non-blocking',
            'max-buffer-size': '4m',
          },
        },
        linuxParameters: { initProcessEnabled: true },
        stopTimeout: 30,
      },
    ],
  };
  const spec = createHash('sha256').update(canonicalJson(input)).digest('hex').slice(0, 32);
  return {
    ...input,
    tags: [
      { key: managedTag.key, value: managedTag.value },
      { key: botIdTagKey, value: bot.id },
      { key: configVersionTagKey, value: config.version.slice(0, 256) },
      { key: specTagKey, value: spec },
    ],
  };
}

/** The spec digest a built task definition carries. */
export function specOf(input: RegisterTaskDefinitionCommandInput): string | undefined {
  return input.tags?.find((t) => t.key === specTagKey)?.value;
}
