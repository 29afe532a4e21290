const STORAGE_KEY = 'clawster.token';

export interface TokenPlace {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * The host's per-launch access token. It arrives once in the URL (`?token=...`), is kept in
 * sessionStorage for reloads of this tab, and is removed from the visible URL so it does not
 * end up in screenshots, bookmarks or the history list.
 */
export function takeToken(place: TokenPlace): string | null {
  const url = new URL(place.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    place.storage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    place.history.replaceState(place.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return place.storage.getItem(STORAGE_KEY);
}
