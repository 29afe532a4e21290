import { and, eq } from 'drizzle-orm';
import type { BoundConfig } from '../../shared/config/secret-bindings.ts';
import type { BotRuntime, LifecycleState } from '../../shared/domain/lifecycle.ts';
import type { EcsAccess } from '../aws/aws-service.ts';
import { ecsServiceName } from '../aws/names.ts';
import { checkGatewayUrl } from '../gateway/url-policy.ts';
import { createKeyedQueue } from '../keyed-queue.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { Db } from '../store/database.ts';
import { botRuntime, bots } from '../store/schema.ts';
import type { Mutator } from '../store/unit-of-work.ts';
import type { BotRuntimeStatus } from '../targets/target.ts';
import { assertSecretsManagerOnly, ecsGatewayTokenRef, prepareEcsDeploy } from './ecs-prepare.ts';
import { getRuntime, inScope } from './runtime-store.ts';
import type { Move } from './transitions.ts';

/**
 * The lifecycle of bots whose fleet runs on AWS ECS. ECS starts the task on its own time, so a
 * deploy or start ends in `provisioning` and the bot's state follows what ECS reports (the
 * service, its task and the container health check) each time it is looked at: on the bot page,
 * and on every reconcile pass.
 */
export interface EcsLifecycleDeps {
  db: Db;
  mutate: Mutator;
  move: Move;
  ecs(): Promise<EcsAccess>;
  keychain: SecretStore;
}

/** The lifecycle state an ECS status means, with the sentence the timeline shows. */
export function lifecycleOfEcs(s: BotRuntimeStatus): { state: LifecycleState; message: string } {
  switch (s.state) {
    case 'running':
      return { state: s.health === 'unhealthy' ? 'degraded' : 'running', message: `ECS: ${s.detail}` };
    case 'starting':
    case 'deploying':
      return { state: 'provisioning', message: `ECS: ${s.detail}` };
    case 'stopping':
    case 'stopped':
      return { state: 'stopped', message: `ECS: ${s.detail}` };
    case 'failed':
      return { state: 'error', message: `ECS: ${s.detail}` };
    case 'absent':
      return { state: 'error', message: 'The ECS service of this bot is gone; deploy it again.' };
  }
}

