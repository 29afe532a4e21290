import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAwsClients } from '../../main/aws/clients.ts';
import { awsCredentialsRef, createAwsCredentials } from '../../main/aws/credentials.ts';
import { createLogger } from '../../main/log/logger.ts';
import { type MotoServer, startMoto } from '../support/moto/moto-server.ts';
import { SecretStoreDouble } from '../support/moto/secret-store-double.ts';

let moto: MotoServer;
let dir: string;
let store: SecretStoreDouble;
let logLines: string[];
let bob: { accessKeyId: string; secretAccessKey: string };

beforeAll(async () => {
  moto = await startMoto();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clawster-aws-creds-'));
  store = new SecretStoreDouble();
  logLines = [];
  // An IAM user in moto, then authentication on: from here moto checks every request's keys.
  const admin = createAwsClients(moto.access());
  await admin.iam.send(new CreateUserCommand({ UserName: 'bob' }));
  await admin.iam.send(
    new PutUserPolicyCommand({
      UserName: 'bob',
      PolicyName: 'whoami',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['sts:GetCallerIdentity'], Resource: '*' }],
      }),
    }),
  );
  const key = (await admin.iam.send(new CreateAccessKeyCommand({ UserName: 'bob' }))).AccessKey;
  admin.destroy();
  bob = { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' };
  await moto.setAuth(true);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
  await moto.reset();
});
afterAll(async () => {
  await moto?.stop();
});

function credentials() {
  return createAwsCredentials({
    store,
    endpoint: moto.endpoint,
    maxAttempts: 1,
    log: createLogger({ sink: (l) => logLines.push(l) }),
  });
}

describe('operator AWS credentials (keychain double + moto STS)', () => {
  it('checks access keys with STS GetCallerIdentity, then keeps them only in the secret store', async () => {
    const creds = credentials();
    const saved = await creds.saveAccessKeys({ ...bob, region: 'eu-west-1' });
    expect(saved.identity).toEqual({
      account: '123456789012',
      arn: 'arn:aws:iam::123456789012:user/bob',
      userId: expect.any(String),
    });
    expect(saved.summary).toEqual({
      kind: 'keys',
      region: 'eu-west-1',
      accessKeyIdHint: `${bob.accessKeyId.slice(0, 4)}…${bob.accessKeyId.slice(-4)}`,
      hasSessionToken: false,
    });
    expect(Object.keys(store.snapshot())).toEqual([awsCredentialsRef]);
    expect(await creds.verify()).toEqual(saved.identity);
    expect(await creds.summary()).toEqual(saved.summary);

    // The secret key never comes back out, and never reaches a log line.
    const everything = JSON.stringify([saved, await creds.summary(), logLines]);
    expect(everything).not.toContain(bob.secretAccessKey);
    expect(logLines.join('\n')).toContain('aws credentials saved');

    expect(await creds.clear()).toBe(true);
    expect(await creds.summary()).toBeNull();
    await expect(creds.verify()).rejects.toMatchObject({
      code: 'PRECONDITION',
      message: 'No AWS credentials are set up. Enter an access key or choose a profile in Settings > AWS.',
    });
  });

  it('refuses keys AWS rejects, keeping what was stored before', async () => {
    const creds = credentials();
    await creds.saveAccessKeys({ ...bob, region: 'eu-west-1' });
    const before = store.snapshot();
    const wrong = 'wrong-secret-key-0000000000000000000000';
    await expect(
      creds.saveAccessKeys({ ...bob, secretAccessKey: wrong, region: 'eu-west-1' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('AWS rejected the credentials on sts:GetCallerIdentity'),
    });
    await expect(
      creds.saveAccessKeys({
        accessKeyId: 'AKIAUNKNOWNKEY000000',
        secretAccessKey: wrong,
        region: 'eu-west-1',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(store.snapshot()).toEqual(before);
    expect(logLines.join('\n')).not.toContain(wrong);
  });

  it('validates the input before calling AWS', async () => {
    const creds = credentials();
    await expect(creds.saveAccessKeys({ ...bob, region: 'Europe' })).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'region', message: 'not an AWS region name, e.g. eu-west-1' }],
    });
    await expect(
      creds.saveAccessKeys({ accessKeyId: 'not a key', secretAccessKey: 'short', region: 'eu-west-1' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(store.snapshot()).toEqual({});
  });

  it('uses a named profile from ~/.aws, storing only its name and region', async () => {
    const config = join(dir, 'config');
    const credentialsFile = join(dir, 'credentials');
    writeFileSync(
      config,
      '[default]\nregion = us-east-1\n\n[profile moto-bob]\nregion = eu-west-1\n\n[profile no-region]\n',
    );
    writeFileSync(
      credentialsFile,
      `[moto-bob]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n\n[no-region]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n`,
    );
    vi.stubEnv('AWS_CONFIG_FILE', config);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', credentialsFile);
    const creds = credentials();

    expect(await creds.listProfiles()).toEqual([
      { name: 'default', region: 'us-east-1', kind: 'other', files: ['config'] },
      { name: 'moto-bob', region: 'eu-west-1', kind: 'static-keys', files: ['config', 'credentials'] },
      { name: 'no-region', region: null, kind: 'static-keys', files: ['config', 'credentials'] },
    ]);

    const saved = await creds.useProfile({ profile: 'moto-bob' });
    expect(saved.identity.arn).toBe('arn:aws:iam::123456789012:user/bob');
    expect(saved.summary).toEqual({ kind: 'profile', region: 'eu-west-1', profile: 'moto-bob' });
    expect(JSON.parse(store.snapshot()[awsCredentialsRef] ?? '{}')).toEqual({
      kind: 'profile',
      profile: 'moto-bob',
      region: 'eu-west-1',
    });
    expect(await creds.verify()).toEqual(saved.identity);

    await expect(creds.useProfile({ profile: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('aws configure --profile nope'),
    });
    await expect(creds.useProfile({ profile: 'no-region' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await creds.useProfile({ profile: 'no-region', region: 'eu-west-1' })).summary.region).toBe(
      'eu-west-1',
    );
  });
});
