import { isPlainObject, type JsonObject, type JsonValue } from '../config/json.ts';
import { childPath, indexPath } from '../config/paths.ts';
import { isAnySecretRef } from '../config/secrets.ts';
import { isShared } from '../config/sharing.ts';
import { toolReach } from './tools.ts';

/**
 * Facts derived once per resolved config and shared by the rules: how exposed the gateway is,
 * whether it authenticates, which channels are open, and for each agent its sandbox and the
 * tools it can reach. Defaults follow OpenClaw's documented defaults (bind loopback, Control UI
 * and host terminal enabled, sandbox off, elevated tools enabled).
 */
export interface AgentView {
  /** `config.agents.defaults` or `config.agents.list[2]` / `config.agents.entries.ops`. */
  path: string;
  sandboxMode: string;
  /** Where the effective sandbox mode is (or would be) set. */
  sandboxModePath: string;
  dockerNetwork: { value: string; path: string } | null;
  browserNetwork: { value: string; path: string } | null;
  binds: { value: string; path: string }[];
  /** exec or code_execution reachable. */
  runtime: boolean;
  /** read/write/edit/apply_patch reachable. */
  fs: boolean;
  fsWorkspaceOnly: boolean;
  /** Elevated (host) exec reachable: elevated enabled and exec reachable. */
  elevated: boolean;
  toolsPath: string;
}

export interface Facts {
  bind: string;
  /** Bound to an interface other than loopback. */
  beyondLoopback: boolean;
  tailscaleMode: string;
  /** Reachable from beyond this host: bound beyond loopback, or through Tailscale Serve/Funnel. */
  exposed: boolean;
  authMode: string | undefined;
  /** Token or password auth with a credential, or trusted-proxy auth with trusted proxies. */
  authSatisfied: boolean;
  openDm: string[];
  openGroups: string[];
  agents: AgentView[];
}

export const obj = (v: JsonValue | undefined): JsonObject | undefined => (isPlainObject(v) ? v : undefined);
export const str = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
export const strings = (v: JsonValue | undefined): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** A credential is configured: a non-empty literal, an env substitution, or a secret reference. */
export function hasCredential(v: JsonValue | undefined): boolean {
  return typeof v === 'string' ? v.trim() !== '' : isAnySecretRef(v);
}

export function computeFacts(config: JsonObject): Facts {
  const gateway = obj(config.gateway);
  const auth = obj(gateway?.auth);
  const bind = str(gateway?.bind) ?? 'loopback';
  const customHost = str(gateway?.customBindHost);
  const beyondLoopback = bind !== 'loopback' && !(bind === 'custom' && isLoopbackHost(customHost));
  const tailscaleMode = str(obj(gateway?.tailscale)?.mode) ?? 'off';
  const token = auth?.token;
  const password = auth?.password;
  const authMode =
    str(auth?.mode) ?? (hasCredential(token) ? 'token' : hasCredential(password) ? 'password' : undefined);
  const authSatisfied =
    (authMode === 'token' && hasCredential(token)) ||
    (authMode === 'password' && hasCredential(password)) ||
    (authMode === 'trusted-proxy' && strings(gateway?.trustedProxies).length > 0);
  const { openDm, openGroups } = memo(surfaceMemo, obj(config.channels), openSurfaces);
  return {
    bind,
    beyondLoopback,
    tailscaleMode,
    exposed: beyondLoopback || tailscaleMode === 'serve' || tailscaleMode === 'funnel',
    authMode,
    authSatisfied,
    openDm,
    openGroups,
    agents: agentViews(config),
  };
}

function isLoopbackHost(host: string | undefined): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

function openSurfaces(channels: JsonObject | undefined): { openDm: string[]; openGroups: string[] } {
  const openDm: string[] = [];
  const openGroups: string[] = [];
  if (!channels) return { openDm, openGroups };
  for (const id of Object.keys(channels)) {
    const ch = obj(channels[id]);
    if (!ch || ch.enabled === false || id === 'modelByChannel') continue;
    const base = childPath('config.channels', id);
    if (ch.dmPolicy === 'open') openDm.push(childPath(base, 'dmPolicy'));
    if (ch.groupPolicy === 'open') openGroups.push(childPath(base, 'groupPolicy'));
    const accounts = obj(ch.accounts);
    if (!accounts) continue;
    for (const acc of Object.keys(accounts)) {
      const a = obj(accounts[acc]);
      if (!a || a.enabled === false) continue;
      const at = childPath(childPath(base, 'accounts'), acc);
      if (a.dmPolicy === 'open') openDm.push(childPath(at, 'dmPolicy'));
      if (a.groupPolicy === 'open') openGroups.push(childPath(at, 'groupPolicy'));
    }
  }
  return { openDm, openGroups };
}

/**
 * Facts are memoised by the objects they read: resolved configs share sections, so a fleet
 * computes each distinct channel set and each distinct (agents defaults, agent list, tools)
 * combination once.
 */
