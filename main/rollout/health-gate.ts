import type { BotRuntime } from '../../shared/domain/lifecycle.ts';

/**
 * The health gate of a rollout: after its redeploy, a bot must reach `running` (ready, and its
 * live gateway health not saying otherwise: see healthTransition) within the timeout, then stay
 * there for the bake time. `error` or `stopped` fails at once; `degraded` fails only during the
 * bake (a gateway still connecting is given the timeout). Driven by the bot's runtime changes,
 * never by polling, except that a target that reports on request (ECS) is asked every `pollMs`.
 */
export interface Timers {
  /** Resolves after `ms`; rejects when `signal` aborts first. */
  after(ms: number, signal: AbortSignal): Promise<void>;
}

export const realTimers: Timers = {
  after: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};

export interface GateDeps {
  runtime(botId: string): BotRuntime | null;
  /** Calls `listener` with the bot id on every runtime change; returns the unsubscribe. */
  onRuntime(listener: (botId: string) => void): () => void;
  /** Asks the bot's target for its current state (ECS); absent for targets that report by themselves. */
  refresh?(botId: string): Promise<unknown>;
  timers: Timers;
}

export interface GateOptions {
  timeoutMs: number;
  bakeMs: number;
  pollMs?: number;
  /** The rollout stopping (the app closing): the gate gives up at once. */
  signal: AbortSignal;
}

export type GateResult = { ok: true } | { ok: false; message: string; interrupted?: boolean };

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

function why(r: BotRuntime): string {
  return r.lastError ? `: ${r.lastError.message}` : '';
}

export async function healthGate(deps: GateDeps, botId: string, o: GateOptions): Promise<GateResult> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  o.signal.addEventListener('abort', onAbort, { once: true });
  let wake: (() => void) | null = null;
  const off = deps.onRuntime((id) => {
    if (id === botId) wake?.();
  });
  const changed = () =>
    new Promise<'change'>((resolve) => {
      wake = () => resolve('change');
    });
  const timer = <V extends 'timeout' | 'poll' | 'baked'>(ms: number, value: V): Promise<V | 'stopped'> =>
    deps.timers.after(ms, stop.signal).then(
      () => value,
      () => 'stopped' as const,
    );
  try {
    const deadline = timer(o.timeoutMs, 'timeout');
    const refresh = deps.refresh;
    /** One poll at a time: the next starts once the last has asked the target. */
    let poll: Promise<'poll' | 'stopped'> | null = null;
    for (;;) {
      const r = deps.runtime(botId);
      if (!r) return { ok: false, message: 'it is no longer deployed' };
      if (r.state === 'running') break;
      if (r.state === 'error' || r.state === 'stopped')
        return { ok: false, message: `it is ${r.state}${why(r)}` };
      if (refresh && !poll)
        poll = timer(o.pollMs ?? 5000, 'poll').then(async (v) => {
          if (v === 'poll') await refresh(botId).catch(() => undefined);
          poll = null;
          return v;
        });
      const next = await Promise.race([changed(), deadline, ...(poll ? [poll] : [])]);
      if (o.signal.aborted || next === 'stopped') return interrupted();
      if (next === 'timeout') {
        const now = deps.runtime(botId);
        if (now?.state === 'running') break;
        return {
          ok: false,
          message: `it did not become healthy within ${seconds(o.timeoutMs)} (it is ${now?.state ?? 'gone'}${now ? why(now) : ''})`,
        };
      }
    }
    if (o.bakeMs <= 0) return { ok: true };
    const baked = timer(o.bakeMs, 'baked');
    for (;;) {
      const next = await Promise.race([changed(), baked]);
      if (o.signal.aborted || next === 'stopped') return interrupted();
      if (next === 'baked') return { ok: true };
      const r = deps.runtime(botId);
      if (!r) return { ok: false, message: 'it was destroyed during the bake time' };
      if (r.state !== 'running')
        return {
          ok: false,
          message: `it went ${r.state} during the ${seconds(o.bakeMs)} bake time${why(r)}`,
        };
    }
  } finally {
    off();
    o.signal.removeEventListener('abort', onAbort);
    stop.abort();
  }
}

function interrupted(): GateResult {
  return { ok: false, message: 'the rollout was interrupted', interrupted: true };
}
