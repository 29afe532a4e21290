import { isPlainObject, type JsonObject, type JsonValue } from '../config/json.ts';
import type { PeerInfo, Placement } from './types.ts';

/** OpenClaw's default gateway port. */
export const DEFAULT_GATEWAY_PORT = 18789;
/** Local bots on one host need gateway ports at least this far apart (OpenClaw derives ports from it). */
export const PORT_SPACING = 20;

/**
 * An index of the bots that cross-bot rules compare against: local bots by host and port, and
 * every bot's workspaces and state directory by path. Built once for a whole fleet, so checking
 * 10,000 bots is not 10,000 x 10,000 comparisons. A bot never conflicts with itself (same key).
 */
export interface PeerIndex {
  /** Local bots on `host` whose gateway port is less than PORT_SPACING from `port`. */
  nearPorts(host: string, port: number, self: string): readonly PeerInfo[];
  /** Bots on `host` that use `path` (normalised, see normalizeDir) as a workspace or state directory. */
  sharingPath(host: string, path: string, self: string): readonly PeerInfo[];
  /**
   * Whether another bot (another key) may be near `self`'s port (`ports`) or use one of its paths
   * (`paths`): found while building, so clean bots need no lookup. `self` must be one of the
   * objects the index was built from.
   */
  mayClash(self: PeerInfo, what: 'ports' | 'paths'): boolean;
}

const PORTS = 1;
const PATHS = 2;

const NONE: readonly PeerInfo[] = Object.freeze([]);

export function buildPeerIndex(peers: readonly PeerInfo[]): PeerIndex {
  const byHost = new Map<string, PeerInfo[]>();
  /** By host, then path: the one bot using it, or every bot when several do (the rare case). */
  const byPath = new Map<string, Map<string, PeerInfo | PeerInfo[]>>();
  /** The clashes (PORTS, PATHS) of the few bots that have any. */
  const clashes = new Map<PeerInfo, number>();
  const clash = (a: PeerInfo, what: number) => clashes.set(a, (clashes.get(a) ?? 0) | what);
  for (let i = 0; i < peers.length; i++) {
    const p = peers[i] as PeerInfo;
    const host = hostOf(p.placement);
    if (host === null) continue;
    if (p.gatewayPort === undefined)
      clash(p, PORTS); // checked at the default port: look it up
    else {
      const list = byHost.get(host);
      if (list) list.push(p);
      else byHost.set(host, [p]);
    }
    let paths = byPath.get(host);
    if (!paths) {
      paths = new Map();
      byPath.set(host, paths);
    }
    const workspaces = p.workspaces;
    for (let w = 0; w < workspaces.length; w++) addPath(paths, workspaces[w] as string, p, clash);
    const stateDir = p.placement?.stateDir;
    if (stateDir) addPath(paths, stateDir, p, clash);
  }
  for (const list of byHost.values()) {
    list.sort((a, b) => (a.gatewayPort ?? 0) - (b.gatewayPort ?? 0));
    // Sorted by port: each bot is compared with the few after it within PORT_SPACING.
    for (let i = 0; i < list.length; i++) {
      const a = list[i] as PeerInfo;
      for (let j = i + 1; j < list.length; j++) {
        const b = list[j] as PeerInfo;
        if ((b.gatewayPort ?? 0) - (a.gatewayPort ?? 0) >= PORT_SPACING) break;
        if (a.key !== b.key) {
          clash(a, PORTS);
          clash(b, PORTS);
        }
      }
    }
  }
  return {
    mayClash(self, what) {
      const found = clashes.get(self);
      return found !== undefined && (found & (what === 'ports' ? PORTS : PATHS)) !== 0;
    },
    nearPorts(host, port, self) {
      const list = byHost.get(host);
      if (!list) return NONE;
      let out: PeerInfo[] | null = null;
      for (let i = lowerBound(list, port - PORT_SPACING + 1); i < list.length; i++) {
        const p = list[i];
        if (!p || (p.gatewayPort ?? 0) > port + PORT_SPACING - 1) break;
        if (p.key !== self) {
          out ??= [];
          out.push(p);
        }
      }
      return out ?? NONE;
    },
    sharingPath(host, path, self) {
      const users = byPath.get(host)?.get(path);
      if (users === undefined) return NONE;
      const others = (Array.isArray(users) ? users : [users]).filter((p) => p.key !== self);
      return others.length > 0 ? others : NONE;
    },
  };
}

