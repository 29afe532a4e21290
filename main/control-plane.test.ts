import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startControlPlane, type TestControlPlane } from '../test/support/control-plane.ts';

let t: TestControlPlane | undefined;
afterEach(() => t?.cleanup());

const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;

describe('app.info', () => {
  it('tells the version, the actor, the data directory and the host', async () => {
    t = startControlPlane({ actor: 'ops' });
    expect(await t.call('app.info', {})).toEqual({ version, actor: 'ops', dataDir: t.dir, host: 'web' });
  });

  it('says electron when the shell built it', async () => {
    t = startControlPlane({ host: 'electron' });
    expect((await t.call('app.info', {})).host).toBe('electron');
  });
});

describe('createControlPlane', () => {
  it('keeps its data across a restart on the same directory', async () => {
    t = startControlPlane();
    const fleet = await t.call('fleet.create', { name: 'prod', environment: 'prod' });
    await t.reopen();
    expect(await t.call('fleet.list', {})).toEqual([fleet]);
    expect(await t.call('audit.verify', {})).toEqual({ ok: true, checked: 1, problem: null });
  });

  it('stops pushing events to a listener once it unsubscribes', async () => {
    t = startControlPlane();
    const seen: string[] = [];
    const off = t.cp.onEvent((event) => seen.push(event));
    await t.call('fleet.create', { name: 'a', environment: 'dev' });
    off();
    await t.call('fleet.create', { name: 'b', environment: 'dev' });
    expect(seen).toEqual(['fleet.changed', 'audit.appended']);
  });
});
