import { describe, expect, it } from 'vitest';
import type { BotRuntime, LifecycleState } from '../../shared/domain/lifecycle.ts';
import { T0 } from '../../test/support/control-plane.ts';
import { manualTimers } from '../../test/support/rollout-rig.ts';
import { type GateDeps, healthGate } from './health-gate.ts';

/**
 * The health gate alone, with a runtime the test moves (a stand-in for the runtime store and its
 * `bot.runtime.changed` events) and the manual timers double: no time passes unless fired.
 */
function bot(initial: LifecycleState, target: 'local' | 'ecs' = 'local') {
  let state = initial;
  const listeners = new Set<(id: string) => void>();
  const runtime = (): BotRuntime => ({
    botId: 'b1',
    target,
    desiredState: 'running',
    state,
    stateSince: T0,
    openclawVersion: null,
    configHash: null,
    port: null,
    startedAt: null,
    restartCount: 0,
    lastError: state === 'error' ? { code: 'EXITED', message: 'exited with code 1' } : null,
    updatedAt: T0,
  });
  return {
    listeners,
    deps: (extra: Partial<GateDeps> = {}): GateDeps => ({
      runtime,
      onRuntime: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      timers: manualTimers().timers,
      ...extra,
    }),
    move(to: LifecycleState) {
      state = to;
      for (const l of listeners) l('b1');
    },
  };
}

const options = (signal = new AbortController().signal) => ({ timeoutMs: 60_000, bakeMs: 0, signal });

describe('the health gate of a rollout', () => {
  it('passes a bot that is running, and fails one in error at once with its reason', async () => {
    expect(await healthGate(bot('running').deps(), 'b1', options())).toEqual({ ok: true });
    expect(await healthGate(bot('error').deps(), 'b1', options())).toEqual({
      ok: false,
      message: 'it is error: exited with code 1',
    });
  });

  it('waits for a bot still starting, on its runtime changes, and lets go of its listener', async () => {
    const b = bot('provisioning');
    const gate = healthGate(b.deps(), 'b1', options());
    expect(b.listeners.size).toBe(1);
    b.move('degraded'); // a gateway still connecting is given the timeout
    b.move('running');
    expect(await gate).toEqual({ ok: true });
    expect(b.listeners.size).toBe(0);
  });

  it('asks an ECS service for its state while it waits, one poll at a time', async () => {
    const b = bot('provisioning', 'ecs');
    const t = manualTimers();
    let polls = 0;
    const gate = healthGate(
      b.deps({
        timers: t.timers,
        refresh: async () => {
          polls += 1;
          if (polls === 2) b.move('running');
        },
      }),
      'b1',
      { ...options(), pollMs: 5000 },
    );
    await t.requested(5000);
    t.fire(5000);
    await t.requested(5000);
    t.fire(5000);
    expect(await gate).toEqual({ ok: true });
    expect(polls).toBe(2);
  });

  it('gives up at once when the rollout stops (the app closing)', async () => {
    const b = bot('provisioning');
    const stop = new AbortController();
    const gate = healthGate(b.deps(), 'b1', options(stop.signal));
    stop.abort();
    expect(await gate).toEqual({ ok: false, message: 'the rollout was interrupted', interrupted: true });
    expect(b.listeners.size).toBe(0);
  });
});
