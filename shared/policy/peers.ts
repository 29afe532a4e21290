import { isPlainObject, type JsonObject } from '../config/json.ts';
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
}

const NONE: readonly PeerInfo[] = Object.freeze([]);

export function buildPeerIndex(peers: readonly PeerInfo[]): PeerIndex {
  const byHost = new Map<string, PeerInfo[]>();
  const byPath = new Map<string, Map<string, PeerInfo[]>>();
  for (const p of peers) {
    const host = hostOf(p.placement);
    if (host === null) continue;
    if (p.gatewayPort !== undefined) {
      const list = byHost.get(host);
      if (list) list.push(p);
      else byHost.set(host, [p]);
    }
    let paths = byPath.get(host);
    if (!paths) {
      paths = new Map();
      byPath.set(host, paths);
    }
    for (const path of p.workspaces) addPath(paths, path, p);
    const stateDir = p.placement?.stateDir;
    if (stateDir) addPath(paths, stateDir, p);
  }
  for (const list of byHost.values()) list.sort((a, b) => (a.gatewayPort ?? 0) - (b.gatewayPort ?? 0));
  return {
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
      const list = byPath.get(host)?.get(path);
      return list === undefined || (list.length === 1 && list[0]?.key === self)
        ? NONE
        : list.filter((p) => p.key !== self);
    },
  };
}

function addPath(paths: Map<string, PeerInfo[]>, path: string, p: PeerInfo): void {
  const list = paths.get(path);
  if (!list) paths.set(path, [p]);
  else if (!list.includes(p)) list.push(p);
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
  if (!NEEDS_NORMALIZING.test(path)) return path;
  const p = path.trim().replace(/\/{2,}/g, '/');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
}
const NEEDS_NORMALIZING = /^\s|\s$|\/\/|.\/$/;

/** The explicitly configured workspaces of a config (agents.defaults and each agent). */
export function workspacesOf(config: JsonObject): string[] {
  const agents = isPlainObject(config.agents) ? config.agents : undefined;
  const out: string[] = [];
  const add = (a: unknown) => {
    if (isPlainObject(a) && typeof a.workspace === 'string' && a.workspace.trim() !== '')
      out.push(a.workspace);
  };
  add(agents?.defaults);
  if (Array.isArray(agents?.list)) agents.list.forEach(add);
  if (isPlainObject(agents?.entries)) Object.values(agents.entries).forEach(add);
  return out;
}

/** The gateway port a config listens on. */
export function gatewayPortOf(config: JsonObject): number {
  const g = isPlainObject(config.gateway) ? config.gateway : undefined;
  return typeof g?.port === 'number' ? g.port : DEFAULT_GATEWAY_PORT;
}
