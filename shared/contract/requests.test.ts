import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventNames, events, isEventName } from './events.ts';
import { isRequestName, type ParamsIn, type RequestName, requestNames, requests } from './requests.ts';

/** The least each request needs; typed so that a new request must be added here. */
const smallest: { [N in RequestName]: ParamsIn<N> } = {
  'app.info': {},
  'fleet.list': {},
  'fleet.get': { id: 'f' },
  'fleet.create': { name: 'a', environment: 'dev' },
  'fleet.update': { id: 'f' },
  'fleet.delete': { id: 'f' },
  'bot.list': { fleetId: 'f' },
  'bot.get': { id: 'b' },
  'bot.create': { fleetId: 'f', name: 'b' },
  'bot.createMany': { fleetId: 'f', bots: [{ name: 'b' }] },
  'bot.update': { id: 'b' },
  'bot.delete': { id: 'b' },
  'bot.gateway.test': { url: 'ws://127.0.0.1:18789', token: 't' },
  'bot.connect': { fleetId: 'f', name: 'b', url: 'ws://127.0.0.1:18789', token: 't' },
  'bot.gateway.setToken': { id: 'b', token: 't' },
  'bot.gateway.retry': { id: 'b' },
  'bot.gateway.info': { id: 'b' },
  'bot.deploy': { id: 'b' },
  'bot.start': { id: 'b' },
  'bot.stop': { id: 'b' },
  'bot.restart': { id: 'b' },
  'bot.destroy': { id: 'b', confirmName: 'alpha' },
  'bot.runtime.get': { id: 'b' },
  'bot.runtime.list': { fleetId: 'f' },
  'bot.events.list': { id: 'b' },
  'bot.bulk': { action: 'stop', ids: ['b'] },
  'bot.logs.page': { id: 'b' },
  'bot.logs.follow': { id: 'b' },
  'bot.logs.unfollow': { followId: 'x' },
  'reconcile.run': {},
  'bot.health.list': { fleetId: 'f' },
  'manifest.list': {},
  'manifest.get': { ref: { kind: 'Template', name: 'minimal' } },
  'manifest.catalog': {},
  'manifest.apply': { files: [{ name: 'a.yaml', text: '' }] },
  'manifest.delete': { ref: { kind: 'Bot', botId: 'b' } },
  'manifest.versions': { ref: { kind: 'Profile', name: 'p' } },
  'manifest.version.get': { ref: { kind: 'Profile', name: 'p' }, version: 1 },
  'manifest.diff': { ref: { kind: 'Profile', name: 'p' }, from: 1, to: 2 },
  'manifest.export': {},
  'bot.explain': { id: 'b' },
  'bot.checks.get': { id: 'b' },
  'bot.target.status': { id: 'b' },
  'bot.gateway.setEndpoint': { id: 'b', url: 'wss://bot.internal:18789' },
  'bot.checks.run': { id: 'b' },
  'alerts.settings.get': {},
  'secrets.list': {},
  'secrets.put': { store: 'keychain', name: 'team/slack', value: 'v' },
  'secrets.delete': { store: 'keychain', name: 'team/slack' },
  'alerts.settings.update': { minSeverity: 'warning' },
  'changeset.list': {},
  'changeset.get': { id: 'c' },
  'changeset.create': { title: 't', files: [{ name: 'a.yaml', text: '' }] },
  'changeset.start': { id: 'c' },
  'changeset.rollback': { id: 'c' },
  'changeset.discard': { id: 'c' },
  'policy.rules': {},
  'policy.evaluateFleet': { fleetId: 'f' },
  'policy.exception.create': {
    ruleId: 'sandbox.off',
    scope: 'bot',
    id: 'b',
    reason: 'lab machine',
    expiresAt: '2026-12-01T00:00:00Z',
  },
  'policy.exception.list': {},
  'policy.exception.revoke': { exceptionId: 'e' },
  'audit.list': {},
  'audit.facets': {},
  'audit.verify': {},
  'aws.credentials.get': {},
  'aws.credentials.setKeys': { accessKeyId: 'AKIA', secretAccessKey: 's', region: 'eu-west-1' },
  'aws.credentials.useProfile': { profile: 'default' },
  'aws.credentials.verify': {},
  'aws.credentials.clear': {},
  'aws.profiles.list': {},
  'aws.bootstrap': { region: 'eu-west-1' },
  'aws.settings.get': {},
  'aws.settings.set': { subnets: ['subnet-0abc12345'], securityGroups: ['sg-0abc12345'] },
};