const NO_VALUE = {};
const surfaceMemo = new WeakMap<object, { openDm: string[]; openGroups: string[] }>();
const viewMemo = new WeakMap<object, WeakMap<object, WeakMap<object, WeakMap<object, AgentView[]>>>>();

function memo<K extends object, V>(
  cache: WeakMap<object, V>,
  key: K | undefined,
  compute: (k: K | undefined) => V,
): V {
  if (key === undefined || !isShared(key)) return compute(key);
  let v = cache.get(key);
  if (v === undefined) {
    v = compute(key);
    cache.set(key, v);
  }
  return v;
}

/** The WeakMap under `key` in `cache`, made on first use. */
function level<V>(cache: WeakMap<object, WeakMap<object, V>>, key: object): WeakMap<object, V> {
  let v = cache.get(key);
  if (v === undefined) {
    v = new WeakMap();
    cache.set(key, v);
  }
  return v;
}

function agentViews(config: JsonObject): AgentView[] {
  const agents = obj(config.agents);
  const defaults = obj(agents?.defaults);
  const tools = obj(config.tools);
  const sandbox = obj(defaults?.sandbox);
  const list = listOf(agents?.list);
  const entries = obj(agents?.entries);
  if (unshared(tools) || unshared(sandbox) || unshared(list) || unshared(entries))
    return computeAgentViews(config);
  const byList = level(level(level(viewMemo, tools ?? NO_VALUE), sandbox ?? NO_VALUE), list ?? NO_VALUE);
  const key = entries ?? NO_VALUE;
  let views = byList.get(key);
  if (views === undefined) {
    views = computeAgentViews(config);
    byList.set(key, views);
  }
  return views;
}

function unshared(k: object | undefined): boolean {
  return k !== undefined && !isShared(k);
}

function listOf(v: JsonValue | undefined): object | undefined {
  return Array.isArray(v) ? v : undefined;
}

function computeAgentViews(config: JsonObject): AgentView[] {
  const agents = obj(config.agents);
  const defaults = obj(agents?.defaults);
  const tools = obj(config.tools);
  const views = [view('config.agents.defaults', defaults, undefined, defaults, tools)];
  const list = agents?.list;
  if (Array.isArray(list)) {
    list.forEach((a, i) => {
      const agent = obj(a);
      if (agent && (agent.sandbox !== undefined || agent.tools !== undefined)) {
        views.push(view(indexPath('config.agents.list', i), agent, agent, defaults, tools));
      }
    });
  }
  const entries = obj(agents?.entries);
  if (entries) {
    for (const id of Object.keys(entries)) {
      const agent = obj(entries[id]);
      if (agent && (agent.sandbox !== undefined || agent.tools !== undefined)) {
        views.push(view(childPath('config.agents.entries', id), agent, agent, defaults, tools));
      }
    }
  }
  return views;
}

function view(
  path: string,
  self: JsonObject | undefined,
  agent: JsonObject | undefined,
  defaults: JsonObject | undefined,
  tools: JsonObject | undefined,
): AgentView {
  const own = obj(self?.sandbox);
  const shared = obj(defaults?.sandbox);
  const ownMode = str(own?.mode);
  const sandboxMode = ownMode ?? str(shared?.mode) ?? 'off';
  const sandboxModePath =
    ownMode !== undefined || !agent ? `${path}.sandbox.mode` : 'config.agents.defaults.sandbox.mode';
  const network = (key: 'docker' | 'browser') => {
    const mine = str(obj(own?.[key])?.network);
    if (mine !== undefined) return { value: mine, path: `${path}.sandbox.${key}.network` };
    const theirs = agent ? str(obj(shared?.[key])?.network) : undefined;
    return theirs === undefined
      ? null
      : { value: theirs, path: `config.agents.defaults.sandbox.${key}.network` };
  };
  const binds: { value: string; path: string }[] = [];
  const addBinds = (sandbox: JsonObject | undefined, at: string) => {
    for (const key of ['docker', 'browser'] as const) {
      const list = obj(sandbox?.[key])?.binds;
      if (Array.isArray(list)) {
        list.forEach((b, i) => {
          if (typeof b === 'string')
            binds.push({ value: b, path: indexPath(`${at}.sandbox.${key}.binds`, i) });
        });
      }
    }
  };
  addBinds(own, path);
  if (agent) addBinds(shared, 'config.agents.defaults');
  const agentTools = agent ? obj(agent.tools) : undefined;
  const reach = toolReach(tools, agentTools);
  const elevatedOn = obj(tools?.elevated)?.enabled !== false && obj(agentTools?.elevated)?.enabled !== false;
  return {
    path,
    sandboxMode,
    sandboxModePath,
    dockerNetwork: network('docker'),
    browserNetwork: network('browser'),
    binds,
    runtime: reach.runtime,
    fs: reach.fs,
    fsWorkspaceOnly: obj(agentTools?.fs)?.workspaceOnly === true || obj(tools?.fs)?.workspaceOnly === true,
    elevated: elevatedOn && reach.exec,
    toolsPath: agent ? `${path}.tools` : 'config.tools',
  };
}
