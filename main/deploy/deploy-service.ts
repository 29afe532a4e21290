import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import type { AlertInput } from '../../shared/alerts/alerts.ts';
import { bindSecrets } from '../../shared/config/secret-bindings.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { Params } from '../../shared/contract/requests.ts';
import { nameKey } from '../../shared/domain/common.ts';
import type { BotHealth } from '../../shared/domain/gateway.ts';
import {
  type BotRuntime,
  healthTransition,
  type LifecycleState,
  type TargetStatus,
} from '../../shared/domain/lifecycle.ts';
import type { Clock } from '../clock.ts';
import { checkGatewayUrl } from '../gateway/url-policy.ts';
import type { Logger } from '../log/logger.ts';
import type { ManifestService } from '../manifests/manifest-service.ts';
import type { Db } from '../store/database.ts';
import { botRuntime, bots } from '../store/schema.ts';
import type { Mutator } from '../store/unit-of-work.ts';
import type { LocalTarget } from '../targets/local/local-target.ts';
import { botPaths } from '../targets/local/paths.ts';
import type { LocalTransition } from '../targets/local/supervisor.ts';
import { deployableBot, TARGET_OWNED_PATHS } from './deployable-bot.ts';
import type { EcsLifecycle } from './ecs-lifecycle.ts';
import { policyRefusal } from './policy-refusal.ts';
import { type ResumeReport, resumeBots } from './resume.ts';
import { getRuntime, transition } from './runtime-store.ts';
import { createMover, pushRuntime } from './transitions.ts';

/**
 * Deploys bots on this workstation and runs their lifecycle: the config is resolved and must
 * pass the policy gate (a critical finding refuses the deploy and nothing starts), secrets reach
 * the process as environment variables bound to keychain references, and every transition is a
 * deployment event; operator actions are audited too.
 */
export interface DeployServiceDeps {
  dataDir: string;
  db: Db;
  mutate: Mutator;
  clock: Clock;
  log: Logger;
  actor: string;
  manifests: ManifestService;
  target: LocalTarget;
  /** Watches deployed bots' gateways for live health (the gateway service). */
  gateways: { attach(botId: string): void; detach(botId: string): Promise<void> };
  /** Told after each successful deploy (OpenClaw's own checks run then). */
  afterDeploy?: (botId: string) => void;
  /** Raises an alert for the shell to notify (a deploy refused by policy). */
  alert?: (alert: AlertInput) => void;
  /** Bots of fleets that run on AWS ECS; without it such a deploy is refused. */
  ecs?: EcsLifecycle;
}

