import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAws } from '../../main/aws/bootstrap.ts';
import { type AwsClients, createAwsClients } from '../../main/aws/clients.ts';
import { callerIdentity } from '../../main/aws/credentials.ts';
import { awsCall } from '../../main/aws/errors.ts';
import { createBotSecrets } from '../../main/targets/ecs/bot-secrets.ts';
import { createEcsTarget } from '../../main/targets/ecs/ecs-target.ts';
import { botConfig, prepareEcs } from '../support/moto/ecs-setup.ts';
import { type MotoServer, startMoto } from '../support/moto/moto-server.ts';

let moto: MotoServer;
let aws: AwsClients;
const opened: AwsClients[] = [];

function clients(access: Parameters<typeof createAwsClients>[0]): AwsClients {
  const c = createAwsClients(access);
  opened.push(c);
  return c;
}

beforeAll(async () => {
  moto = await startMoto();
  aws = clients(moto.access('eu-west-1'));
});
afterEach(async () => {
  await moto.reset();
});
afterAll(async () => {
  for (const c of opened) c.destroy();
  await moto?.stop();
});

/** An IAM user in moto allowed only `actions`; returns clients with its keys (auth is then switched on). */
async function userAllowedOnly(name: string, actions: string[]): Promise<AwsClients> {
  await aws.iam.send(new CreateUserCommand({ UserName: name }));
  await aws.iam.send(
    new PutUserPolicyCommand({
      UserName: name,
      PolicyName: 'limited',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
      }),
    }),
  );
  const key = (await aws.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey;
  await moto.setAuth(true);
  return clients({
    ...moto.access('eu-west-1'),
    keys: { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' },
  });
}

describe('AWS errors from moto become operator messages', () => {
  it('a missing permission names the action and the principal', async () => {
    const carol = await userAllowedOnly('carol', [
      'sts:GetCallerIdentity',
      'ecs:DescribeClusters',
      'ecs:CreateCluster',
      'logs:DescribeLogGroups',
      'logs:CreateLogGroup',
      'logs:PutRetentionPolicy',
    ]);
    await expect(bootstrapAws(carol)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message:
        'Missing AWS permission iam:GetRole on clawster-ecs-task-execution. Ask your AWS administrator to allow iam:GetRole for arn:aws:iam::123456789012:user/carol, then retry.',
    });
  });

  it('a missing permission is named from the call even when the answer cannot be parsed', async () => {
    // moto answers JSON-protocol services (ECS) with an XML 403 the SDK cannot read.
    const dave = await userAllowedOnly('dave', ['sts:GetCallerIdentity']);
    await expect(bootstrapAws(dave)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(
        /^Missing AWS permission ecs:DescribeClusters on clawster in eu-west-1\. /,
      ),
    });
  });

  it('unknown keys are rejected credentials', async () => {
    await moto.setAuth(true);
    await expect(callerIdentity(aws)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining(
        'The access key ID does not exist, was deactivated, or the secret key is wrong',
      ),
    });
  });

  it('an unknown cluster says where to create it', async () => {
    const target = createEcsTarget({
      clients: aws,
      settings: (await prepareEcs(moto.endpoint, aws, { cluster: 'not-bootstrapped' })).settings,
    });
    await expect(target.status('b1')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('`clawster aws init --region eu-west-1`'),
    });
  });

  it('a missing secret is not found', async () => {
    const secrets = createBotSecrets({
      clients: aws,
      cluster: 'clawster',
      secretsPrefix: 'clawster/',
      recoveryWindowDays: 7,
    });
    await expect(
      secrets.delete('arn:aws:secretsmanager:eu-west-1:123456789012:secret:clawster/shared/GONE-abcdef'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an invalid request is a validation error carrying AWS’s reason', async () => {
    const { settings } = await prepareEcs(moto.endpoint, aws, { subnets: ['subnet-0000000000000000f'] });
    const target = createEcsTarget({ clients: aws, settings });
    await expect(target.deploy({ id: 'b1', name: 'One' }, botConfig('v1'), [])).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(
        /^AWS refused ecs:CreateService .* as invalid: .*subnet-0000000000000000f/,
      ),
    });
  });

  it('an unreachable endpoint is unavailable', async () => {
    const closed = clients({ ...moto.access('eu-west-1'), endpoint: 'http://127.0.0.1:9' });
    await expect(callerIdentity(closed)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining(
        'Cannot reach AWS for sts:GetCallerIdentity in eu-west-1 (ECONNREFUSED)',
      ),
    });
  });
});

describe('throttling is retried with adaptive backoff', () => {
  // TEST DOUBLE: a loopback HTTP server answering ECS ListClusters with ThrottlingException,
  // because moto cannot throttle. `failures` answers are throttled, then it succeeds.
  let server: Server;
  let calls = 0;
  let failures = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        calls += 1;
        if (calls <= failures) {
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
        } else {
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify({ clusterArns: ['arn:aws:ecs:eu-west-1:123456789012:cluster/clawster'] }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const throttled = (maxAttempts: number) =>
    clients({
      region: 'eu-west-1',
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      keys: { accessKeyId: 'AKIATHROTTLETEST0001', secretAccessKey: 'throttle-test-secret-key' },
      maxAttempts,
    });

  it('succeeds after two throttled answers', async () => {
    calls = 0;
    failures = 2;
    const out = await awsCall({ action: 'ecs:ListClusters', region: 'eu-west-1' }, () =>
      throttled(5).ecs.send(new ListClustersCommand({})),
    );
    expect(out.clusterArns).toHaveLength(1);
    expect(out.$metadata.attempts).toBe(3);
    expect(calls).toBe(3);
  });

  it('gives up after maxAttempts with a message that says so', async () => {
    calls = 0;
    failures = 100;
    await expect(
      awsCall({ action: 'ecs:ListClusters', region: 'eu-west-1' }, () =>
        throttled(3).ecs.send(new ListClustersCommand({})),
      ),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message:
        'AWS is throttling ecs:ListClusters in eu-west-1. Clawster tried 3 times with adaptive backoff. Wait a minute and retry; if it keeps happening, ask AWS for a higher request quota or run fewer operations at once.',
    });
    expect(calls).toBe(3);
  });
});
