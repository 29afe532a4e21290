import { describe, expect, it } from 'vitest';
import { takeToken } from './token.ts';

function place(href: string) {
  const stored = new Map<string, string>();
  const urls: string[] = [];
  return {
    urls,
    place: {
      location: { href },
      history: {
        state: null,
        replaceState: (_s: unknown, _t: string, url?: string | URL | null) => urls.push(String(url)),
      },
      storage: {
        getItem: (k: string) => stored.get(k) ?? null,
        setItem: (k: string, v: string) => stored.set(k, v),
      },
    },
  };
}

describe('takeToken', () => {
  it('keeps the token from the URL and removes it from the address bar', () => {
    const p = place('http://127.0.0.1:5000/?token=abc&x=1#/audit');
    expect(takeToken(p.place)).toBe('abc');
    expect(p.urls).toEqual(['/?x=1#/audit']);
    p.place.location.href = 'http://127.0.0.1:5000/?x=1#/audit';
    expect(takeToken(p.place)).toBe('abc');
  });

  it('has none when the page was opened without one', () => {
    expect(takeToken(place('http://127.0.0.1:5000/').place)).toBeNull();
  });
});
