import { describe, expect, it } from 'vitest';
import type { HealthState as GatewayState } from '../domain/gateway.ts';
import { healthAlerts } from './alerts.ts';
import {
  type BotHealth,
  countByState,
  fleetHealth,
  type HealthState,
  overallState,
  unhealthyBots,
} from './health.ts';

const bot = (id: string, state: HealthState, fleet = 'prod'): BotHealth => ({
  botId: id,
  botName: `bot-${id}`,
  fleetId: `f-${fleet}`,
  fleetName: fleet,
  state,
});
const summary = (...bots: BotHealth[]) => ({ at: '2026-01-01T00:00:00.000Z', bots });

describe('fleet health at a glance', () => {
  it('is down when any bot is down, degraded when any is degraded, healthy only when all are', () => {
    expect(overallState(summary(bot('a', 'healthy'), bot('b', 'down'), bot('c', 'degraded')))).toBe('down');
    expect(overallState(summary(bot('a', 'healthy'), bot('c', 'degraded')))).toBe('degraded');
    expect(overallState(summary(bot('a', 'healthy'), bot('b', 'healthy')))).toBe('healthy');
    expect(overallState(summary(bot('a', 'healthy'), bot('b', 'unknown')))).toBe('unknown');
    expect(overallState(summary())).toBe('unknown');
  });

  it('counts bots per state', () => {
    expect(countByState(summary(bot('a', 'healthy'), bot('b', 'down'), bot('c', 'down')))).toEqual({
      healthy: 1,
      degraded: 0,
      down: 2,
      unknown: 0,
    });
  });

  it('lists the bots needing attention, down first, then by fleet and name', () => {
    const list = unhealthyBots(
      summary(bot('z', 'degraded', 'a'), bot('y', 'down', 'b'), bot('x', 'healthy'), bot('w', 'down', 'a')),
    );
    expect(list.map((b) => b.botId)).toEqual(['w', 'y', 'z']);
  });

  it('marks every bot unknown where no gateway state is measured', () => {
    const s = fleetHealth(
      [{ id: 'f1', name: 'prod' }],
      [
        { id: 'b1', name: 'alpha', fleetId: 'f1' },
        { id: 'b2', name: 'beta', fleetId: 'f1' },
      ],
      '2026-01-01T00:00:00.000Z',
    );
    expect(s.bots.map((b) => [b.botName, b.fleetName, b.state])).toEqual([
      ['alpha', 'prod', 'unknown'],
      ['beta', 'prod', 'unknown'],
    ]);
  });
});

describe('alerts from health changes', () => {
  it('raises nothing for the first summary (the tray shows the state at start)', () => {
    expect(healthAlerts(undefined, summary(bot('a', 'down')))).toEqual([]);
  });

  it('raises bot.down, bot.degraded and bot.recovered on the matching transitions', () => {
    const prev = summary(bot('a', 'healthy'), bot('b', 'healthy'), bot('c', 'down'), bot('d', 'degraded'));
    const next = summary(bot('a', 'down'), bot('b', 'degraded'), bot('c', 'healthy'), bot('d', 'healthy'));
    expect(healthAlerts(prev, next).map((a) => [a.botId, a.kind, a.severity])).toEqual([
      ['a', 'bot.down', 'critical'],
      ['b', 'bot.degraded', 'warning'],
      ['c', 'bot.recovered', 'info'],
      ['d', 'bot.recovered', 'info'],
    ]);
  });

  it('stays quiet for unchanged bots, for bots becoming unknown, and for unknown bots becoming healthy', () => {
    const prev = summary(bot('a', 'healthy'), bot('b', 'down'), bot('c', 'unknown'));
    const next = summary(bot('a', 'healthy'), bot('b', 'unknown'), bot('c', 'healthy'));
    expect(healthAlerts(prev, next)).toEqual([]);
  });

  it('raises bot.down for a new bot that starts down, and carries the reason', () => {
    const next = summary({ ...bot('n', 'down'), reason: 'gateway unreachable' });
    expect(healthAlerts(summary(), next)).toEqual([
      {
        kind: 'bot.down',
        severity: 'critical',
        fleetId: 'f-prod',
        fleetName: 'prod',
        botId: 'n',
        botName: 'bot-n',
        detail: 'gateway unreachable',
      },
    ]);
  });

  it('takes the live gateway state of each connected bot, at a glance', () => {
    const states: GatewayState[] = [
      'healthy',
      'degraded',
      'pairing-required',
      'down',
      'auth-failed',
      'connecting',
    ];
    const bots = states.map((state, i) => ({ id: `b${i}`, name: state, fleetId: 'f1' }));
    const live = new Map(
      states.map((state, i) => [
        `b${i}`,
        { botId: `b${i}`, state, lastError: state === 'down' ? { message: 'gateway unreachable' } : null },
      ]),
    );
    const local = { id: 'x', name: 'local', fleetId: 'f1' };
    const s = fleetHealth([{ id: 'f1', name: 'prod' }], [...bots, local], '2026-01-01T00:00:00.000Z', live);
    expect(s.bots.map((b) => [b.botName, b.state, b.reason ?? null])).toEqual([
      ['healthy', 'healthy', null],
      ['degraded', 'degraded', null],
      ['pairing-required', 'degraded', null],
      ['down', 'down', 'gateway unreachable'],
      ['auth-failed', 'down', null],
      ['connecting', 'unknown', null],
      ['local', 'unknown', null],
    ]);
  });
});
