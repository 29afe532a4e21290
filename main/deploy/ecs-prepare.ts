import { isPlainObject, type JsonObject } from '../../shared/config/json.ts';
import type { SecretBindingOf } from '../../shared/config/secret-bindings.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { EcsAccess } from '../aws/aws-service.ts';
import { botSecretsPrefix } from '../aws/names.ts';
import { ensureGeneratedSecret } from '../secrets/generated-secret.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { putSecretString, secretArnOf } from '../targets/ecs/config-secret.ts';
import type { SecretBinding } from '../targets/target.ts';

/** The variable an ECS bot's gateway reads its token from (an `env` SecretRef in openclaw.json). */
export const ECS_GATEWAY_TOKEN_ENV = 'OPENCLAW_GATEWAY_TOKEN';

/** Where Clawster keeps its copy of an ECS bot's gateway token, to connect to it. */
export const ecsGatewayTokenRef = (botId: string): string => `clawster/ecs/${botId}/gateway-token`;

/**
 * What an ECS bot runs with: every secret it reads is a Secrets Manager ARN (a keychain reference
 * cannot reach a task), and its gateway listens on the task's network with token auth, the token
 * generated once, kept in the bot's own Secrets Manager secret and, for Clawster, in the keychain.
 */
export async function prepareEcsDeploy(o: {
  access: EcsAccess;
  keychain: SecretStore;
  botId: string;
  config: JsonObject;
  bindings: readonly SecretBindingOf[];
}): Promise<{ json: JsonObject; secrets: SecretBinding[] }> {
  assertSecretsManagerOnly(o.bindings);
  const secrets: SecretBinding[] = [];
  for (const b of o.bindings) {
    const arn = await secretArnOf(o.access.clients, b.ref.$secret.ref);
    if (!arn)
      throw new AppError(
        'PRECONDITION',
        `Secret ${b.ref.$secret.ref} (for ${b.path}) is not in AWS Secrets Manager in ${o.access.clients.region}. Create it there first, then deploy again.`,
        [{ path: b.path, message: 'no such secret' }],
      );
    secrets.push({ env: b.env, ref: arn });
  }
  const token = await ensureGeneratedSecret(o.keychain, ecsGatewayTokenRef(o.botId));
  const stored = await putSecretString(o.access.clients, {
    name: `${botSecretsPrefix(o.botId, o.access.settings.secretsPrefix)}secrets/${ECS_GATEWAY_TOKEN_ENV}`,
    botId: o.botId,
    description: `Clawster: gateway token of bot ${o.botId}`,
    value: token,
  });
  secrets.push({ env: ECS_GATEWAY_TOKEN_ENV, ref: stored.arn });
  return { json: withTaskGateway(o.config), secrets };
}

/** An ECS bot can only read secrets from Secrets Manager; a keychain reference is refused. */
export function assertSecretsManagerOnly(bindings: readonly SecretBindingOf[]): void {
  const local = bindings.filter((b) => b.ref.$secret.store !== 'aws-sm');
  if (local.length > 0)
    throw new AppError(
      'PRECONDITION',
      `An ECS bot reads its secrets from AWS Secrets Manager, but ${local.map((b) => b.path).join(', ')} ${local.length === 1 ? 'refers' : 'refer'} to the keychain. Use an aws-sm reference, or run this fleet on this workstation.`,
    );
}

/** Inside a task the gateway listens on the task's interface (`lan`), always with its token. */
function withTaskGateway(config: JsonObject): JsonObject {
  const gateway = isPlainObject(config.gateway) ? config.gateway : {};
  const auth = isPlainObject(gateway.auth) ? gateway.auth : {};
  return {
    ...config,
    gateway: {
      ...gateway,
      bind: 'lan',
      auth: {
        ...auth,
        mode: 'token',
        token: { source: 'env', provider: 'default', id: ECS_GATEWAY_TOKEN_ENV },
      },
    },
  };
}
