import type { BotRuntime, DeploymentEvent } from '../../shared/domain/lifecycle.ts';
import type { Mutator, Tx } from '../store/unit-of-work.ts';
import { type Transition, transition } from './runtime-store.ts';

export type Move = (
  botId: string,
  t: Omit<Transition, 'at' | 'actor'>,
  extra?: {
    create?: Parameters<typeof transition>[3];
    audit?: { action: string; before: BotRuntime | null };
  },
) => BotRuntime;

/**
 * Lifecycle transitions of deployed bots, whatever their target: each one in its own
 * transaction (with its audit event when an operator asked for it), pushed to clients after it
 * commits.
 */
export function createMover(deps: { mutate: Mutator; actor: string }): Move {
  return (botId, t, extra) =>
    deps.mutate((tx: Tx) => {
      const { runtime, event } = transition(
        tx.db,
        botId,
        { ...t, at: tx.now, actor: deps.actor },
        extra?.create,
      );
      if (extra?.audit)
        tx.audit({
          action: extra.audit.action,
          resourceType: 'bot',
          resourceId: botId,
          before: extra.audit.before ? { runtime: extra.audit.before } : null,
          after: { runtime },
        });
      pushRuntime(tx, runtime, event);
      return runtime;
    });
}

export function pushRuntime(tx: Tx, runtime: BotRuntime, event: DeploymentEvent): void {
  tx.emit('bot.runtime.changed', runtime);
  tx.emit('bot.deployment.event', event);
}
