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
  nearPorts(host: string, port: number, self: string): PeerInfo[];
  /** Bots on `host` that use `path` as a workspace or state directory. */
  sharingPath(host: string, path: string, self: string): PeerInfo[];
}

export function buildPeerIndex(peers: readonly PeerInfo[]): PeerIndex {
  const byHost = new Map<string, { port: number; peer: PeerInfo }[]>();
  const byPath = new Map<string, PeerInfo[]>();
  for (const p of peers) {
    const host = hostOf(p.placement);
    if (host === null) continue;
    if (p.placement?.target === 'local' && p.gatewayPort !== undefined) {
      const list = byHost.get(host) ?? [];
      list.push({ port: p.gatewayPort, peer: p });
      byHost.set(host, list);
    }
    for (const path of pathsOf(p)) {
      const key = `${host}\u0000${path}`;
      const list = byPath.get(key) ?? [];
      if (!list.includes(p)) list.push(p);
      byPath.set(key, list);
    }
  }
  for (const list of byHost.values()) list.sort((a, b) => a.port - b.port);
  return {
    nearPorts(host, port, self) {
      const list = byHost.get(host);
      if (!list) return [];
      const out: PeerInfo[] = [];
      let i = lowerBound(list, port - PORT_SPACING + 1);
      for (; i < list.length; i++) {
        const e = list[i];
        if (!e || e.port > port + PORT_SPACING - 1) break;
        if (e.peer.key !== self) out.push(e.peer);
      }
      return out;
    },
    sharingPath(host, path, self) {
      return (byPath.get(`${host}\u0000${normalizeDir(path)}`) ?? []).filter((p) => p.key !== self);
    },
  };
}

function lowerBound(list: readonly { port: number }[], port: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.port ?? 0) < port) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The host a bot's files live on: local bots share a machine; ECS bots have their own. */
export function hostOf(placement: Placement | undefined): string | null {
  if (placement?.target !== 'local') return null;
  return placement.host ?? 'localhost';
}

function pathsOf(p: PeerInfo): string[] {
  const out = p.workspaces.map(normalizeDir);
  if (p.placement?.stateDir) out.push(normalizeDir(p.placement.stateDir));
  return out;
}

/** Trims, collapses repeated slashes and drops a trailing slash. `~` is compared literally. */
export function normalizeDir(path: string): string {
  const p = path.trim().replace(/\/{2,}/g, '/');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
}

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
