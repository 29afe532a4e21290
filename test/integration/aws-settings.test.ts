import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../main/aws/clients.ts';
import { awsCredentialsRef } from '../../main/aws/credentials.ts';
import { fileSink } from '../../main/log/file-sink.ts';
import { createLogger } from '../../main/log/logger.ts';
import { createKeychainStore } from '../../main/secrets/keychain-store.ts';
import { type ParamsIn, type RequestName, type ResultOf, requests } from '../../shared/contract/requests.ts';
import { startControlPlane, type TestControlPlane } from '../support/control-plane.ts';
import { type MotoServer, startMoto } from '../support/moto/moto-server.ts';

/*
 * Settings > AWS through the control plane's dispatch: the real OS keychain (gnome-keyring in the
 * D-Bus session of scripts/with-keyring.sh, under a service name of this file's own), moto for AWS
 * with IAM authentication on, and a real SQLite file.
 */

const region = 'eu-west-1';
const keychain = createKeychainStore({ service: `Clawster-test-aws-${randomUUID()}` });
const plantedWrongSecret = `planted-wrong-secret-${randomUUID()}`;

const operatorPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['sts:GetCallerIdentity', 'sts:AssumeRole', 'ecs:*', 'logs:*', 'iam:*'],
      Resource: '*',
    },
  ],
});

let moto: MotoServer;
let t: TestControlPlane;
let bob: { accessKeyId: string; secretAccessKey: string };
/** JSON of every contract response of the test, for the leak scan. */
let responses: string[];

