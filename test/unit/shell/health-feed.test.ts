import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/clock.ts';
import { type ControlPlane, createControlPlane } from '../../../main/control-plane.ts';
import type { EventListener } from '../../../main/events/bus.ts';
import { silentLogger } from '../../../main/log/logger.ts';
import { createHealthFeed, type HealthFeed } from '../../../main/shell/health-feed.ts';
import type { HealthSummary } from '../../../shared/alerts/health.ts';
import { manualSchedule } from './manual-schedule.ts';

let dir = '';
let cp: ControlPlane;
let feed: HealthFeed | null = null;
const clock = fixedClock('2026-03-10T12:00:00.000Z');
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clawster-health-'));
  cp = createControlPlane({ dataDir: dir, clock, actor: 'tester' });
});
afterEach(() => {
  feed?.dispose();
  cp.close();
  rmSync(dir, { recursive: true, force: true });
});

const nextChange = (f: HealthFeed) =>
  new Promise<{ next: HealthSummary; prev: HealthSummary | undefined }>((resolve) => {
    const off = f.onChange((next, prev) => {
      off();
      resolve({ next, prev });
    });
  });

describe('health feed (real control plane)', () => {
  it('lists every bot as unknown, and follows bots being added, in one refresh per burst', async () => {
    const fleet = await cp.dispatch('fleet.create', { name: 'prod', environment: 'prod' });
    if (!fleet.ok) throw new Error('fleet');
    const fleetId = (fleet.value as { id: string }).id;
    await cp.dispatch('bot.create', { fleetId, name: 'alpha' });

    const timers = manualSchedule(clock);
    feed = createHealthFeed({
      dispatch: cp.dispatch,
      onEvent: cp.onEvent,
      clock,
      schedule: timers.schedule,
      log: silentLogger,
    });
    const first = await nextChange(feed);
    expect(first.prev).toBe(undefined);
    expect(first.next.bots.map((b) => [b.botName, b.fleetName, b.state])).toEqual([
      ['alpha', 'prod', 'unknown'],
    ]);

    const changed = nextChange(feed);
    await cp.dispatch('bot.create', { fleetId, name: 'beta' });
    await cp.dispatch('bot.create', { fleetId, name: 'gamma' });
    expect(timers.pending()).toBe(1);
    timers.advance(250);
    const second = await changed;
    expect(second.prev?.bots).toHaveLength(1);
    expect(second.next.bots.map((b) => b.botName).toSorted()).toEqual(['alpha', 'beta', 'gamma']);
    expect(feed.current()).toBe(second.next);
  });

  it('stops listening when disposed', async () => {
    const timers = manualSchedule(clock);
    feed = createHealthFeed({
      dispatch: cp.dispatch,
      onEvent: cp.onEvent,
      clock,
      schedule: timers.schedule,
      log: silentLogger,
    });
    await nextChange(feed);
    feed.dispose();
    await cp.dispatch('fleet.create', { name: 'dev', environment: 'dev' });
    expect(timers.pending()).toBe(0);
  });

  it('shows the live gateway state of connected bots, refreshed on bot.health.changed', async () => {
    const fleet = await cp.dispatch('fleet.create', { name: 'prod', environment: 'prod' });
    if (!fleet.ok) throw new Error('fleet');
    const fleetId = (fleet.value as { id: string }).id;
    const bot = await cp.dispatch('bot.create', { fleetId, name: 'alpha' });
    if (!bot.ok) throw new Error('bot');
    const botId = (bot.value as { id: string }).id;
    // TEST DOUBLE for the gateway side only: bot.health.list answers as if alpha's gateway were
    // connected, and health events are pushed by hand; fleets and bots come from the real plane.
    let gatewayState = 'healthy';
    const listeners = new Set<EventListener>();
    const dispatch: typeof cp.dispatch = async (method, params) =>
      method === 'bot.health.list'
        ? {
            ok: true,
            value: [
              {
                botId,
                state: gatewayState,
                lastError:
                  gatewayState === 'down' ? { code: 'UNREACHABLE', message: 'gateway unreachable' } : null,
              },
            ],
          }
        : cp.dispatch(method, params);
    const timers = manualSchedule(clock);
    feed = createHealthFeed({
      dispatch,
      onEvent: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      clock,
      schedule: timers.schedule,
      log: silentLogger,
    });
    const first = await nextChange(feed);
    expect(first.next.bots.map((b) => [b.botName, b.state])).toEqual([['alpha', 'healthy']]);

    const changed = nextChange(feed);
    gatewayState = 'down';
    for (const l of listeners) l('bot.health.changed', { botId, state: 'down' });
    timers.advance(250);
    const second = await changed;
    expect(second.next.bots.map((b) => [b.botName, b.state, b.reason])).toEqual([
      ['alpha', 'down', 'gateway unreachable'],
    ]);
  });
});
