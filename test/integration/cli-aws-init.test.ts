import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MotoServer, startMoto } from '../support/moto/moto-server.ts';
import { repoRoot } from '../support/serve-process.ts';

/*
 * `clawster aws init` as an operator runs it: a child process of bin/clawster.mjs, credentials from
 * a ~/.aws profile (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE in a temp folder), and AWS being
 * moto on loopback through CLAWSTER_AWS_ENDPOINT (a variable for tests and development only).
 */

const run = promisify(execFile);
let moto: MotoServer;
let dir: string;

beforeAll(async () => {
  moto = await startMoto();
  dir = mkdtempSync(join(tmpdir(), 'clawster-cli-aws-'));
  writeFileSync(join(dir, 'config'), '[profile moto]\nregion = eu-west-1\n');
  writeFileSync(
    join(dir, 'credentials'),
    '[moto]\naws_access_key_id = AKIAMOTOTESTKEY00001\naws_secret_access_key = moto-test-secret-key-not-real\n',
  );
});
afterAll(async () => {
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function clawster(...args: string[]) {
  return run(process.execPath, [join(repoRoot, 'bin', 'clawster.mjs'), ...args], {
    cwd: dir,
    env: {
      ...process.env,
      CLAWSTER_AWS_ENDPOINT: moto.endpoint,
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
}

describe('clawster aws init (child process against moto)', () => {
  it('creates the four resources, records their ARNs, and says nothing changed the second time', async () => {
    const dataDir = join(dir, 'data');
    const args = ['aws', 'init', '--region', 'eu-west-1', '--profile', 'moto', '--data-dir', dataDir];
    const first = await clawster(...args);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('AWS account 123456789012, region eu-west-1:');
    for (const line of [
      'cluster         clawster: created',
      'log-group       /clawster/bots: created',
      'execution-role  clawster-ecs-task-execution: created',
      'task-role       clawster-bot-task: created',
      'arn:aws:ecs:eu-west-1:123456789012:cluster/clawster',
      'Done. The ARNs are recorded for deploying bots.',
    ])
      expect(first.stdout).toContain(line);

    const second = await clawster(...args);
    expect(second.stdout).toContain('clawster: existed');
    expect(second.stdout).not.toContain('created');
    expect(second.stdout.trim().split('\n').at(-1)).toBe(
      'All 4 Clawster resources already existed in eu-west-1 as wanted; nothing changed.',
    );

    const db = new Database(join(dataDir, 'clawster.db'), { readonly: true });
    try {
      const row = db.prepare("SELECT value FROM settings WHERE key = 'aws.bootstrap'").pluck().get();
      expect(JSON.parse(String(row))).toMatchObject({
        region: 'eu-west-1',
        clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/clawster',
        taskRoleArn: 'arn:aws:iam::123456789012:role/clawster-bot-task',
      });
      // One audited bootstrap: the second run changed nothing, so it wrote nothing.
      expect(db.prepare("SELECT action FROM audit_events WHERE resource_type = 'aws'").pluck().all()).toEqual(
        ['aws.bootstrap'],
      );
    } finally {
      db.close();
    }
    expect(readFileSync(join(dataDir, 'logs', 'clawster.log'), 'utf8')).not.toContain(
      'moto-test-secret-key-not-real',
    );
  });

  it('fails with a message and exit code 2 for a missing region or an unknown profile', async () => {
    const dataDir = join(dir, 'data-fail');
    await expect(clawster('aws', 'init', '--data-dir', dataDir)).rejects.toMatchObject({
      code: 2,
      stderr: 'clawster: --region is required, e.g. `clawster aws init --region eu-west-1`.\n',
    });
    await expect(
      clawster('aws', 'init', '--region', 'eu-west-1', '--profile', 'nobody', '--data-dir', dataDir),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('There is no AWS profile "nobody"'),
    });
  });
});
