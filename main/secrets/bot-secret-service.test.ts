import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startControlPlane, type TestControlPlane } from '../../test/support/control-plane.ts';
import { MemorySecretStoreDouble } from '../../test/support/memory-secret-store.ts';

let t: TestControlPlane;
let keychain: MemorySecretStoreDouble;
beforeEach(async () => {
  keychain = new MemorySecretStoreDouble();
  t = startControlPlane({ secrets: keychain });
  await t.call('fleet.create', { name: 'Support', environment: 'dev' });
  const bot = (name: string) =>
    `apiVersion: clawster.dev/v1\nkind: Bot\nmetadata: { name: ${name}, fleet: Support }\nspec:\n  template: minimal\n  overrides: { config: { channels: { slack: { botToken: { $secret: { store: keychain, ref: "team/{bot}-slack" } } } } } }\n`;
  await t.call('manifest.apply', {
    files: [
      { name: 'a.yaml', text: bot('alpha') },
      { name: 'b.yaml', text: bot('beta') },
    ],
  });
});
afterEach(() => t.cleanup());

describe('bot secrets in the keychain (secrets.*, keychain test double)', () => {
  it('lists what bots refer to and whether it is set; sets, rotates and deletes by name only', async () => {
    const listed = await t.call('secrets.list', {});
    expect(listed.problems).toEqual([]);
    expect(
      listed.items.map((i) => [i.store, i.name, i.present, i.usedBy.map((u) => `${u.botName} ${u.path}`)]),
    ).toEqual([
      ['keychain', 'team/alpha-slack', false, ['alpha channels.slack.botToken']],
      ['keychain', 'team/beta-slack', false, ['beta channels.slack.botToken']],
    ]);
    const value = 'xoxb-0123456789-abcdefghijklmnop';
    expect(await t.call('secrets.put', { store: 'keychain', name: 'team/alpha-slack', value })).toEqual({
      store: 'keychain',
      name: 'team/alpha-slack',
      created: true,
      redeployed: [],
    });
    expect(await keychain.get('team/alpha-slack')).toBe(value);
    expect((await t.call('secrets.list', {})).items[0]?.present).toBe(true);
    // No bot is deployed, so a rotation restarts none.
    const rotated = await t.call('secrets.put', {
      store: 'keychain',
      name: 'team/alpha-slack',
      value: `${value}-2`,
    });
    expect(rotated).toMatchObject({ created: false, redeployed: [] });
    expect(await t.call('secrets.delete', { store: 'keychain', name: 'team/alpha-slack' })).toEqual({
      removed: true,
    });
    expect(await t.call('secrets.delete', { store: 'keychain', name: 'team/alpha-slack' })).toEqual({
      removed: false,
    });
    const actions = (await t.call('audit.list', { resourceType: 'secret' })).events.map((e) => e.action);
    expect(actions).toEqual(['secret.delete', 'secret.rotate', 'secret.create']);
    expect(JSON.stringify(t.events)).not.toContain(value);
    expect(t.snapshot()).not.toContain(value);
  });

  it('refuses a secret without a value or with a name no reference can use, changing nothing', async () => {
    const before = t.snapshot();
    expect((await t.fail('secrets.put', { store: 'keychain', name: 'x', value: '' })).code).toBe(
      'VALIDATION',
    );
    expect(
      (await t.fail('secrets.put', { store: 'keychain', name: 'has space', value: 'v' })).issues?.[0]?.path,
    ).toBe('name');
    expect((await t.fail('secrets.put', { store: 'vault', name: 'x', value: 'v' })).issues?.[0]?.path).toBe(
      'store',
    );
    expect(t.snapshot()).toBe(before);
  });

  it('refuses names where Clawster keeps its own secrets (device key, AWS credentials, gateway tokens)', async () => {
    await keychain.put('gateway/device-key', 'pem');
    for (const name of ['gateway/device-key', 'aws/credentials', 'clawster/local/b1/gateway-token']) {
      const e = await t.fail('secrets.put', { store: 'keychain', name, value: 'v' });
      expect(e.issues).toEqual([{ path: 'name', message: 'reserved for Clawster' }]);
      expect((await t.fail('secrets.delete', { store: 'keychain', name })).code).toBe('VALIDATION');
    }
    const aws = await t.fail('secrets.put', { store: 'aws-sm', name: 'clawster/bots/b1/config', value: 'v' });
    expect(aws.issues).toEqual([{ path: 'name', message: 'reserved for Clawster' }]);
    expect(await keychain.get('gateway/device-key')).toBe('pem');
  });
});
