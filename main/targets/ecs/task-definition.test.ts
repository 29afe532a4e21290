import { describe, expect, it } from 'vitest';
import { botTaskPolicy, policyActions, readBotSecretsPolicy } from '../../aws/policies.ts';
import { parseEcsTargetSettings } from './settings.ts';
import { buildTaskDefinition, checkDeployable, gatewayPort, specOf } from './task-definition.ts';

const settings = parseEcsTargetSettings({
  executionRoleArn: 'arn:aws:iam::123456789012:role/clawster-ecs-task-execution',
  taskRoleArn: 'arn:aws:iam::123456789012:role/clawster-bot-task',
  subnets: ['subnet-0123456789abcdef0'],
  securityGroups: ['sg-0123456789abcdef0'],
});
const config = {
  version: 'v1',
  json: { gateway: { port: 28790, auth: { mode: 'token', token: 'tok-0123456789abcdef' } } },
};
const secretArn =
  'arn:aws:secretsmanager:eu-west-1:123456789012:secret:clawster/shared/OPENAI_API_KEY-AbCdEf';
const inputs = {
  bot: { id: 'b1', name: 'One' },
  config,
  secrets: [{ env: 'OPENAI_API_KEY', ref: secretArn }],
  settings,
  region: 'eu-west-1',
  configSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:clawster/bots/b1/config-XyZ123',
  configSecretVersionId: '11111111-2222-3333-4444-555555555555',
};

describe('ECS task definition of a bot', () => {
  it('defaults: pinned image, private network, 1 vCPU / 2 GiB, 30-day recovery window', () => {
    expect(settings).toMatchObject({
      image: 'ghcr.io/openclaw/openclaw:2026.9.6',
      assignPublicIp: 'DISABLED',
      cpu: '1024',
      memoryMiB: 2048,
      recoveryWindowDays: 30,
    });
  });

  it('refuses unpinned images, bad subnets and memory Fargate does not offer', () => {
    const base = {
      executionRoleArn: settings.executionRoleArn,
      taskRoleArn: settings.taskRoleArn,
      subnets: settings.subnets,
      securityGroups: settings.securityGroups,
    };
    for (const image of ['ghcr.io/openclaw/openclaw', 'ghcr.io/openclaw/openclaw:latest'])
      expect(() => parseEcsTargetSettings({ ...base, image })).toThrow(
        'The ECS target settings are not valid.',
      );
    expect(
      parseEcsTargetSettings({ ...base, image: `ghcr.io/openclaw/openclaw@sha256:${'a'.repeat(64)}` }).image,
    ).toContain('@sha256:');
    expect(() => parseEcsTargetSettings({ ...base, subnets: ['net-1'] })).toThrow();
    expect(() => parseEcsTargetSettings({ ...base, cpu: '512', memoryMiB: 8192 })).toThrow();
  });

  it('reads the gateway port from the config (default 18789)', () => {
    expect(gatewayPort(config.json)).toBe(28790);
    expect(gatewayPort({})).toBe(18789);
    expect(gatewayPort({ gateway: { port: 'x' } })).toBe(18789);
  });

  it('pins the config secret version, sorts bot secrets and never contains a secret value', () => {
    const td = buildTaskDefinition(inputs);
    const c = td.containerDefinitions?.[0];
    expect(c?.secrets).toEqual([
      {
        name: 'OPENCLAW_CONFIG_JSON',
        valueFrom: `${inputs.configSecretArn}:::${inputs.configSecretVersionId}`,
      },
      { name: 'OPENAI_API_KEY', valueFrom: secretArn },
    ]);
    expect(c?.portMappings).toEqual([{ containerPort: 28790, protocol: 'tcp', name: 'gateway' }]);
    expect(JSON.stringify(td)).not.toContain('tok-0123456789abcdef');
    expect(c?.environment?.map((e) => e.name)).not.toContain('CLAWSTER_DEVICE_ID');
    expect(specOf(td)).toBe(specOf(buildTaskDefinition({ ...inputs })));
    expect(specOf(td)).not.toBe(specOf(buildTaskDefinition({ ...inputs, configSecretVersionId: 'other' })));
  });

  it('passes Clawster’s device id to the pairing approver when it is known', () => {
    const deviceId = 'c'.repeat(64);
    const td = buildTaskDefinition({ ...inputs, settings: { ...settings, clawsterDeviceId: deviceId } });
    expect(td.containerDefinitions?.[0]?.environment).toEqual(
      expect.arrayContaining([
        { name: 'CLAWSTER_DEVICE_ID', value: deviceId },
        { name: 'CLAWSTER_PAIRING_WINDOW_SECONDS', value: '900' },
      ]),
    );
  });

  it('refuses secret values, reserved or duplicate names, and a public IP without gateway auth', () => {
    expect(() => checkDeployable(config, [{ env: 'KEY', ref: 'sk-live-value' }], settings)).toThrow(
      'must be a Secrets Manager ARN',
    );
    expect(() => checkDeployable(config, [{ env: 'CLAWSTER_DEVICE_ID', ref: secretArn }], settings)).toThrow(
      'cannot be a secret',
    );
    expect(() =>
      checkDeployable(
        config,
        [
          { env: 'A', ref: secretArn },
          { env: 'A', ref: secretArn },
        ],
        settings,
      ),
    ).toThrow('Two secrets are bound to A');
    const open = { version: 'v1', json: { gateway: { auth: { mode: 'none' } } } };
    expect(() => checkDeployable(open, [], settings)).not.toThrow();
    expect(() => checkDeployable(open, [], { ...settings, assignPublicIp: 'ENABLED' })).toThrow('Refusing');
    expect(() => checkDeployable(config, [], { ...settings, assignPublicIp: 'ENABLED' })).not.toThrow();
  });

  it('IAM policies name every action in full', () => {
    for (const doc of [botTaskPolicy(), readBotSecretsPolicy('aws', '123456789012', 'clawster/')])
      for (const action of policyActions(doc)) expect(action).toMatch(/^[a-z0-9]+:[A-Za-z]+$/);
  });
});
