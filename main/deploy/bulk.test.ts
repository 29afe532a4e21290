import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startControlPlane, type TestControlPlane } from '../../test/support/control-plane.ts';
import { MemorySecretStoreDouble } from '../../test/support/memory-secret-store.ts';

let t: TestControlPlane;
let ids: string[] = [];
beforeEach(async () => {
  t = startControlPlane({ secrets: new MemorySecretStoreDouble() });
  const fleet = await t.call('fleet.create', { name: 'Prod', environment: 'prod' });
  ids = (await t.call('bot.createMany', { fleetId: fleet.id, bots: [{ name: 'a' }, { name: 'b' }] })).ids;
});
afterEach(() => t.cleanup());

describe('bot.bulk', () => {
  it("answers each bot's outcome on its own, in the order given, without stopping at a failure", async () => {
    const r = await t.call('bot.bulk', { action: 'deploy', ids: [...ids, ids[0] ?? ''] });
    expect(r.results.map((x) => [x.botId, x.ok, x.error?.code])).toEqual([
      [ids[0], false, 'PRECONDITION'],
      [ids[1], false, 'PRECONDITION'],
    ]);
    expect(r.results[0]?.error?.message).toMatch(/has no config yet/);
    const stop = await t.call('bot.bulk', { action: 'stop', ids });
    expect(stop.results.every((x) => x.error?.message.includes('not been deployed'))).toBe(true);
  });

  it('destroys only when the number of bots is typed to confirm, and changes nothing otherwise', async () => {
    const before = t.snapshot();
    const e = await t.fail('bot.bulk', { action: 'destroy', ids });
    expect(e.code).toBe('VALIDATION');
    expect(e.issues).toEqual([
      { path: 'confirmCount', message: 'Type the number of bots to destroy to confirm' },
    ]);
    expect(t.snapshot()).toBe(before);
  });
});
