import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/errors.ts';
import { requestNames } from '../../shared/contract/requests.ts';
import { startControlPlane, type TestControlPlane } from '../../test/support/control-plane.ts';
import { createLogger } from '../log/logger.ts';
import { createDispatcher } from './dispatcher.ts';
import { createHandlerRegistry, type Handler } from './handler-registry.ts';

let t: TestControlPlane;
let fleetId = '';
let botId = '';
// One database for the whole file: no test here may change it, and each checks that it did not.
beforeAll(async () => {
  t = startControlPlane();
  fleetId = (await t.call('fleet.create', { name: 'prod', environment: 'prod' })).id;
  botId = (await t.call('bot.create', { fleetId, name: 'b1' })).id;
});
beforeEach(() => {
  t.events.length = 0;
});
afterAll(() => t.cleanup());

const long = (n: number) => 'x'.repeat(n);

/** [method, params, the path of the first issue] */
const badInputs: [string, unknown, string][] = [
  ['fleet.create', {}, 'name'],
  ['fleet.create', 'prod', '(root)'],
  ['fleet.create', [], '(root)'],
  ['fleet.create', { name: 42, environment: 'dev' }, 'name'],
  ['fleet.create', { name: 'a', environment: 'dev', owner: 'me' }, '(root)'],
  ['fleet.create', { name: '', environment: 'dev' }, 'name'],
  ['fleet.create', { name: '    ', environment: 'dev' }, 'name'],
  ['fleet.create', { name: long(65), environment: 'dev' }, 'name'],
  ['fleet.create', { name: 'a\u0007b', environment: 'dev' }, 'name'],
  ['fleet.create', { name: 'exe.\u202Etxt', environment: 'dev' }, 'name'],
  ['fleet.create', { name: 'a', environment: 'production' }, 'environment'],
  ['fleet.create', { name: 'a', environment: 'PROD' }, 'environment'],
  ['fleet.create', { name: 'a', environment: 'dev', tags: 'eu' }, 'tags'],
  ['fleet.create', { name: 'a', environment: 'dev', tags: ['has space'] }, 'tags.0'],
  ['fleet.create', { name: 'a', environment: 'dev', tags: ['ok', ''] }, 'tags.1'],
  ['fleet.create', { name: 'a', environment: 'dev', tags: ['-leading'] }, 'tags.0'],
  ['fleet.create', { name: 'a', environment: 'dev', tags: [long(64)] }, 'tags.0'],
  ['fleet.create', { name: 'a', environment: 'dev', tags: [7] }, 'tags.0'],
  ['fleet.create', { name: 'a', environment: 'dev', description: long(2001) }, 'description'],
  ['fleet.create', { name: 'a', environment: 'dev', description: null }, 'description'],
  ['fleet.update', { id: '' }, 'id'],
  ['fleet.update', { id: long(65) }, 'id'],
  ['fleet.update', { id: 'id-1', name: '' }, 'name'],
  ['fleet.update', { id: 'id-1', environment: 'qa' }, 'environment'],
  ['fleet.update', { id: 'id-1', tags: ['a b'] }, 'tags.0'],
  ['fleet.update', { id: 'id-1', botCount: 3 }, '(root)'],
  ['fleet.delete', { id: 'id-1', force: 'yes' }, 'force'],
  ['fleet.delete', {}, 'id'],
  ['fleet.get', { id: 5 }, 'id'],
  ['fleet.list', { all: true }, '(root)'],
  ['bot.create', { name: 'b2' }, 'fleetId'],
  ['bot.create', { fleetId: 'id-1', name: '' }, 'name'],
  ['bot.create', { fleetId: 'id-1', name: long(65) }, 'name'],
  ['bot.create', { fleetId: 'id-1', name: 'b2', tags: ['x y'] }, 'tags.0'],
  ['bot.create', { fleetId: 'id-1', name: 'b2', environment: 'dev' }, '(root)'],
  ['bot.update', { id: 'id-3', name: '\t' }, 'name'],
  ['bot.update', { id: 'id-3', fleetId: 'id-1' }, '(root)'],
  ['bot.delete', { id: '' }, 'id'],
  ['bot.list', {}, 'fleetId'],
  ['bot.get', { id: null }, 'id'],
  ['audit.list', { limit: 0 }, 'limit'],
  ['audit.list', { limit: 501 }, 'limit'],
  ['audit.list', { limit: 2.5 }, 'limit'],
  ['audit.list', { since: 'yesterday' }, 'since'],
  ['audit.list', { until: '2026-03-10' }, 'until'],
  ['audit.list', { resourceType: 'user' }, 'resourceType'],
  ['audit.list', { before: 0 }, 'before'],
  ['audit.list', { actor: 5 }, 'actor'],
  ['audit.facets', { actor: 'me' }, '(root)'],
  ['audit.verify', { deep: true }, '(root)'],
  ['app.info', { verbose: true }, '(root)'],
];