export function createDeployService(deps: DeployServiceDeps) {
  const botOf = deployableBot;

  const move = createMover({ mutate: deps.mutate, actor: deps.actor });

  function failed(botId: string, e: unknown, cause: string): AppError {
    const err =
      e instanceof AppError ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e));
    const tail = err.details?.logTail;
    const logTail = Array.isArray(tail) ? tail.map(String) : undefined;
    move(botId, {
      to: 'error',
      cause,
      message: err.message,
      set: {
        lastError: { code: err.code, message: err.message, ...(logTail ? { logTail } : {}) },
        startedAt: null,
      },
    });
    return err;
  }

  async function startProcess(
    botId: string,
    run: () => Promise<unknown>,
    cause: string,
  ): Promise<BotRuntime> {
    try {
      await run();
    } catch (e) {
      throw failed(botId, e, cause);
    }
    const status = await deps.target.status(botId);
    const conn = await deps.target.connection(botId);
    // The config as the target wrote it (its port, auth and log file filled in): what drift is measured against.
    const written = await readFile(botPaths(deps.dataDir, botId).config, 'utf8')
      .then((text): unknown => JSON.parse(text))
      .catch(() => null);
    const runtime = deps.mutate((tx) => {
      const { runtime, event } = transition(tx.db, botId, {
        to: 'running',
        cause,
        message: `Gateway ready on port ${conn.port}`,
        actor: deps.actor,
        at: tx.now,
        set: {
          port: conn.port,
          startedAt: tx.now,
          lastError: null,
          ...(written !== null ? { deployedConfig: written } : {}),
          ...(status.runtimeVersion ? { openclawVersion: status.runtimeVersion } : {}),
        },
      });
      tx.db
        .update(bots)
        .set({ gatewayUrl: conn.url, gatewayTokenRef: conn.tokenRef })
        .where(eq(bots.id, botId))
        .run();
      pushRuntime(tx, runtime, event);
      return runtime;
    });
    deps.gateways.attach(botId);
    return runtime;
  }

  /** Exits and adoptions the target notices on its own. */
  function onTargetTransition(t: LocalTransition): void {
    const current = getRuntime(deps.db, t.botId);
    if (!current) return;
    if (t.phase === 'failed' && (current.state === 'running' || current.state === 'degraded'))
      move(t.botId, {
        to: 'error',
        cause: 'process-exit',
        message: t.message,
        set: { lastError: { code: 'EXITED', message: t.message }, startedAt: null },
      });
  }
  const unsubscribe = deps.target.onTransition((t) => {
    try {
      onTargetTransition(t);
    } catch (e) {
      deps.log.error('recording a local bot transition failed', { botId: t.botId, error: String(e) });
    }
  });

  /** Watches an ECS bot's gateway again when the operator gave an endpoint for it. */
  function watchIfReachable(botId: string): void {
    const row = deps.db.select({ url: bots.gatewayUrl }).from(bots).where(eq(bots.id, botId)).get();
    if (row?.url) deps.gateways.attach(botId);
  }

  function ecsOf(botId: string): EcsLifecycle {
    if (deps.ecs) return deps.ecs;
    throw new AppError('PRECONDITION', `Bot ${botId} runs on AWS ECS, which this Clawster cannot reach.`);
  }

  /** An ECS action whose failure ends in the error state with the reason. */
  async function onEcs(
    botId: string,
    cause: string,
    act: (ecs: EcsLifecycle) => Promise<BotRuntime | null>,
  ): Promise<BotRuntime> {
    try {
      await act(ecsOf(botId));
    } catch (e) {
      throw failed(botId, e, cause);
    }
    return requireRuntime(botId);
  }

  function requireRuntime(id: string): BotRuntime {
    botOf(deps.db, id);
    const r = getRuntime(deps.db, id);
    if (!r) throw new AppError('PRECONDITION', 'This bot has not been deployed yet. Deploy it first.');
    return r;
  }

  return {
    async deploy(p: Params<'bot.deploy'>): Promise<BotRuntime> {
      const bot = botOf(deps.db, p.id);
      const x = deps.manifests.resolveBot(p.id);
      if (!x)
        throw new AppError(
          'PRECONDITION',
          `Bot "${bot.name}" has no config yet: give it a template (and a profile) first, then deploy.`,
        );
      if (!x.resolved || !x.hash || x.problems.length > 0 || x.evaluation?.blocked) {
        const refusal = policyRefusal(x);
        deps.alert?.({
          kind: 'deploy.refused',
          severity: 'warning',
          fleetId: bot.fleetId,
          fleetName: bot.fleet,
          botId: bot.id,
          botName: bot.name,
          ...(refusal.first ? { detail: refusal.first } : {}),
        });
        throw refusal.error;
      }
      const hash = x.hash;
      const pinned = x.resolved.openclawVersion;
      const bound = bindSecrets(
        x.resolved.config,
        { bot: bot.name, fleet: bot.fleet, environment: bot.environment },
        TARGET_OWNED_PATHS,
      );
      const remote = bound.bindings.filter((b) => b.ref.$secret.store !== 'keychain');
      if (bot.target === 'local' && remote.length > 0)
        throw new AppError(
          'PRECONDITION',
          `A local bot reads its secrets from the keychain, but ${remote.map((b) => b.path).join(', ')} ${remote.length === 1 ? 'refers' : 'refer'} to AWS Secrets Manager. Use a keychain reference, or deploy this bot to ECS.`,
        );
      // Checked before anything is recorded: AWS set up, every secret a Secrets Manager reference.
      if (bot.target === 'ecs') await ecsOf(p.id).preflight(bound);
      const before = getRuntime(deps.db, p.id);
      const from: LifecycleState | null = before?.state ?? null;
      move(
        p.id,
        {
          to: from === null || from === 'error' || from === 'stopped' ? 'pending' : 'provisioning',
          cause: 'deploy',
          message: `Deploy requested (config ${hash.slice(7, 19)})`,
          set: { desiredState: 'running', configHash: hash, deployedConfig: bound.config },
        },
        { create: { target: bot.target, desiredState: 'running' }, audit: { action: 'bot.deploy', before } },
      );
      if (getRuntime(deps.db, p.id)?.state === 'pending')
        move(p.id, {
          to: 'provisioning',
          cause: 'deploy',
          message:
            bot.target === 'ecs'
              ? 'Writing the config secret and rolling out the ECS service'
              : 'Writing openclaw.json and starting the gateway',
        });
      if (bot.target === 'ecs') {
        const ecs = ecsOf(p.id);
        try {
          await ecs.deploy({ id: bot.id, name: bot.name }, { hash, bound, openclawVersion: pinned });
        } catch (e) {
          throw failed(p.id, e, 'deploy');
        }
        return requireRuntime(p.id);
      }
      let changed = true;
      const deployed = await startProcess(
        p.id,
        async () => {
          const r = await deps.target.deploy(
            { id: bot.id, name: bot.name },
            { version: hash, json: bound.config, openclawVersion: pinned },
            bound.bindings.map((b) => ({ env: b.env, ref: b.ref.$secret.ref })),
          );
          changed = r.changed;
        },
        'deploy',
      );
      // OpenClaw's own checks look at what changed; a redeploy of the same config needs none.
      if (changed) deps.afterDeploy?.(p.id);
      return deployed;
    },

    async stop(p: Params<'bot.stop'>): Promise<BotRuntime> {
      const before = requireRuntime(p.id);
      if (before.target === 'ecs') await ecsOf(p.id).stop(p.id);
      else await deps.target.stop(p.id);
      return move(
        p.id,
        {
          to: 'stopped',
          cause: 'stop',
          message: 'Stopped by the operator',
          set: { desiredState: 'stopped', startedAt: null },
        },
        { audit: { action: 'bot.stop', before } },
      );
    },

    async start(p: Params<'bot.start'>): Promise<BotRuntime> {
      const before = requireRuntime(p.id);
      if (before.state === 'running' || before.state === 'degraded') return before;
      move(
        p.id,
        {
          to: 'provisioning',
          cause: 'start',
          message: 'Starting the gateway',
          set: { desiredState: 'running', restartCount: before.restartCount + 1 },
        },
        { audit: { action: 'bot.start', before } },
      );
      if (before.target === 'ecs') return onEcs(p.id, 'start', (ecs) => ecs.start(p.id));
      return startProcess(p.id, () => deps.target.start(p.id), 'start');
    },

    async restart(p: Params<'bot.restart'>): Promise<BotRuntime> {
      const before = requireRuntime(p.id);
      await deps.gateways.detach(p.id);
      if (before.target === 'local') await deps.target.stop(p.id);
      move(
        p.id,
        {
          to: 'provisioning',
          cause: 'restart',
          message: 'Restarting the gateway',
          set: { desiredState: 'running', restartCount: before.restartCount + 1, startedAt: null },
        },
        { audit: { action: 'bot.restart', before } },
      );
      if (before.target === 'ecs') {
        const after = await onEcs(p.id, 'restart', (ecs) => ecs.restart(p.id));
        watchIfReachable(p.id);
        return after;
      }
      return startProcess(p.id, () => deps.target.start(p.id), 'restart');
    },

    async destroy(p: Params<'bot.destroy'>): Promise<{ id: string; removed: string[] }> {
      const bot = botOf(deps.db, p.id);
      if (nameKey(p.confirmName) !== nameKey(bot.name))
        throw new AppError('VALIDATION', `Type the bot's name, "${bot.name}", to confirm destroying it.`, [
          { path: 'confirmName', message: 'does not match the bot name' },
        ]);
      const before = requireRuntime(p.id);
      await deps.gateways.detach(p.id);
      const removed =
        before.target === 'ecs' ? await ecsOf(p.id).destroy(p.id) : (await deps.target.destroy(p.id)).removed;
      deps.mutate((tx) => {
        const { runtime, event } = transition(tx.db, p.id, {
          to: 'stopped',
          cause: 'destroy',
          message: `Destroyed: ${removed.join(', ') || 'nothing left to remove'}`,
          actor: deps.actor,
          at: tx.now,
        });
        tx.db.delete(botRuntime).where(eq(botRuntime.botId, p.id)).run();
        tx.db.update(bots).set({ gatewayUrl: null, gatewayTokenRef: null }).where(eq(bots.id, p.id)).run();
        tx.audit({
          action: 'bot.destroy',
          resourceType: 'bot',
          resourceId: p.id,
          before: { runtime: before },
          after: { removed },
        });
        pushRuntime(tx, runtime, event);
      });
      return { id: p.id, removed };
    },

    /** An ECS bot's gateway, reachable at `url` from here: watched live with the bot's own token. */
    async setEndpoint(p: Params<'bot.gateway.setEndpoint'>): Promise<BotRuntime> {
      if (requireRuntime(p.id).target !== 'ecs')
        throw new AppError(
          'PRECONDITION',
          'A bot on this workstation is reached on loopback by itself; an endpoint is for bots on ECS.',
        );
      checkGatewayUrl(p.url);
      await deps.gateways.detach(p.id);
      ecsOf(p.id).setEndpoint(p.id, p.url);
      deps.gateways.attach(p.id);
      return requireRuntime(p.id);
    },

    /** What the bot's target reports now (ECS: the service and its task; the lifecycle follows it). */
    async targetStatus(p: Params<'bot.target.status'>): Promise<TargetStatus> {
      const r = requireRuntime(p.id);
      return r.target === 'ecs' ? (await ecsOf(p.id).status(p.id)).status : deps.target.status(p.id);
    },

    runtime: (p: Params<'bot.runtime.get'>): BotRuntime | null => {
      botOf(deps.db, p.id);
      return getRuntime(deps.db, p.id);
    },

    /** Live gateway health moves a running bot to degraded and back (see healthTransition). */
    observeHealth(h: BotHealth): void {
      const r = getRuntime(deps.db, h.botId);
      if (!r) return;
      const to = healthTransition(r.state, h.state);
      if (!to) return;
      const why = h.lastError ? `: ${h.lastError.message}` : '';
      move(h.botId, {
        to,
        cause: 'health',
        message: to === 'degraded' ? `Gateway health is ${h.state}${why}` : 'Gateway healthy again',
      });
    },

    /** After the app starts: see resume.ts. */
    resume(): Promise<ResumeReport> {
      return resumeBots({
        db: deps.db,
        target: deps.target,
        gateways: deps.gateways,
        move,
        start: (id) => this.start({ id }),
      });
    },

    close: unsubscribe,
  };
}
export type DeployService = ReturnType<typeof createDeployService>;
