import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './router.ts';

describe('parseRoute', () => {
  it('answers to every hash the app and the shell link to', () => {
    expect(parseRoute('')).toEqual({ name: 'fleets' });
    expect(parseRoute(href.fleets())).toEqual({ name: 'fleets' });
    expect(parseRoute(href.fleet('a b/c'))).toEqual({ name: 'fleet', id: 'a b/c' });
    expect(parseRoute(href.bot('b1'))).toEqual({ name: 'bot', id: 'b1' });
    expect(parseRoute(href.audit())).toEqual({ name: 'audit' });
    expect(parseRoute(href.settings())).toEqual({ name: 'settings' });
    expect(parseRoute(href.secrets())).toEqual({ name: 'secrets' });
    expect(parseRoute(href.changesets())).toEqual({ name: 'changesets' });
    expect(parseRoute(href.changeset('cs 1'))).toEqual({ name: 'changeset', id: 'cs 1' });
  });

  it('names anything else as not found', () => {
    expect(parseRoute('#/preferences')).toEqual({ name: 'not-found', path: '/preferences' });
    expect(parseRoute('#/settings/aws')).toEqual({ name: 'not-found', path: '/settings/aws' });
    expect(parseRoute('#/secrets/x')).toEqual({ name: 'not-found', path: '/secrets/x' });
    expect(parseRoute('#/changesets/a/b')).toEqual({ name: 'not-found', path: '/changesets/a/b' });
    expect(parseRoute('#/fleets/%E0%A4%A')).toEqual({ name: 'not-found', path: '/fleets/%E0%A4%A' });
  });
});
