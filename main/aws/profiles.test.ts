import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awsFilePaths, listAwsProfiles, parseAwsIni } from './profiles.ts';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'clawster-aws-profiles-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('~/.aws profiles', () => {
  it('parses sections, comments and keys the way the AWS CLI does', () => {
    const ini = parseAwsIni(
      '# comment\n[default]\nregion = eu-west-1\n; other\n[profile dev]\nsso_session = corp\ns3 =\n  max_concurrent_requests = 20\n',
    );
    expect([...ini.keys()]).toEqual(['default', 'profile dev']);
    expect(Object.fromEntries(ini.get('profile dev') ?? [])).toEqual({ sso_session: 'corp', s3: '' });
  });

  it('lists profiles of both files by name with region and kind, never a key', async () => {
    mkdirSync(join(home, '.aws'));
    writeFileSync(
      join(home, '.aws', 'config'),
      '[default]\nregion = us-east-1\n[profile sso-dev]\nsso_session = corp\nregion = eu-central-1\n[profile deploy]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = default\n[sso-session corp]\nsso_start_url = https://x\n',
    );
    writeFileSync(
      join(home, '.aws', 'credentials'),
      '[default]\naws_access_key_id = AKIAEXAMPLEEXAMPLE01\naws_secret_access_key = do-not-leak-this-value\n',
    );
    const profiles = await listAwsProfiles({ home, env: {} });
    expect(profiles).toEqual([
      { name: 'default', region: 'us-east-1', kind: 'static-keys', files: ['config', 'credentials'] },
      { name: 'deploy', region: null, kind: 'assume-role', files: ['config'] },
      { name: 'sso-dev', region: 'eu-central-1', kind: 'sso', files: ['config'] },
    ]);
    expect(JSON.stringify(profiles)).not.toContain('do-not-leak-this-value');
  });

  it('follows AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE and tolerates missing files', async () => {
    const env = { AWS_CONFIG_FILE: join(home, 'cfg'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'creds') };
    expect(awsFilePaths({ home, env })).toEqual({
      config: env.AWS_CONFIG_FILE,
      credentials: env.AWS_SHARED_CREDENTIALS_FILE,
    });
    expect(await listAwsProfiles({ home, env })).toEqual([]);
    writeFileSync(env.AWS_CONFIG_FILE, '[profile only]\nregion = ap-south-1\n');
    expect((await listAwsProfiles({ home, env })).map((p) => p.name)).toEqual(['only']);
  });
});
