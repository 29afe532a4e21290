import { DescribeSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../../main/aws/clients.ts';
import { type BotSecrets, createBotSecrets } from '../../main/targets/ecs/bot-secrets.ts';
import { createEcsTarget, type EcsTarget } from '../../main/targets/ecs/ecs-target.ts';
import { botConfig, prepareEcs } from '../support/moto/ecs-setup.ts';
import { type MotoServer, startMoto } from '../support/moto/moto-server.ts';

let moto: MotoServer;
let aws: AwsClients;
let secrets: BotSecrets;
let target: EcsTarget;

const modelKey = 'sk-model-key-value-AAAA-1111';
const rotatedKey = 'sk-model-key-value-BBBB-2222';

beforeAll(async () => {
  moto = await startMoto();
  aws = createAwsClients(moto.access('eu-west-1'));
});
beforeEach(async () => {
  const { settings } = await prepareEcs(moto.endpoint, aws, { recoveryWindowDays: 7 });
  target = createEcsTarget({ clients: aws, settings });
  secrets = createBotSecrets({
    clients: aws,
    cluster: settings.cluster,
    secretsPrefix: settings.secretsPrefix,
    recoveryWindowDays: settings.recoveryWindowDays,
  });
});
afterEach(async () => {
  await moto.reset();
});
afterAll(async () => {
  aws?.destroy();
  await moto?.stop();
});

async function current(arn: string): Promise<string | undefined> {
  return (await aws.secrets.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
}

describe('bot secrets in Secrets Manager (moto)', () => {
  it('creates bot-scoped and shared secrets, lists them without values, refuses a duplicate', async () => {
    const shared = await secrets.create('shared', 'OPENAI_API_KEY', modelKey, 'fleet model key');
    const own = await secrets.create({ botId: 'b1' }, 'TELEGRAM_BOT_TOKEN', 'tg-token-value-123456');
    expect(shared).toEqual({
      name: 'clawster/shared/OPENAI_API_KEY',
      arn: expect.stringContaining(':secret:clawster/shared/OPENAI_API_KEY-'),
      botId: null,
    });
    expect(own.name).toBe('clawster/bots/b1/secrets/TELEGRAM_BOT_TOKEN');
    expect(await current(shared.arn)).toBe(modelKey);

    const listed = await secrets.list();
    expect(listed.map((s) => [s.name, s.botId])).toEqual([
      ['clawster/bots/b1/secrets/TELEGRAM_BOT_TOKEN', 'b1'],
      ['clawster/shared/OPENAI_API_KEY', null],
    ]);
    expect(JSON.stringify(listed)).not.toContain(modelKey);
    expect((await secrets.list('shared')).map((s) => s.name)).toEqual(['clawster/shared/OPENAI_API_KEY']);
    expect((await secrets.list({ botId: 'b1' })).map((s) => s.name)).toEqual([
      'clawster/bots/b1/secrets/TELEGRAM_BOT_TOKEN',
    ]);

    await expect(secrets.create('shared', 'OPENAI_API_KEY', 'other-value-000000')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Secret clawster/shared/OPENAI_API_KEY already exists. Rotate it to change its value.',
    });
    expect(await current(shared.arn)).toBe(modelKey);
    await expect(secrets.create('shared', 'bad name!', 'x')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('rotating stores the new value and names the deployed bots that read it, which redeploy', async () => {
    const key = await secrets.create('shared', 'OPENAI_API_KEY', modelKey);
    await target.deploy({ id: 'b1', name: 'One' }, botConfig('v1'), [
      { env: 'OPENAI_API_KEY', ref: key.arn },
    ]);
    await target.deploy({ id: 'b2', name: 'Two' }, botConfig('v1'), [
      { env: 'OPENAI_API_KEY', ref: key.arn },
    ]);
    await target.deploy({ id: 'b3', name: 'Three' }, botConfig('v1'), []);

    const rotated = await secrets.rotate(key.arn, rotatedKey);
    expect(rotated.usedBy).toEqual(['b1', 'b2']);
    expect(await current(key.arn)).toBe(rotatedKey);

    // The secret is injected at task start: each user gets a fresh deployment.
    for (const botId of rotated.usedBy) await target.redeploy(botId);

    // A bot whose current revision no longer reads it is no longer a user.
    await target.update({ id: 'b2', name: 'Two' }, botConfig('v2'), []);
    expect(await secrets.usedBy(key.arn)).toEqual(['b1']);
  });

  it('deleting is refused while a bot reads the secret, then scheduled with the recovery window', async () => {
    const key = await secrets.create('shared', 'OPENAI_API_KEY', modelKey);
    await target.deploy({ id: 'b1', name: 'One' }, botConfig('v1'), [
      { env: 'OPENAI_API_KEY', ref: key.arn },
    ]);
    await expect(secrets.delete(key.arn)).rejects.toMatchObject({
      code: 'PRECONDITION',
      message:
        'Secret clawster/shared/OPENAI_API_KEY is still used by bot b1. Remove it from their config and redeploy them first.',
    });
    expect(
      (await aws.secrets.send(new DescribeSecretCommand({ SecretId: key.arn }))).DeletedDate,
    ).toBeUndefined();

    await target.update({ id: 'b1', name: 'One' }, botConfig('v2'), []);
    const deleted = await secrets.delete(key.arn);
    const days = (Date.parse(deleted.deletionDate) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6);
    expect(days).toBeLessThanOrEqual(7);
    expect(await secrets.list()).toEqual([]);
    // Deleting again is harmless; rotating a deleted secret says what to do.
    expect((await secrets.delete(key.arn)).deletionDate).toBe(deleted.deletionDate);
    await expect(secrets.rotate(key.arn, rotatedKey)).rejects.toMatchObject({ code: 'PRECONDITION' });
    // The name stays taken until the window ends.
    await expect(secrets.create('shared', 'OPENAI_API_KEY', modelKey)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('is scheduled for deletion'),
    });
  });

  it('a missing secret is reported as not found with the operator’s next step', async () => {
    await expect(
      secrets.rotate(
        'arn:aws:secretsmanager:eu-west-1:123456789012:secret:clawster/shared/NOPE-abcdef',
        rotatedKey,
      ),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('secretsmanager:DescribeSecret'),
    });
  });
});
