import { describe, expect, it } from 'vitest';
import type { AlertInput } from './alerts.ts';
import { createAlertBatcher, groupAlerts, limitGroups } from './grouping.ts';

const down = (bot: string, fleet = 'prod'): AlertInput => ({
  kind: 'bot.down',
  severity: 'critical',
  fleetId: `f-${fleet}`,
  fleetName: fleet,
  botId: `b-${bot}`,
  botName: bot,
});
const recovered = (bot: string, fleet = 'prod'): AlertInput => ({
  ...down(bot, fleet),
  kind: 'bot.recovered',
  severity: 'info',
});

describe('grouping alerts into notifications', () => {
  it('groups bots down in one fleet into one notification', () => {
    const [g, ...rest] = groupAlerts([down('alpha'), down('beta'), down('gamma')]);
    expect(rest).toEqual([]);
    expect(g?.title).toBe('3 bots down in fleet prod');
    expect(g?.body).toBe('alpha, beta, gamma');
    expect(g?.route).toBe('#/fleets/f-prod');
    expect(g?.severity).toBe('critical');
  });

  it('names a single bot and opens its page', () => {
    const [g] = groupAlerts([{ ...down('alpha'), detail: 'gateway unreachable' }]);
    expect(g).toMatchObject({
      title: 'alpha is down',
      body: 'Fleet prod: gateway unreachable',
      route: '#/bots/b-alpha',
    });
  });

  it('keeps fleets and kinds apart, most severe first', () => {
    const groups = groupAlerts([
      recovered('x', 'dev'),
      down('a', 'prod'),
      down('b', 'staging'),
      {
        kind: 'drift.found',
        severity: 'warning',
        fleetId: 'f-prod',
        fleetName: 'prod',
        botId: 'b-c',
        botName: 'c',
      },
    ]);
    expect(groups.map((g) => g.title)).toEqual(['a is down', 'b is down', 'Drift found on c', 'x recovered']);
  });

  it('describes drift, refused deploys and failed rollouts in a fleet', () => {
    const base = { fleetId: 'f1', fleetName: 'prod' };
    const groups = groupAlerts([
      {
        ...base,
        kind: 'deploy.refused',
        severity: 'warning',
        botId: 'b1',
        botName: 'a',
        detail: 'no-latest-tag',
      },
      {
        ...base,
        kind: 'deploy.refused',
        severity: 'warning',
        botId: 'b2',
        botName: 'b',
        detail: 'no-latest-tag',
      },
      { ...base, kind: 'rollout.failed', severity: 'critical', detail: 'health check failed on 2 of 5 bots' },
    ]);
    expect(groups.map((g) => [g.title, g.body, g.route])).toEqual([
      ['Rollout failed in fleet prod', 'Fleet prod: health check failed on 2 of 5 bots', '#/fleets/f1'],
      ['2 deploys refused by policy in fleet prod', 'a, b', '#/fleets/f1'],
    ]);
  });

  it('opens the change set of a failed rollout', () => {
    const [g] = groupAlerts([
      {
        fleetId: 'f1',
        fleetName: 'prod',
        kind: 'rollout.failed',
        severity: 'critical',
        botId: 'b1',
        botName: 'a',
        detail: 'Quieter logs: prod/a failed in wave 1',
        changeSetId: 'cs-7',
      },
    ]);
    expect(g).toMatchObject({ title: 'Rollout failed in fleet prod', route: '#/changesets/cs-7' });
    const [none] = groupAlerts([
      {
        fleetId: '',
        fleetName: '',
        kind: 'rollout.failed',
        severity: 'critical',
        detail: 'Quieter logs: the manifests could not be restored',
        changeSetId: 'cs-8',
      },
    ]);
    expect(none).toMatchObject({
      title: 'Rollout failed',
      body: 'Quieter logs: the manifests could not be restored',
      route: '#/changesets/cs-8',
    });
  });

  it('drops a bot that went down and recovered within the batch, and repeats of one alert', () => {
    expect(groupAlerts([down('a'), recovered('a')])).toEqual([]);
    const [g] = groupAlerts([down('a'), down('a'), recovered('b'), down('b')]);
    expect(g?.title).toBe('2 bots down in fleet prod');
  });

  it('folds all but the first few groups into one "more alerts" notification', () => {
    const groups = groupAlerts(['a', 'b', 'c', 'd', 'e', 'f'].map((f) => down(`bot-${f}`, f)));
    const limited = limitGroups(groups, 4);
    expect(limited).toHaveLength(4);
    expect(limited[3]).toMatchObject({ kind: 'summary', title: '3 more alerts', route: '#/fleets' });
    expect(limited[3]?.body).toBe('In 3 fleets: bot-d is down, bot-e is down and 1 more');
  });
});

describe('debouncing alerts into batches', () => {
  it('shows a batch once no alert came for the settle time', () => {
    const b = createAlertBatcher({ settleMs: 5_000, maxWaitMs: 30_000 });
    b.add(down('a'), 0);
    b.add(down('b'), 3_000);
    expect(b.dueAt()).toBe(8_000);
    expect(b.takeDue(7_999)).toEqual([]);
    expect(b.takeDue(8_000).map((g) => g.title)).toEqual(['2 bots down in fleet prod']);
    expect(b.dueAt()).toBe(null);
  });

  it('never holds a batch longer than the longest wait, even while alerts keep coming', () => {
    const b = createAlertBatcher({ settleMs: 5_000, maxWaitMs: 12_000 });
    for (let t = 0; t <= 12_000; t += 4_000) b.add(down(`bot${t}`), t);
    expect(b.dueAt()).toBe(12_000);
    expect(b.takeDue(12_000)[0]?.title).toBe('4 bots down in fleet prod');
  });
});
