/**
 * Deploying bots of an ECS fleet through the control plane, against moto (a real AWS emulator; it
 * runs no containers, so tasks never start and the gateway inside is not exercised: that part is
 * said in the README). Secrets live in the keychain's test double.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../../main/aws/clients.ts';
import { loadOrCreateDeviceIdentity } from '../../main/gateway/device-identity.ts';
import { fileSink } from '../../main/log/file-sink.ts';
import { createLogger } from '../../main/log/logger.ts';
import { botHealthSchema } from '../../shared/domain/gateway.ts';
import { startControlPlane, type TestControlPlane } from '../support/control-plane.ts';
import { MemorySecretStoreDouble } from '../support/memory-secret-store.ts';
import { createMotoNetwork } from '../support/moto/moto-network.ts';
import { type MotoServer, startMoto } from '../support/moto/moto-server.ts';
import { startSimGateway } from '../support/sim-gateway/sim-gateway.ts';

const region = 'eu-west-1';
let moto: MotoServer;
let aws: AwsClients;
let t: TestControlPlane;
let keychain: MemorySecretStoreDouble;
let fleetId = '';

const botYaml = (name: string, overrides = '') =>
  `apiVersion: clawster.dev/v1\nkind: Bot\nmetadata:\n  name: ${name}\n  fleet: Cloud\nspec:\n  template: minimal\n  openclawVersion: 2026.9.6${overrides}\n`;

beforeAll(async () => {
  moto = await startMoto();
  aws = createAwsClients(moto.access(region));
});
beforeEach(async () => {
  keychain = new MemorySecretStoreDouble();
  t = startControlPlane({
    secrets: keychain,
    aws: { endpoint: moto.endpoint, maxAttempts: 1, ecsTiming: { logPollMs: 50 } },
  });
  fleetId = (await t.call('fleet.create', { name: 'Cloud', environment: 'dev', target: 'ecs' })).id;
});
afterEach(async () => {
  await t.cleanup();
  await moto.reset();
});
afterAll(async () => {
  aws?.destroy();
  await moto?.stop();
});

/** What an operator does in Settings > AWS before the first ECS deploy. */
async function setUpAws() {
  await t.call('aws.credentials.setKeys', {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'x'.repeat(40),
    region,
  });
  await t.call('aws.bootstrap', { region });
  const network = await createMotoNetwork(moto.endpoint, region);
  await t.call('aws.settings.set', { subnets: network.subnetIds, securityGroups: [network.securityGroupId] });
}

async function applyBot(name: string, overrides = ''): Promise<string> {
  await t.call('manifest.apply', { files: [{ name: `${name}.yaml`, text: botYaml(name, overrides) }] });
  return (await t.call('bot.list', { fleetId })).find((b) => b.name === name)?.id ?? '';
}

async function service(botId: string) {
  const out = await aws.ecs.send(
    new DescribeServicesCommand({ cluster: 'clawster', services: [`clawster-${botId}`] }),
  );
  return out.services?.find((s) => s.status !== 'INACTIVE');
}

