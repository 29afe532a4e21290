import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowedActions, canTransition, healthTransition } from '../../shared/domain/lifecycle.ts';
import { startControlPlane, T0, type TestControlPlane } from '../../test/support/control-plane.ts';
import { botRuntime } from '../store/schema.ts';
import { getRuntime, listEvents, transition } from './runtime-store.ts';

let t: TestControlPlane;
let botId = '';
beforeEach(async () => {
  t = startControlPlane();
  const fleet = await t.call('fleet.create', { name: 'Prod', environment: 'prod' });
  botId = (await t.call('bot.create', { fleetId: fleet.id, name: 'alpha' })).id;
});
afterEach(() => t.cleanup());

const step = (to: Parameters<typeof transition>[2]['to'], cause: string, message: string) => ({
  to,
  cause,
  message,
  actor: 'ada',
  at: T0,
});

describe('lifecycle', () => {
  it('allows only the transitions of the lifecycle, and the actions that make sense in each state', () => {
    expect(canTransition(null, 'pending')).toBe(true);
    expect(canTransition(null, 'running')).toBe(false);
    expect(canTransition('stopped', 'running')).toBe(false);
    expect(canTransition('error', 'provisioning')).toBe(true);
    expect(allowedActions(null)).toEqual(['deploy']);
    expect(allowedActions('stopped')).toEqual(['start', 'redeploy', 'destroy']);
    expect(allowedActions('running')).toContain('restart');
  });

  it('turns a running bot degraded when its gateway is unwell, and back when healthy; leaves other states to the lifecycle', () => {
    expect(healthTransition('running', 'down')).toBe('degraded');
    expect(healthTransition('running', 'degraded')).toBe('degraded');
    expect(healthTransition('running', 'healthy')).toBeNull();
    expect(healthTransition('degraded', 'healthy')).toBe('running');
    expect(healthTransition('degraded', 'connecting')).toBeNull();
    expect(healthTransition('stopped', 'down')).toBeNull();
    expect(healthTransition('provisioning', 'down')).toBeNull();
  });
});

describe('runtime store', () => {
  it('records every transition with its cause, and keeps the time a state began', () => {
    const db = t.cp.store.db;
    transition(db, botId, step('pending', 'deploy', 'Deploy requested'), {
      target: 'local',
      desiredState: 'running',
    });
    transition(db, botId, {
      ...step('provisioning', 'deploy', 'Starting the gateway'),
      set: { port: 18789 },
    });
    const { runtime } = transition(db, botId, {
      ...step('running', 'health', 'Gateway ready'),
      set: { startedAt: T0, openclawVersion: '2026.9.6' },
    });
    expect(runtime).toMatchObject({
      botId,
      target: 'local',
      desiredState: 'running',
      state: 'running',
      port: 18789,
      startedAt: T0,
      restartCount: 0,
      lastError: null,
    });
    const page = listEvents(db, botId, { limit: 2 });
    expect(page.events.map((e) => `${e.fromState}->${e.toState} ${e.cause}`)).toEqual([
      'provisioning->running health',
      'pending->provisioning deploy',
    ]);
    const rest = listEvents(db, botId, { limit: 2, before: page.nextBefore ?? 0 });
    expect(rest).toEqual({
      events: [expect.objectContaining({ fromState: null, toState: 'pending', message: 'Deploy requested' })],
      nextBefore: null,
    });
  });

  it('refuses a transition the lifecycle does not allow and writes nothing', () => {
    const db = t.cp.store.db;
    expect(() =>
      transition(db, botId, step('running', 'health', 'x'), { target: 'local', desiredState: 'running' }),
    ).toThrow(/not deployed; it cannot become running/);
    expect(getRuntime(db, botId)).toBeNull();
    expect(listEvents(db, botId, { limit: 10 }).events).toEqual([]);
  });

  it('keeps the error with its log tail, and the history after the bot is deleted', async () => {
    const db = t.cp.store.db;
    transition(db, botId, step('pending', 'deploy', 'Deploy requested'), {
      target: 'local',
      desiredState: 'running',
    });
    const { runtime } = transition(db, botId, {
      ...step('error', 'process-exit', 'The gateway exited at once (code 1)'),
      set: { lastError: { code: 'EXITED', message: 'exited with code 1', logTail: ['invalid config'] } },
    });
    expect(runtime.lastError).toEqual({
      code: 'EXITED',
      message: 'exited with code 1',
      logTail: ['invalid config'],
    });
    // Deployed bots are destroyed before they are deleted (destroy drops the runtime row).
    expect((await t.fail('bot.delete', { id: botId })).code).toBe('CONFLICT');
    db.delete(botRuntime).where(eq(botRuntime.botId, botId)).run();
    await t.call('bot.delete', { id: botId });
    expect(getRuntime(db, botId)).toBeNull();
    expect(listEvents(db, botId, { limit: 10 }).events).toHaveLength(2);
  });
});
