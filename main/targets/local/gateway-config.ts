import { isSecretRef } from '../../../shared/config/secrets.ts';
import { AppError } from '../../../shared/contract/errors.ts';
import type { SecretBinding } from '../target.ts';
import type { BotPaths } from './paths.ts';

/** The variable the gateway reads its shared token from (an `env` SecretRef in openclaw.json). */
export const GATEWAY_TOKEN_ENV = 'OPENCLAW_GATEWAY_TOKEN';

/** OpenClaw's own SecretRef to the token variable: the config file holds no secret. */
export const gatewayTokenSecretRef = { source: 'env', provider: 'default', id: GATEWAY_TOKEN_ENV } as const;

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? { ...Object.fromEntries(Object.entries(v)) }
    : {};
}

/** Paths (dotted) of Clawster `$secret` references still in a config, which the gateway cannot read. */
export function unresolvedSecretPaths(value: unknown, path = ''): string[] {
  if (isSecretRef(value)) return [path || '(root)'];
  if (Array.isArray(value)) return value.flatMap((v, i) => unresolvedSecretPaths(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => unresolvedSecretPaths(v, path ? `${path}.${k}` : k));
  return [];
}

/**
 * The openclaw.json a local bot runs with: the resolved config, with what the target owns filled
 * in. The gateway binds loopback on the port the target picked, with token auth whose token comes
 * from the environment; it logs into the bot's folder, does not check for updates and does not
 * announce itself on the network. Everything else is the operator's config, untouched.
 */
export function localGatewayConfig(
  json: Record<string, unknown>,
  o: { port: number; paths: BotPaths },
): Record<string, unknown> {
  const gateway = obj(json.gateway);
  const auth = obj(gateway.auth);
  delete auth.password;
  const left = unresolvedSecretPaths({ ...json, gateway: { ...gateway, auth: {} } });
  if (left.length > 0)
    throw new AppError(
      'VALIDATION',
      `The config still holds keychain references at ${left.join(', ')}; a local bot gets its secrets as environment variables (secret bindings), so resolve them to OpenClaw env references first.`,
      left.map((path) => ({ path, message: 'unresolved $secret reference' })),
    );
  const discovery = obj(json.discovery);
  return {
    ...json,
    gateway: {
      ...gateway,
      mode: 'local',
      port: o.port,
      bind: 'loopback',
      auth: { ...auth, mode: 'token', token: { ...gatewayTokenSecretRef } },
    },
    logging: { ...obj(json.logging), file: o.paths.logFile },
    update: { ...obj(json.update), checkOnStart: false },
    discovery: { ...discovery, mdns: { ...obj(discovery.mdns), mode: 'off' } },
  };
}

const envNamePattern = /^[A-Z_][A-Z0-9_]{0,127}$/;
const reservedEnv = /^(OPENCLAW_.*|CLAWSTER_.*|NODE_.*|LD_.*|DYLD_.*|PATH|HOME|TMPDIR|LANG|LC_ALL|TZ)$/;

/** Refuses bindings whose variable is invalid, taken twice, or one the target sets itself. */
export function checkSecretBindings(secrets: readonly SecretBinding[]): void {
  const seen = new Set<string>();
  secrets.forEach((s, i) => {
    if (!envNamePattern.test(s.env) || reservedEnv.test(s.env))
      throw new AppError(
        'VALIDATION',
        `"${s.env}" cannot be a secret's variable name: use capitals, digits and _, and avoid OPENCLAW_*, CLAWSTER_*, NODE_*, PATH, HOME and TMPDIR.`,
        [{ path: `secrets.${i}.env`, message: 'invalid or reserved name' }],
      );
    if (seen.has(s.env))
      throw new AppError('VALIDATION', `Two secrets are bound to ${s.env}; keep one.`, [
        { path: `secrets.${i}.env`, message: 'duplicate' },
      ]);
    seen.add(s.env);
  });
}

/**
 * The gateway's whole environment. Nothing of Clawster's own environment is passed on but PATH and
 * the locale (OpenClaw behaves differently under VITEST or NODE_ENV=test, NODE_OPTIONS could load
 * foreign code), then the bot's folders, the switches that keep it quiet and in its folder, the
 * token and the bot's secrets.
 */
export function gatewayEnv(o: {
  paths: BotPaths;
  token: string;
  secrets: Readonly<Record<string, string>>;
  /** Folder put first on PATH (the runtime's Node), so OpenClaw's helpers find the same Node. */
  pathPrefix?: string;
  base?: NodeJS.ProcessEnv;
}): NodeJS.ProcessEnv {
  const base = o.base ?? process.env;
  const keep = ['LANG', 'LC_ALL', 'TZ'] as const;
  const inherited = Object.fromEntries(keep.flatMap((k) => (base[k] ? [[k, base[k]]] : [])));
  const path = [o.pathPrefix, base.PATH ?? '/usr/local/bin:/usr/bin:/bin'].filter(Boolean).join(':');
  return {
    ...inherited,
    ...o.secrets,
    PATH: path,
    HOME: o.paths.home,
    OPENCLAW_HOME: o.paths.home,
    OPENCLAW_STATE_DIR: o.paths.stateDir,
    OPENCLAW_CONFIG_PATH: o.paths.config,
    TMPDIR: o.paths.tmp,
    OPENCLAW_DISABLE_BONJOUR: '1',
    OPENCLAW_NO_RESPAWN: '1',
    OPENCLAW_NO_AUTO_UPDATE: '1',
    OPENCLAW_EXEC_SHELL_SNAPSHOT: '0',
    [GATEWAY_TOKEN_ENV]: o.token,
  };
}
