import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'fleets' }
  | { name: 'fleet'; id: string }
  | { name: 'bot'; id: string }
  | { name: 'audit' }
  | { name: 'settings' }
  | { name: 'config' }
  | { name: 'policy' }
  | { name: 'secrets' }
  | { name: 'changesets' }
  | { name: 'changeset'; id: string }
  | { name: 'manifest'; kind: string; manifestName: string | null }
  | { name: 'not-found'; path: string };

/** The hashes of the pages; the shell opens the same ones (`#/fleets`, `#/fleets/:id`, `#/bots/:id`, `#/audit`). */
export const href = {
  fleets: (): string => '#/fleets',
  fleet: (id: string): string => `#/fleets/${encodeURIComponent(id)}`,
  bot: (id: string): string => `#/bots/${encodeURIComponent(id)}`,
  audit: (): string => '#/audit',
  settings: (): string => '#/settings',
  config: (): string => '#/config',
  policy: (): string => '#/policy',
  secrets: (): string => '#/secrets',
  changesets: (): string => '#/changesets',
  changeset: (id: string): string => `#/changesets/${encodeURIComponent(id)}`,
  /** A manifest's editor; `name` null for a new one of that kind. */
  manifest: (kind: string, name: string | null): string =>
    `#/config/${encodeURIComponent(kind)}/${name === null ? 'new' : `edit/${encodeURIComponent(name)}`}`,
};

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter((p) => p.length > 0);
  const [first, second, ...rest] = parts;
  if (first === 'config') {
    if (second === undefined) return { name: 'config' };
    const kind = decode(second);
    if (kind && rest.length === 1 && rest[0] === 'new') return { name: 'manifest', kind, manifestName: null };
    const n = rest.length === 2 && rest[0] === 'edit' && rest[1] !== undefined ? decode(rest[1]) : null;
    if (kind && n) return { name: 'manifest', kind, manifestName: n };
  }
  if (rest.length === 0) {
    if (first === undefined || (first === 'fleets' && second === undefined)) return { name: 'fleets' };
    if (first === 'audit' && second === undefined) return { name: 'audit' };
    if (first === 'settings' && second === undefined) return { name: 'settings' };
    if (first === 'policy' && second === undefined) return { name: 'policy' };
    if (first === 'secrets' && second === undefined) return { name: 'secrets' };
    if (first === 'changesets' && second === undefined) return { name: 'changesets' };
    const id = second === undefined ? null : decode(second);
    if (first === 'fleets' && id) return { name: 'fleet', id };
    if (first === 'bots' && id) return { name: 'bot', id };
    if (first === 'changesets' && id) return { name: 'changeset', id };
  }
  return { name: 'not-found', path };
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The page the location hash names. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    window.history.replaceState(window.history.state, '', to);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = to;
  }
}
