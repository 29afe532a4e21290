import type { JsonValue } from '../../config/json.ts';
import { isReferenceString, sameSecret } from '../../config/secrets.ts';
import { obj, str, strings } from '../facts.ts';
import { NONE, type Rule } from '../rule.ts';
import type { RuleHit } from '../types.ts';

/** Rules on how the gateway is exposed and authenticated (anchor: `openclaw security audit`). */
export const MIN_TOKEN_LENGTH = 32;

export const gatewayRules: Rule[] = [
  {
    id: 'gateway.bind_no_auth',
    title: 'Gateway reachable beyond loopback without authentication',
    why: 'Anyone who can reach the port can operate the bot: run tools, read sessions and change its config.',
    fix: 'Keep gateway.bind at "loopback", or set gateway.auth.mode to "token" (or "password") with a secret reference.',
    check({ facts }) {
      if (!(facts.beyondLoopback || facts.tailscaleMode === 'funnel') || facts.authSatisfied) return NONE;
      const detail = `bind is "${facts.bind}"${facts.tailscaleMode === 'funnel' ? ' with Tailscale Funnel' : ''}, auth mode is ${facts.authMode ?? 'unset'}`;
      return [{ path: 'config.gateway.auth', detail }];
    },
  },
  {
    id: 'gateway.auth_none',
    title: 'Gateway auth mode is "none"',
    why: 'With no auth every local process (and any proxy in front of the gateway) gets full operator access.',
    fix: 'Set gateway.auth.mode to "token" with gateway.auth.token as a secret reference.',
    check({ config }) {
      return str(obj(obj(config.gateway)?.auth)?.mode) === 'none'
        ? [{ path: 'config.gateway.auth.mode' }]
        : NONE;
    },
  },
  {
    id: 'gateway.token_too_short',
    title: `Token or password shorter than ${MIN_TOKEN_LENGTH} characters`,
    why: 'Short shared secrets can be guessed or brute-forced.',
    fix: `Use a random secret of at least ${MIN_TOKEN_LENGTH} characters, kept in the keychain or Secrets Manager.`,
    check({ config }) {
      const auth = obj(obj(config.gateway)?.auth);
      const hooks = obj(config.hooks);
      let hits: readonly RuleHit[] = NONE;
      hits = tooShort(hits, 'config.gateway.auth.token', auth?.token);
      hits = tooShort(hits, 'config.gateway.auth.password', auth?.password);
      return tooShort(hits, 'config.hooks.token', hooks?.token);
    },
  },
  {
    id: 'hooks.token_reuse_gateway_token',
    title: 'Hooks token is the gateway token',
    why: 'Whoever holds the webhook token (often a third-party service) can then also log in to the gateway as an operator.',
    fix: 'Give hooks.token its own secret, distinct from gateway.auth.token and gateway.auth.password.',
    check({ config }) {
      const token = obj(config.hooks)?.token;
      if (token === undefined) return NONE;
      const auth = obj(obj(config.gateway)?.auth);
      return sameSecret(token, auth?.token) || sameSecret(token, auth?.password)
        ? [{ path: 'config.hooks.token' }]
        : NONE;
    },
  },
  {
    id: 'gateway.control_ui_origins',
    title: 'Control UI beyond loopback without an origin allowlist',
    why: 'Without explicit allowedOrigins a web page on another origin can drive the Control UI socket (cross-site WebSocket hijacking).',
    fix: 'Set gateway.controlUi.allowedOrigins to the exact https origins you use, never "*", or disable the Control UI.',
    check({ config, facts }) {
      if (!facts.exposed) return NONE;
      const ui = obj(obj(config.gateway)?.controlUi);
      if (ui?.enabled === false) return NONE;
      const origins = strings(ui?.allowedOrigins);
      if (origins.length === 0)
        return [{ path: 'config.gateway.controlUi.allowedOrigins', detail: 'no allowedOrigins' }];
      return origins.includes('*')
        ? [{ path: 'config.gateway.controlUi.allowedOrigins', detail: 'allowedOrigins contains "*"' }]
        : NONE;
    },
  },
  {
    id: 'gateway.tailscale_funnel',
    title: 'Tailscale Funnel exposes the gateway to the internet',
    why: 'Funnel publishes the gateway on the public internet, where it will be scanned and attacked.',
    fix: 'Use gateway.tailscale.mode "serve" (tailnet only) or "off".',
    check({ facts }) {
      return facts.tailscaleMode === 'funnel' ? [{ path: 'config.gateway.tailscale.mode' }] : NONE;
    },
  },
  {
    id: 'gateway.terminal_exposed',
    title: 'Host terminal enabled on a gateway reachable beyond loopback',
    why: 'The operator terminal is a shell on the host; exposed beyond loopback it turns one stolen credential into host access.',
    fix: 'Set gateway.terminal.enabled to false (it is on by default), or keep the gateway on loopback.',
    check({ config, facts }) {
      if (!facts.exposed) return NONE;
      return obj(obj(config.gateway)?.terminal)?.enabled === false
        ? NONE
        : [{ path: 'config.gateway.terminal.enabled' }];
    },
  },
];

/** `hits`, with one more when `v` is a literal secret shorter than MIN_TOKEN_LENGTH. */
function tooShort(hits: readonly RuleHit[], path: string, v: JsonValue | undefined): readonly RuleHit[] {
  if (typeof v !== 'string' || isReferenceString(v) || v.length >= MIN_TOKEN_LENGTH) return hits;
  return [...hits, { path, detail: `${v.length} characters` }];
}