function addPath(
  paths: Map<string, PeerInfo | PeerInfo[]>,
  path: string,
  p: PeerInfo,
  clash: (a: PeerInfo, what: number) => void,
): void {
  const users = paths.get(path);
  if (users === undefined) {
    paths.set(path, p);
    return;
  }
  const list = Array.isArray(users) ? users : [users];
  if (list.includes(p)) return;
  for (const other of list) {
    if (other.key !== p.key) {
      clash(other, PATHS);
      clash(p, PATHS);
    }
  }
  list.push(p);
  if (list !== users) paths.set(path, list);
}

function lowerBound(list: readonly PeerInfo[], port: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.gatewayPort ?? 0) < port) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The host a bot's files live on: local bots share a machine; ECS bots have their own. */
export function hostOf(placement: Placement | undefined): string | null {
  if (placement?.target !== 'local') return null;
  return placement.host ?? 'localhost';
}

/** Trims, collapses repeated slashes and drops a trailing slash. `~` is compared literally. */
export function normalizeDir(path: string): string {
  if (!needsNormalizing(path)) return path;
  const p = path.trim().replace(/\/{2,}/g, '/');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
}

/** Leading or trailing space, `//`, or a trailing slash after something: checked without a regex. */
function needsNormalizing(path: string): boolean {
  const n = path.length;
  if (n === 0) return false;
  if (isSpace(path.charCodeAt(0)) || isSpace(path.charCodeAt(n - 1))) return true;
  if (n > 1 && path.charCodeAt(n - 1) === SLASH) return true;
  return path.includes('//');
}
const SLASH = 47;
const SPACE = /\s/;
function isSpace(code: number): boolean {
  return code <= 32
    ? code === 32 || (code >= 9 && code <= 13)
    : code > 127 && SPACE.test(String.fromCharCode(code));
}

/** The explicitly configured workspaces of a config (agents.defaults and each agent). */
export function workspacesOf(config: JsonObject): readonly string[] {
  const agents = isPlainObject(config.agents) ? config.agents : undefined;
  if (agents === undefined) return NO_DIRS;
  const own = workspaceOf(agents.defaults);
  const list = Array.isArray(agents.list) ? agents.list : undefined;
  const entries = isPlainObject(agents.entries) ? agents.entries : undefined;
  // The common case (one workspace in agents.defaults, no agents of their own) builds one array.
  if (list === undefined && entries === undefined) return own === undefined ? NO_DIRS : [own];
  const out: string[] = own === undefined ? [] : [own];
  for (const a of list ?? NO_DIRS) {
    const w = workspaceOf(a);
    if (w !== undefined) out.push(w);
  }
  for (const id in entries) {
    const w = Object.hasOwn(entries, id) ? workspaceOf(entries[id]) : undefined;
    if (w !== undefined) out.push(w);
  }
  return out;
}
const NO_DIRS: readonly string[] = Object.freeze([]);

function workspaceOf(agent: JsonValue | undefined): string | undefined {
  if (!isPlainObject(agent)) return undefined;
  const w = agent.workspace;
  return typeof w === 'string' && w.trim() !== '' ? w : undefined;
}

/** The gateway port a config listens on. */
export function gatewayPortOf(config: JsonObject): number {
  const g = isPlainObject(config.gateway) ? config.gateway : undefined;
  return typeof g?.port === 'number' ? g.port : DEFAULT_GATEWAY_PORT;
}