describe('the dispatcher over a real control plane', () => {
  it.each(badInputs)(
    '%s %j is a VALIDATION error at %s and changes nothing',
    async (method, params, path) => {
      const before = t.snapshot();
      const error = await t.fail(method, params);
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toBe(`Invalid input for ${method}.`);
      expect(error.issues?.[0]?.path).toBe(path);
      expect(error.issues?.[0]?.message).toEqual(expect.any(String));
      expect(t.snapshot()).toBe(before);
      expect(t.events).toEqual([]);
    },
  );

  it('words the common name mistakes for an operator', async () => {
    const issue = async (name: string) =>
      (await t.fail('fleet.create', { name, environment: 'dev' })).issues?.[0]?.message;
    expect(await issue('')).toBe('Name is required');
    expect(await issue(long(65))).toBe('Name must be at most 64 characters');
    expect(await issue('a\nb')).toBe('Name must not contain control characters');
    expect(await issue('prod\u2067x')).toBe('Name must not contain text-direction controls');
    const tag = await t.fail('bot.create', { fleetId, name: 'x', tags: ['a b'] });
    expect(tag.issues).toEqual([
      { path: 'tags.0', message: 'Tag may hold letters, digits and . _ : / - only' },
    ]);
  });

  it('lists every problem of one request, not just the first', async () => {
    const error = await t.fail('fleet.create', { name: '', environment: 'qa', tags: ['ok', 'not ok'] });
    expect(error.issues?.map((i) => i.path).sort()).toEqual(['environment', 'name', 'tags.1']);
  });

  it('answers UNKNOWN_METHOD for a name outside the contract, whatever its type', async () => {
    for (const method of ['fleet.destroy', 'toString', '__proto__', '', 'x'.repeat(5000)]) {
      const error = await t.fail(method, {});
      expect(error.code).toBe('UNKNOWN_METHOD');
      expect(error.message.length).toBeLessThan(150);
    }
    const notString = await t.cp.dispatch(42 as unknown as string, {});
    expect(notString).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('treats missing or null params as {} for requests that take none', async () => {
    expect(await t.cp.dispatch('fleet.list', undefined)).toMatchObject({ ok: true });
    expect(await t.cp.dispatch('audit.verify', null)).toMatchObject({ ok: true });
  });

  it('leaves existing rows alone when bad input names them', async () => {
    const before = t.snapshot();
    await t.fail('fleet.update', { id: fleetId, name: '' });
    await t.fail('bot.update', { id: botId, tags: ['a b'] });
    await t.fail('fleet.delete', { id: fleetId, force: 1 });
    expect(t.snapshot()).toBe(before);
  });
});

describe('the dispatcher with handlers of its own', () => {
  function build(overrides: Partial<Record<string, Handler<never>>>, validateResults: boolean) {
    const lines: string[] = [];
    const reg = createHandlerRegistry();
    for (const name of requestNames) {
      const handler = overrides[name] ?? (() => ({}) as never);
      reg.register(name, handler as Handler<typeof name>);
    }
    const log = createLogger({ sink: (l) => lines.push(l), now: () => new Date(0) });
    return { dispatch: createDispatcher(reg.seal(), { log, validateResults }), lines };
  }

  it('turns a bug in a handler into INTERNAL with a pointer to the log, and logs it', async () => {
    const { dispatch, lines } = build(
      {
        'fleet.list': () => {
          throw new TypeError('boom');
        },
      },
      false,
    );
    expect(await dispatch('fleet.list', {})).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'fleet.list failed unexpectedly. The details are in the Clawster log.',
      },
    });
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([
      {
        level: 'error',
        msg: 'request failed',
        method: 'fleet.list',
        error: { name: 'TypeError', message: 'boom' },
      },
    ]);
  });

  it('passes a typed AppError through with its code, message and issues', async () => {
    const { dispatch } = build(
      {
        'fleet.get': () => {
          throw new AppError('CONFLICT', 'Taken.', [{ path: 'name', message: 'already in use' }]);
        },
      },
      false,
    );
    expect(await dispatch('fleet.get', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Taken.', issues: [{ path: 'name', message: 'already in use' }] },
    });
  });

  it('waits for handlers that return promises', async () => {
    const { dispatch } = build({ 'fleet.list': () => Promise.resolve([]) as never }, true);
    expect(await dispatch('fleet.list', {})).toEqual({ ok: true, value: [] });
  });

  it('with validateResults, reports a result that drifted from the contract as INTERNAL', async () => {
    const drifted = { 'fleet.list': () => [{ id: 'f', name: 'x' }] as never };
    const strict = build(drifted, true);
    expect(await strict.dispatch('fleet.list', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'The result of fleet.list does not match the contract.' },
    });
    expect(JSON.parse(strict.lines[0] ?? '{}')).toMatchObject({ msg: 'result does not match the contract' });
    const lax = build(drifted, false);
    expect(await lax.dispatch('fleet.list', {})).toMatchObject({ ok: true });
  });

  it('never calls a handler with params that failed validation', async () => {
    let calls = 0;
    const { dispatch } = build(
      {
        'fleet.create': () => {
          calls += 1;
          return {} as never;
        },
      },
      false,
    );
    await dispatch('fleet.create', { name: '', environment: 'dev' });
    expect(calls).toBe(0);
  });
});