describe('the request contract', () => {
  it('gives every request a params schema, a result schema and a mutates flag', () => {
    expect(requestNames.length).toBeGreaterThan(0);
    for (const name of requestNames) {
      const def = requests[name];
      expect(def.params, name).toBeInstanceOf(z.ZodType);
      expect(def.result, name).toBeInstanceOf(z.ZodType);
      expect(typeof def.mutates, name).toBe('boolean');
    }
  });

  it('marks exactly the changing requests as mutating', () => {
    const mutating = requestNames.filter((n) => requests[n].mutates).sort();
    expect(mutating).toEqual([
      'alerts.settings.update',
      'aws.bootstrap',
      'aws.credentials.clear',
      'aws.credentials.setKeys',
      'aws.credentials.useProfile',
      'aws.settings.set',
      'bot.bulk',
      'bot.connect',
      'bot.create',
      'bot.createMany',
      'bot.delete',
      'bot.deploy',
      'bot.destroy',
      'bot.gateway.setEndpoint',
      'bot.gateway.setToken',
      'bot.restart',
      'bot.start',
      'bot.stop',
      'bot.update',
      'changeset.create',
      'changeset.discard',
      'changeset.rollback',
      'changeset.start',
      'fleet.create',
      'fleet.delete',
      'fleet.update',
      'manifest.apply',
      'manifest.delete',
      'policy.exception.create',
      'policy.exception.revoke',
      'reconcile.run',
      'secrets.delete',
      'secrets.put',
    ]);
  });

  it('knows its own names and nothing inherited from Object', () => {
    for (const name of requestNames) expect(isRequestName(name)).toBe(true);
    for (const name of ['toString', '__proto__', 'constructor', 'fleet', 'fleet.list ', ''])
      expect(isRequestName(name), name).toBe(false);
  });

  it('accepts the smallest valid params of every request, and refuses them with one unknown key more', () => {
    for (const name of requestNames) {
      expect(requests[name].params.safeParse(smallest[name]).success, name).toBe(true);
      const extra = requests[name].params.safeParse({ ...smallest[name], surprise: true });
      expect(extra.success, name).toBe(false);
      expect(extra.error?.issues[0]?.code, name).toBe('unrecognized_keys');
    }
  });

  it('fills defaults: tags [] and description "" and drift mode notify on create, force false on delete, limit 100 on audit.list', () => {
    expect(requests['fleet.create'].params.parse({ name: 'a', environment: 'dev' })).toEqual({
      name: 'a',
      environment: 'dev',
      tags: [],
      description: '',
      driftMode: 'notify',
      target: 'local',
    });
    expect(requests['fleet.delete'].params.parse({ id: 'f' })).toEqual({ id: 'f', force: false });
    expect(requests['bot.create'].params.parse({ fleetId: 'f', name: 'b' })).toEqual({
      fleetId: 'f',
      name: 'b',
      tags: [],
    });
    expect(requests['audit.list'].params.parse({})).toEqual({ limit: 100 });
  });

  it('trims names and descriptions and drops repeated tags, keeping their order', () => {
    expect(
      requests['fleet.create'].params.parse({
        name: '  Payments  ',
        environment: 'prod',
        tags: ['team:pay', 'eu', 'team:pay'],
        description: '  main  ',
      }),
    ).toEqual({
      name: 'Payments',
      environment: 'prod',
      tags: ['team:pay', 'eu'],
      description: 'main',
      driftMode: 'notify',
      target: 'local',
    });
  });

  it('accepts names up to 64 characters and tags up to 63, and no longer', () => {
    const create = requests['fleet.create'].params;
    expect(create.safeParse({ name: 'n'.repeat(64), environment: 'dev' }).success).toBe(true);
    expect(create.safeParse({ name: 'n'.repeat(65), environment: 'dev' }).success).toBe(false);
    expect(create.safeParse({ name: 'a', environment: 'dev', tags: ['t'.repeat(63)] }).success).toBe(true);
    expect(create.safeParse({ name: 'a', environment: 'dev', tags: ['t'.repeat(64)] }).success).toBe(false);
    const tags32 = Array.from({ length: 32 }, (_, i) => `t${i}`);
    expect(create.safeParse({ name: 'a', environment: 'dev', tags: tags32 }).success).toBe(true);
    expect(create.safeParse({ name: 'a', environment: 'dev', tags: [...tags32, 'x'] }).success).toBe(false);
  });

  it('accepts unicode letters in names and tags', () => {
    const parsed = requests['bot.create'].params.parse({
      fleetId: 'f',
      name: 'Zürich bot',
      tags: ['équipe:ré'],
    });
    expect(parsed).toEqual({ fleetId: 'f', name: 'Zürich bot', tags: ['équipe:ré'] });
  });
});

describe('the event contract', () => {
  it('gives every event a payload schema', () => {
    expect(eventNames.sort()).toEqual([
      'alert.raised',
      'alerts.settings.changed',
      'audit.appended',
      'bot.changed',
      'bot.checks.changed',
      'bot.createdMany',
      'bot.deployment.event',
      'bot.health.changed',
      'bot.logs.appended',
      'bot.runtime.changed',
      'changeset.changed',
      'fleet.changed',
      'manifest.changed',
      'policy.exception.changed',
      'runtime.install.progress',
    ]);
    for (const name of eventNames) {
      expect(events[name], name).toBeInstanceOf(z.ZodType);
      expect(isEventName(name)).toBe(true);
    }
    expect(isEventName('toString')).toBe(false);
  });

  it('describes a deleted bot by id and fleet id, and a created one by the whole bot', () => {
    expect(events['bot.changed'].safeParse({ kind: 'deleted', id: 'b', fleetId: 'f' }).success).toBe(true);
    expect(events['bot.changed'].safeParse({ kind: 'deleted', id: 'b' }).success).toBe(false);
    expect(events['bot.changed'].safeParse({ kind: 'created', id: 'b' }).success).toBe(false);
  });
});
