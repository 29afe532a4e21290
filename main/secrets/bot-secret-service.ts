import { bindSecrets } from '../../shared/config/secret-bindings.ts';
import type { SecretStore as StoreKind } from '../../shared/config/secrets.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { Params, ResultOf } from '../../shared/contract/requests.ts';
import type { SecretEntry } from '../../shared/domain/secrets.ts';
import type { EcsAccess } from '../aws/aws-service.ts';
import { TARGET_OWNED_PATHS } from '../deploy/deployable-bot.ts';
import { getRuntime } from '../deploy/runtime-store.ts';
import { registerSecretValue } from '../log/redact.ts';
import type { ManifestService } from '../manifests/manifest-service.ts';
import type { Db } from '../store/database.ts';
import type { Mutator } from '../store/unit-of-work.ts';
import { createBotSecrets } from '../targets/ecs/bot-secrets.ts';
import { putSecretString, secretArnOf } from '../targets/ecs/config-secret.ts';
import type { SecretStore } from './secret-store.ts';

/**
 * Names Clawster keeps its own secrets under (its device key, AWS credentials, gateway tokens, an
 * ECS bot's config and token): not for operators to overwrite or delete through here.
 */
const RESERVED: Record<StoreKind, RegExp> = {
  keychain: /^(gateway\/|aws\/|clawster\/local\/|clawster\/ecs\/)/,
  'aws-sm': /^clawster\/bots\//,
};

function assertOperatorName(p: { store: StoreKind; name: string }): void {
  if (RESERVED[p.store].test(p.name))
    throw new AppError(
      'VALIDATION',
      `"${p.name}" is where Clawster keeps a secret of its own (gateway tokens, its device key, AWS credentials, bots' configs). Choose another name.`,
      [{ path: 'name', message: 'reserved for Clawster' }],
    );
}

/**
 * Bot secrets by the references their configs use: the keychain for local bots, AWS Secrets
 * Manager for ECS bots. Setting a secret that existed is a rotation: the deployed bots that read
 * it are restarted (a local gateway and an ECS task read their secrets when they start). Values
 * are registered with the log redactor and never returned; the audit log records names only.
 */
export interface BotSecretServiceDeps {
  db: Db;
  mutate: Mutator;
  keychain: SecretStore;
  manifests: Pick<ManifestService, 'resolveAllBots'>;
  ecs(): Promise<EcsAccess>;
  /** Deployed local bots that read a keychain secret. */
  localReaders(ref: string): Promise<string[]>;
  /** Restarts a deployed bot (local: a new gateway process; ECS: new tasks). */
  restart(botId: string): Promise<unknown>;
}

export function createBotSecretService(deps: BotSecretServiceDeps) {
  const awsSecrets = (a: EcsAccess) =>
    createBotSecrets({
      clients: a.clients,
      cluster: a.settings.cluster,
      secretsPrefix: a.settings.secretsPrefix,
      recoveryWindowDays: a.settings.recoveryWindowDays,
    });

  /** The deployed bots that read the secret now. */
  async function readers(store: StoreKind, name: string): Promise<string[]> {
    if (store === 'keychain') return deps.localReaders(name);
    const a = await deps.ecs();
    const arn = await secretArnOf(a.clients, name);
    return arn ? awsSecrets(a).usedBy(arn) : [];
  }

  async function restartAll(ids: readonly string[]) {
    const out: ResultOf<'secrets.put'>['redeployed'] = [];
    for (const botId of ids) {
      const r = getRuntime(deps.db, botId);
      if (r?.desiredState !== 'running') continue;
      try {
        await deps.restart(botId);
        out.push({ botId, ok: true });
      } catch (e) {
        const err = e instanceof AppError ? e : new AppError('INTERNAL', String(e));
        out.push({ botId, ok: false, error: { code: err.code, message: err.message } });
      }
    }
    return out;
  }

  function audit(action: string, p: { store: StoreKind; name: string }, after: Record<string, unknown>) {
    deps.mutate((tx) =>
      tx.audit({ action, resourceType: 'secret', resourceId: `${p.store}:${p.name}`, before: null, after }),
    );
  }

  return {
    async list(): Promise<ResultOf<'secrets.list'>> {
      const byKey = new Map<string, SecretEntry>();
      for (const bot of deps.manifests.resolveAllBots()) {
        if (!bot.resolved) continue;
        const { bindings } = bindSecrets(
          bot.resolved.config,
          { bot: bot.name, fleet: bot.fleet, environment: bot.environment },
          TARGET_OWNED_PATHS,
        );
        for (const b of bindings) {
          const { store, ref } = b.ref.$secret;
          const key = `${store}\u0000${ref}`;
          const entry = byKey.get(key) ?? { store, name: ref, usedBy: [], present: null };
          entry.usedBy.push({ botId: bot.botId, botName: bot.name, path: b.path });
          byKey.set(key, entry);
        }
      }
      const items = [...byKey.values()].sort((a, b) => (a.store + a.name < b.store + b.name ? -1 : 1));
      const problems: string[] = [];
      let aws: EcsAccess | null = null;
      if (items.some((i) => i.store === 'aws-sm'))
        aws = await deps.ecs().catch((e: unknown) => {
          problems.push(`AWS Secrets Manager cannot be asked: ${e instanceof Error ? e.message : String(e)}`);
          return null;
        });
      for (const item of items) {
        try {
          if (item.store === 'keychain') item.present = (await deps.keychain.get(item.name)) !== null;
          else if (aws) item.present = (await secretArnOf(aws.clients, item.name)) !== null;
        } catch (e) {
          problems.push(`${item.name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      return { items, problems };
    },

    async put(p: Params<'secrets.put'>): Promise<ResultOf<'secrets.put'>> {
      registerSecretValue(p.value);
      assertOperatorName(p);
      let existed: boolean;
      let users: string[];
      if (p.store === 'keychain') {
        existed = (await deps.keychain.get(p.name)) !== null;
        await deps.keychain.put(p.name, p.value);
        users = existed ? await deps.localReaders(p.name) : [];
      } else {
        const a = await deps.ecs();
        const arn = await secretArnOf(a.clients, p.name);
        existed = arn !== null;
        if (arn) {
          // Who reads it is known before the value changes: a failure after the write restarts no one.
          users = await awsSecrets(a).usedBy(arn);
          await awsSecrets(a).rotate(arn, p.value);
        } else {
          await putSecretString(a.clients, {
            name: p.name,
            description: 'Clawster bot secret',
            value: p.value,
          });
          users = [];
        }
      }
      audit(existed ? 'secret.rotate' : 'secret.create', p, { restarting: users });
      const redeployed = await restartAll(users);
      return { store: p.store, name: p.name, created: !existed, redeployed };
    },

    async delete(p: Params<'secrets.delete'>): Promise<{ removed: boolean }> {
      assertOperatorName(p);
      const users = (await readers(p.store, p.name)).filter((id) => getRuntime(deps.db, id) !== null);
      if (users.length > 0)
        throw new AppError(
          'CONFLICT',
          `Secret ${p.name} is still read by ${users.length} deployed bot${users.length === 1 ? '' : 's'}. Remove it from their config and redeploy them first.`,
          [{ path: 'name', message: 'in use' }],
        );
      let removed: boolean;
      if (p.store === 'keychain') removed = await deps.keychain.delete(p.name);
      else {
        const a = await deps.ecs();
        const arn = await secretArnOf(a.clients, p.name);
        removed = arn !== null;
        if (arn) await awsSecrets(a).delete(arn);
      }
      if (removed) audit('secret.delete', p, { removed: true });
      return { removed };
    },
  };
}