beforeAll(async () => {
  moto = await startMoto();
});
beforeEach(async () => {
  const admin = createAwsClients(moto.access(region));
  await admin.iam.send(new CreateUserCommand({ UserName: 'bob' }));
  await admin.iam.send(
    new PutUserPolicyCommand({
      UserName: 'bob',
      PolicyName: 'clawster-operator',
      PolicyDocument: operatorPolicy,
    }),
  );
  const key = (await admin.iam.send(new CreateAccessKeyCommand({ UserName: 'bob' }))).AccessKey;
  admin.destroy();
  bob = { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' };
  await moto.setAuth(true);

  const dataDir = mkdtempSync(join(tmpdir(), 'clawster-aws-settings-'));
  t = startControlPlane({
    dataDir,
    secrets: keychain,
    log: createLogger({ sink: fileSink(join(dataDir, 'logs', 'clawster.log')) }),
    aws: { endpoint: moto.endpoint, maxAttempts: 1, awsFiles: { home: dataDir, env: {} } },
  });
  responses = [];
});
afterEach(async () => {
  await keychain.delete(awsCredentialsRef);
  await t.cleanup();
  await moto.reset();
});
afterAll(async () => {
  await moto?.stop();
});

async function call(method: string, params: unknown) {
  const r = await t.cp.dispatch(method, params);
  responses.push(JSON.stringify(r));
  return r;
}
async function ok<N extends RequestName>(method: N, params: ParamsIn<N>): Promise<ResultOf<N>> {
  const r = await call(method, params);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return requests[method].result.parse(r.value) as ResultOf<N>;
}
async function fails(method: RequestName, params: unknown = {}) {
  const r = await call(method, params);
  if (r.ok) throw new Error(`${method} succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
}
/** Temporary credentials with a session token (STS AssumeRole as bob), as an SSO or MFA login gives. */
async function temporaryKeys() {
  const admin = createAwsClients(moto.access(region));
  await moto.setAuth(false);
  await admin.iam.send(
    new CreateRoleCommand({
      RoleName: 'operator',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' },
        ],
      }),
    }),
  );
  await admin.iam.send(
    new PutRolePolicyCommand({
      RoleName: 'operator',
      PolicyName: 'operator',
      PolicyDocument: operatorPolicy,
    }),
  );
  admin.destroy();
  await moto.setAuth(true);
  const asBob = createAwsClients({ ...moto.access(region), keys: bob });
  const out = await asBob.sts.send(
    new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/operator', RoleSessionName: 'ops' }),
  );
  asBob.destroy();
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('AssumeRole gave no keys');
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

const settingsRows = () => t.cp.store.sqlite.prepare('SELECT * FROM settings ORDER BY key').all();
const awsAudit = () =>
  t.cp.store.sqlite
    .prepare("SELECT action, resource_id FROM audit_events WHERE resource_type = 'aws' ORDER BY seq")
    .all();

describe('Settings > AWS through dispatch (real keychain, moto with IAM auth)', () => {
  it('sets keys, verifies, bootstraps twice (the second run changes nothing) and keeps ECS settings', async () => {
    expect(await ok('aws.credentials.get', {})).toEqual({
      mode: 'none',
      region: null,
      accessKeyIdHint: null,
      hasSessionToken: false,
      profile: null,
    });
    const hint = `${bob.accessKeyId.slice(0, 4)}…${bob.accessKeyId.slice(-4)}`;
    const saved = await ok('aws.credentials.setKeys', { ...bob, region });
    const identity = { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/bob' };
    expect(saved).toEqual({
      credentials: { mode: 'keys', region, accessKeyIdHint: hint, hasSessionToken: false, profile: null },
      identity: { ...identity, userId: expect.any(String) },
    });
    expect(await ok('aws.credentials.get', {})).toEqual(saved.credentials);
    expect(await ok('aws.credentials.verify', {})).toMatchObject(identity);
    // The keychain holds them; SQLite does not.
    expect(await keychain.get(awsCredentialsRef)).toContain(bob.secretAccessKey);
    expect(settingsRows()).toEqual([]);

    const first = await ok('aws.bootstrap', { region });
    expect(first.changed).toBe(true);
    expect(first.resources.map((r) => [r.kind, r.status])).toEqual([
      ['cluster', 'created'],
      ['log-group', 'created'],
      ['execution-role', 'created'],
      ['task-role', 'created'],
    ]);
    expect(first.record).toEqual({
      region,
      accountId: '123456789012',
      clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/clawster',
      logGroupName: '/clawster/bots',
      logGroupArn: expect.stringMatching(/^arn:aws:logs:eu-west-1:123456789012:log-group:\/clawster\/bots/),
      executionRoleArn: 'arn:aws:iam::123456789012:role/clawster-ecs-task-execution',
      taskRoleArn: 'arn:aws:iam::123456789012:role/clawster-bot-task',
      at: '2026-03-10T12:00:00.000Z',
    });
    const auditAfterFirst = awsAudit();

    const second = await ok('aws.bootstrap', { region });
    expect(second.changed).toBe(false);
    expect(second.resources.every((r) => r.status === 'existed')).toBe(true);
    expect(second.summary).toBe(
      'All 4 Clawster resources already existed in eu-west-1 as wanted; nothing changed.',
    );
    expect(second.record).toEqual(first.record);
    expect(awsAudit()).toEqual(auditAfterFirst);

    // Clawster does not check the network exists (the operator's VPC): ECS does at deploy time.
    const ecs = {
      subnets: ['subnet-0abc12345', 'subnet-0def67890'],
      securityGroups: ['sg-0abc12345'],
      cpu: '512' as const,
      memoryMiB: 1024,
    };
    const set = await ok('aws.settings.set', ecs);
    expect(set).toEqual({
      bootstrap: first.record,
      ecs: {
        ...ecs,
        assignPublicIp: 'DISABLED',
        image: 'ghcr.io/openclaw/openclaw:2026.9.6',
        recoveryWindowDays: 30,
      },
    });
    expect(await ok('aws.settings.get', {})).toEqual(set);
    await t.reopen();
    expect(await ok('aws.settings.get', {})).toEqual(set);

    // Bad settings are refused field by field and change nothing.
    const rows = settingsRows();
    const bad = await fails('aws.settings.set', {
      subnets: ['nope'],
      securityGroups: [],
      cpu: '512',
      memoryMiB: 8192,
      image: 'ghcr.io/openclaw/openclaw:latest',
      recoveryWindowDays: 3,
    });
    expect(bad.code).toBe('VALIDATION');
    expect(bad.issues?.map((i) => i.path).sort()).toEqual([
      'image',
      'memoryMiB',
      'recoveryWindowDays',
      'securityGroups',
      'subnets.0',
    ]);
    expect(settingsRows()).toEqual(rows);

    expect(awsAudit()).toEqual([
      { action: 'aws.credentials.setKeys', resource_id: 'credentials' },
      { action: 'aws.bootstrap', resource_id: 'bootstrap' },
      { action: 'aws.settings.set', resource_id: 'ecs-settings' },
    ]);
    const page = await ok('audit.list', { resourceType: 'aws' });
    expect(JSON.stringify(page)).toContain('AKIA');
    expect(await ok('audit.verify', {})).toMatchObject({ ok: true });

    expect(await ok('aws.credentials.clear', {})).toEqual({ removed: true });
    expect(await keychain.get(awsCredentialsRef)).toBeNull();
    expect((await ok('aws.credentials.get', {})).mode).toBe('none');
    expect(await fails('aws.bootstrap', { region })).toMatchObject({
      code: 'PRECONDITION',
      message: 'No AWS credentials are set up. Enter an access key or choose a profile in Settings > AWS.',
    });
  });

  it('refuses keys AWS rejects and stores nothing: no keychain entry, no row, no audit event', async () => {
    const before = t.snapshot();
    const error = await fails('aws.credentials.setKeys', {
      ...bob,
      secretAccessKey: plantedWrongSecret,
      region,
    });
    expect(error).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('AWS rejected the credentials on sts:GetCallerIdentity'),
    });
    const invalid = await fails('aws.credentials.setKeys', {
      accessKeyId: 'not a key',
      secretAccessKey: plantedWrongSecret,
      region: 'Europe',
    });
    expect(invalid.code).toBe('VALIDATION');
    expect(invalid.issues?.map((i) => i.path)).toEqual(['region']);
    expect(await keychain.get(awsCredentialsRef)).toBeNull();
    expect(t.snapshot()).toBe(before);
    expect(settingsRows()).toEqual([]);
  });

  it('never lets a secret reach SQLite, its WAL, the log or a contract response', async () => {
    const temp = await temporaryKeys();
    const saved = await ok('aws.credentials.setKeys', { ...temp, region });
    expect(saved.credentials.hasSessionToken).toBe(true);
    expect((await ok('aws.credentials.verify', {})).arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/operator/ops',
    );
    await ok('aws.bootstrap', { region });
    await ok('aws.bootstrap', { region });
    await fails('aws.credentials.setKeys', { ...bob, secretAccessKey: plantedWrongSecret, region });
    await fails('aws.credentials.setKeys', { ...bob, secretAccessKey: 'short', region });
    await fails('aws.bootstrap', { region: 'xx-nowhere-9' });
    await ok('aws.credentials.get', {});
    await ok('audit.list', {});
    // The region names no AWS region: moto refuses, and the error comes back as a response too.
    await call('aws.bootstrap', { region: 'ap-nowhere-1' });

    const db = join(t.dir, 'clawster.db');
    const files = [db, `${db}-wal`, join(t.dir, 'logs', 'clawster.log')];
    for (const f of files) expect(existsSync(f), f).toBe(true);
    expect(readFileSync(join(t.dir, 'logs', 'clawster.log'), 'utf8')).toContain('aws credentials saved');
    const haystacks = [...files.map((f) => readFileSync(f).toString('latin1')), ...responses];
    for (const secret of [temp.secretAccessKey, temp.sessionToken, bob.secretAccessKey, plantedWrongSecret])
      for (const [i, hay] of haystacks.entries())
        expect(hay.includes(secret), `${secret} in #${i}`).toBe(false);
  });
});