export function createEcsLifecycle(deps: EcsLifecycleDeps) {
  /** Moves the bot to what ECS reports (through provisioning when it comes back from an error). */
  function follow(botId: string, status: BotRuntimeStatus): BotRuntime | null {
    const current = getRuntime(deps.db, botId);
    if (!current) return null;
    const { state, message } = lifecycleOfEcs(status);
    if (state === current.state) return current;
    const up = state === 'running' || state === 'degraded' || state === 'provisioning';
    // Stopped on purpose: ECS may still report the old task for a while (or someone scaled the
    // service by hand); the bot stays stopped until the operator starts it.
    if (current.desiredState === 'stopped' && up) return current;
    if (up && state !== 'provisioning' && !['provisioning', 'running', 'degraded'].includes(current.state))
      deps.move(botId, { to: 'provisioning', cause: 'ecs', message });
    return deps.move(botId, {
      to: state,
      cause: 'ecs',
      message,
      set:
        state === 'running'
          ? { startedAt: status.instances[0]?.startedAt ?? null, lastError: null }
          : state === 'error'
            ? { lastError: { code: 'UNAVAILABLE', message }, startedAt: null }
            : {},
    });
  }

  async function deployNow(
    bot: { id: string; name: string },
    config: { hash: string; bound: BoundConfig; openclawVersion: string | undefined },
  ): Promise<BotRuntime | null> {
    const access = await deps.ecs();
    const prepared = await prepareEcsDeploy({
      access,
      keychain: deps.keychain,
      botId: bot.id,
      config: config.bound.config,
      bindings: config.bound.bindings,
    });
    const result = await access.target.deploy(
      bot,
      { version: config.hash, json: prepared.json, openclawVersion: config.openclawVersion },
      prepared.secrets,
    );
    deps.move(bot.id, {
      to: 'provisioning',
      cause: 'deploy',
      message: `ECS service ${ecsServiceName(bot.id)} ${result.changed ? 'rolls out' : 'already runs'} revision ${result.revision.split('/').pop() ?? result.revision}; waiting for its task`,
      set: { deployedConfig: prepared.json, port: null, startedAt: null },
    });
    return follow(bot.id, await access.target.status(bot.id));
  }

  /** One action at a time per bot (two deploys at once would make two gateway tokens). */
  const exclusive = createKeyedQueue();

  return {
    /** What must hold before an ECS deploy records anything: AWS set up, secrets in Secrets Manager. */
    async preflight(bound: BoundConfig): Promise<void> {
      await deps.ecs();
      assertSecretsManagerOnly(bound.bindings);
    },

    /** Rolls the bot's config out to its ECS service; the state then follows ECS. */
    deploy: (
      bot: { id: string; name: string },
      config: { hash: string; bound: BoundConfig; openclawVersion: string | undefined },
    ): Promise<BotRuntime | null> => exclusive(bot.id, () => deployNow(bot, config)),

    stop: (botId: string): Promise<void> =>
      exclusive(botId, async () => (await deps.ecs()).target.stop(botId)),

    start: (botId: string): Promise<BotRuntime | null> =>
      exclusive(botId, async () => {
        const { target } = await deps.ecs();
        await target.start(botId);
        return follow(botId, await target.status(botId));
      }),

    /** New tasks of the current revision (the gateway restarts; secrets are read again). */
    restart: (botId: string): Promise<BotRuntime | null> =>
      exclusive(botId, async () => {
        const { target } = await deps.ecs();
        await target.redeploy(botId);
        return follow(botId, await target.status(botId));
      }),

    destroy: (botId: string): Promise<string[]> =>
      exclusive(botId, async () => {
        const { removed } = await (await deps.ecs()).target.destroy(botId);
        if (await deps.keychain.delete(ecsGatewayTokenRef(botId)))
          removed.push(`gateway token ${ecsGatewayTokenRef(botId)} removed from the keychain`);
        return removed;
      }),
    /** Records where the bot's gateway is reached from here; Clawster connects with the bot's own token. */
    setEndpoint(botId: string, url: string): void {
      const checked = checkGatewayUrl(url);
      deps.mutate((tx) => {
        tx.db
          .update(bots)
          .set({ gatewayUrl: checked, gatewayTokenRef: ecsGatewayTokenRef(botId) })
          .where(eq(bots.id, botId))
          .run();
        tx.audit({
          action: 'bot.gateway.setEndpoint',
          resourceType: 'bot',
          resourceId: botId,
          before: null,
          after: { url: checked },
        });
      });
    },

    /** Every deployed ECS bot in scope follows what ECS reports (a reconcile pass); failures are logged. */
    async followAll(scope: { fleetId?: string; botId?: string }, log: Logger): Promise<void> {
      const ids = deps.db
        .select({ id: botRuntime.botId })
        .from(botRuntime)
        .innerJoin(bots, eq(bots.id, botRuntime.botId))
        .where(and(eq(botRuntime.target, 'ecs'), inScope(scope)))
        .all();
      if (ids.length === 0) return;
      let target: EcsAccess['target'];
      try {
        target = (await deps.ecs()).target;
      } catch (e) {
        log.warn('ECS bots cannot be checked: AWS is not reachable', { error: String(e) });
        return;
      }
      for (const { id } of ids) {
        try {
          follow(id, await target.status(id));
        } catch (e) {
          log.warn('reading the ECS status of a bot failed', { botId: id, error: String(e) });
        }
      }
    },

    /** What ECS says of the bot now; the bot's state follows it. */
    async status(botId: string): Promise<{ status: BotRuntimeStatus; runtime: BotRuntime | null }> {
      const status = await (await deps.ecs()).target.status(botId);
      return { status, runtime: follow(botId, status) };
    },
  };
}
export type EcsLifecycle = ReturnType<typeof createEcsLifecycle>;