describe('an ECS fleet deploys its bots to AWS (moto)', () => {
  it('refuses to deploy before AWS is set up, saying what to do, and changes nothing', async () => {
    const id = await applyBot('early');
    const before = t.snapshot();
    const e = await t.fail('bot.deploy', { id });
    expect(e.code).toBe('PRECONDITION');
    expect(e.message).toMatch(/AWS credentials|Bootstrap AWS/);
    expect(await t.call('bot.runtime.get', { id })).toBeNull();
    expect(t.snapshot()).toBe(before);
    // Nothing deployed: the fleet can still move to this workstation.
    expect((await t.call('fleet.update', { id: fleetId, target: 'local' })).target).toBe('local');
  });

  it('deploys, follows ECS, stops, starts, reads CloudWatch logs and destroys, leaving nothing', async () => {
    await setUpAws();
    const id = await applyBot('support');
    const deployed = await t.call('bot.deploy', { id });
    expect(deployed).toMatchObject({ target: 'ecs', desiredState: 'running' });
    expect(['provisioning', 'running']).toContain(deployed.state);

    // One private Fargate service, one revision, the config in its own secret with a token gateway.
    const svc = await service(id);
    expect(svc).toMatchObject({ desiredCount: 1, launchType: 'FARGATE' });
    expect(svc?.networkConfiguration?.awsvpcConfiguration?.assignPublicIp).toBe('DISABLED');
    const revisions = await aws.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: `clawster-${id}` }));
    expect(revisions.taskDefinitionArns).toHaveLength(1);
    const config = JSON.parse(
      (await aws.secrets.send(new GetSecretValueCommand({ SecretId: `clawster/bots/${id}/config` })))
        .SecretString ?? '{}',
    );
    expect(config.gateway).toMatchObject({
      bind: 'lan',
      auth: { mode: 'token', token: { source: 'env', id: 'OPENCLAW_GATEWAY_TOKEN' } },
    });
    const token = await keychain.get(`clawster/ecs/${id}/gateway-token`);
    expect(token?.length).toBeGreaterThan(30);
    const tokenSecret = await aws.secrets.send(
      new GetSecretValueCommand({ SecretId: `clawster/bots/${id}/secrets/OPENCLAW_GATEWAY_TOKEN` }),
    );
    expect(tokenSecret.SecretString).toBe(token);

    // New tasks approve Clawster's own device (and only it) by themselves: its id is in the task.
    const td = await aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: svc?.taskDefinition }));
    const env = td.taskDefinition?.containerDefinitions?.[0]?.environment ?? [];
    const device = (await loadOrCreateDeviceIdentity(keychain)).deviceId;
    expect(env).toContainEqual({ name: 'CLAWSTER_DEVICE_ID', value: device });

    // A deployed bot runs in AWS: deleting it (or its fleet) would leave it running there, unseen.
    expect((await t.fail('bot.delete', { id })).message).toMatch(/is deployed on AWS ECS\. Destroy it first/);
    expect((await t.fail('fleet.delete', { id: fleetId, force: true })).code).toBe('CONFLICT');
    expect((await t.call('bot.list', { fleetId })).map((b) => b.id)).toContain(id);

    // What ECS says, on demand; the lifecycle follows it.
    const status = await t.call('bot.target.status', { id });
    expect(status.desired).toBe(1);
    expect(status.detail.length).toBeGreaterThan(0);

    expect(await t.call('bot.stop', { id })).toMatchObject({ state: 'stopped', desiredState: 'stopped' });
    expect((await service(id))?.desiredCount).toBe(0);
    expect(await t.call('bot.start', { id })).toMatchObject({ desiredState: 'running', restartCount: 1 });
    expect((await service(id))?.desiredCount).toBe(1);

    // Logs come from CloudWatch (written here the way awslogs names its streams).
    const stream = `${id}/openclaw/task1`;
    await aws.logs.send(
      new CreateLogStreamCommand({ logGroupName: '/clawster/bots', logStreamName: stream }),
    );
    const at = Date.now();
    await aws.logs.send(
      new PutLogEventsCommand({
        logGroupName: '/clawster/bots',
        logStreamName: stream,
        logEvents: [
          { timestamp: at, message: '[gateway] listening on ws://0.0.0.0:18789' },
          { timestamp: at + 1, message: '[gateway] ready' },
        ],
      }),
    );
    const page = await t.call('bot.logs.page', { id, limit: 100 });
    expect(page.lines.map((l) => l.message)).toEqual([
      '[gateway] listening on ws://0.0.0.0:18789',
      '[gateway] ready',
    ]);

    const gone = await t.call('bot.destroy', { id, confirmName: 'support' });
    expect(gone.removed.join('\n')).toMatch(/service/i);
    expect(gone.removed.join('\n')).toMatch(/gateway token clawster\/ecs\/.* removed from the keychain/);
    expect(await service(id)).toBeUndefined();
    const described = await aws.secrets.send(
      new DescribeSecretCommand({ SecretId: `clawster/bots/${id}/config` }),
    );
    expect(described.DeletedDate).toBeInstanceOf(Date);
    expect(await keychain.get(`clawster/ecs/${id}/gateway-token`)).toBeNull();
    expect(await t.call('bot.runtime.get', { id })).toBeNull();

    // The gateway token never reached SQLite or a pushed event.
    for (const file of ['clawster.db', 'clawster.db-wal']) {
      const path = join(t.cp.dataDir, file);
      if (existsSync(path)) expect(readFileSync(path).toString('latin1')).not.toContain(token);
    }
    expect(JSON.stringify(t.events)).not.toContain(token);
  });

  it('binds Secrets Manager references as ARNs, and refuses keychain references and missing secrets', async () => {
    await setUpAws();
    const slack = await aws.secrets.send(
      new CreateSecretCommand({ Name: 'team/slack-bot-token', SecretString: 'xoxb-1' }),
    );
    const ref = (store: string, name: string) =>
      `\n  overrides:\n    config:\n      channels:\n        slack:\n          botToken:\n            $secret: { store: ${store}, ref: ${name} }`;
    const local = await applyBot('local-secret', ref('keychain', 'team/slack'));
    const refused = await t.fail('bot.deploy', { id: local });
    expect(refused.message).toMatch(
      /reads its secrets from AWS Secrets Manager, but channels\.slack\.botToken refers to the keychain/,
    );
    const missing = await applyBot('missing', ref('aws-sm', 'team/nothing-here'));
    expect((await t.fail('bot.deploy', { id: missing })).message).toMatch(
      /team\/nothing-here .* is not in AWS Secrets Manager/,
    );
    const good = await applyBot('good', ref('aws-sm', 'team/slack-bot-token'));
    await t.call('bot.deploy', { id: good });
    const svc = await service(good);
    expect(svc?.taskDefinition).toBeDefined();
    const td = await aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: svc?.taskDefinition }));
    const secrets = td.taskDefinition?.containerDefinitions?.[0]?.secrets ?? [];
    expect(secrets.map((s) => s.valueFrom)).toContain(slack.ARN);
  });

  it('rotating a secret restarts the deployed bots that read it; a secret in use cannot be deleted', async () => {
    await setUpAws();
    const created = await t.call('secrets.put', {
      store: 'aws-sm',
      name: 'team/openai',
      value: 'sk-first-0123456789abcdefghij',
    });
    expect(created).toEqual({ store: 'aws-sm', name: 'team/openai', created: true, redeployed: [] });
    const id = await applyBot(
      'reader',
      '\n  overrides:\n    config:\n      models:\n        providers:\n          openai:\n            apiKey:\n              $secret: { store: aws-sm, ref: team/openai }',
    );
    const listed = await t.call('secrets.list', {});
    expect(listed.items).toEqual([
      {
        store: 'aws-sm',
        name: 'team/openai',
        usedBy: [{ botId: id, botName: 'reader', path: 'models.providers.openai.apiKey' }],
        present: true,
      },
    ]);
    await t.call('bot.deploy', { id });
    const deployment = async () => (await service(id))?.deployments?.[0]?.id;
    const before = await deployment();

    const rotated = await t.call('secrets.put', {
      store: 'aws-sm',
      name: 'team/openai',
      value: 'sk-second-0123456789abcdefghij',
    });
    expect(rotated).toEqual({
      store: 'aws-sm',
      name: 'team/openai',
      created: false,
      redeployed: [{ botId: id, ok: true }],
    });
    // A new deployment of the same revision: new tasks read the new value.
    expect(await deployment()).not.toBe(before);
    const value = await aws.secrets.send(new GetSecretValueCommand({ SecretId: 'team/openai' }));
    expect(value.SecretString).toBe('sk-second-0123456789abcdefghij');

    const refused = await t.fail('secrets.delete', { store: 'aws-sm', name: 'team/openai' });
    expect(refused.code).toBe('CONFLICT');
    await t.call('bot.destroy', { id, confirmName: 'reader' });
    expect(await t.call('secrets.delete', { store: 'aws-sm', name: 'team/openai' })).toEqual({
      removed: true,
    });
    const audit = (await t.call('audit.list', { resourceType: 'secret' })).events.map((e) => e.action);
    expect(audit).toEqual(['secret.delete', 'secret.rotate', 'secret.create']);
    // Names only: no value reached the audit log or any event.
    expect(JSON.stringify(t.events)).not.toMatch(/sk-(first|second)-/);
  });

  it("watches an ECS bot's gateway live at the endpoint the operator gives, with the bot's own token", async () => {
    await setUpAws();
    const id = await applyBot('reachable');
    await t.call('bot.deploy', { id });
    const token = (await keychain.get(`clawster/ecs/${id}/gateway-token`)) ?? '';
    // No container runs here: a simulated gateway (a test double) stands in for the task's gateway
    // behind a VPN; it knows the token the task got from Secrets Manager.
    const gateway = await startSimGateway({ token });
    try {
      const healthy = new Promise<void>((resolve) => {
        const off = t.cp.onEvent((event, payload) => {
          const h = botHealthSchema.safeParse(payload);
          if (
            event === 'bot.health.changed' &&
            h.success &&
            h.data.botId === id &&
            h.data.state === 'healthy'
          ) {
            off();
            resolve();
          }
        });
      });
      await t.call('bot.gateway.setEndpoint', { id, url: gateway.url });
      await healthy;
      expect((await t.call('bot.health.list', { fleetId })).find((h) => h.botId === id)?.state).toBe(
        'healthy',
      );
      expect((await t.fail('bot.gateway.setEndpoint', { id, url: 'ftp://x' })).code).toBe('VALIDATION');
    } finally {
      await t.call('bot.destroy', { id, confirmName: 'reachable' });
      await gateway.close();
    }
  });

  it('no planted secret reaches SQLite, the WAL, the log file or any response, through deploys and errors', async () => {
    // A control plane of its own, writing its log to a file.
    await t.cleanup();
    keychain = new MemorySecretStoreDouble();
    const dataDir = mkdtempSync(join(tmpdir(), 'clawster-ecs-leak-'));
    t = startControlPlane({
      dataDir,
      secrets: keychain,
      log: createLogger({ sink: fileSink(join(dataDir, 'logs', 'clawster.log')) }),
      aws: { endpoint: moto.endpoint, maxAttempts: 1 },
    });
    fleetId = (await t.call('fleet.create', { name: 'Cloud', environment: 'dev', target: 'ecs' })).id;
    const responses: string[] = [];
    const call = async (method: string, params: unknown) => {
      const r = await t.cp.dispatch(method, params);
      responses.push(JSON.stringify(r));
      return r;
    };
    await setUpAws();
    const planted = [
      'sk-planted-first-0123456789abcdef',
      'sk-planted-second-0123456789abcdef',
      'xoxb-planted-9876543210-zyxw',
    ];
    await call('secrets.put', { store: 'aws-sm', name: 'team/openai', value: planted[0] });
    const id = await applyBot(
      'leaky',
      '\n  overrides:\n    config:\n      models:\n        providers:\n          openai:\n            apiKey:\n              $secret: { store: aws-sm, ref: team/openai }',
    );
    await call('bot.deploy', { id });
    const token = await keychain.get(`clawster/ecs/${id}/gateway-token`);
    expect(token).not.toBeNull();
    await call('secrets.put', { store: 'aws-sm', name: 'team/openai', value: planted[1] });
    await call('secrets.put', { store: 'keychain', name: 'team/slack', value: planted[2] });
    // Errors on the way: a bad value, a secret in use, a missing one.
    await call('secrets.put', { store: 'aws-sm', name: 'bad name', value: planted[0] });
    await call('secrets.delete', { store: 'aws-sm', name: 'team/openai' });
    await call('bot.logs.page', { id, limit: 10 });
    await call('bot.target.status', { id });
    await call('secrets.list', {});
    await call('bot.destroy', { id, confirmName: 'leaky' });

    const db = join(dataDir, 'clawster.db');
    const files = [db, `${db}-wal`, join(dataDir, 'logs', 'clawster.log')].filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const haystacks = [
      ...files.map((f) => readFileSync(f).toString('latin1')),
      ...responses,
      JSON.stringify(t.events),
    ];
    for (const secret of [...planted, ...(token ? [token] : [])])
      for (const [i, hay] of haystacks.entries())
        expect(hay.includes(secret), `${secret.slice(0, 12)} in #${i}`).toBe(false);
  });
});
