import { describe, expect, it } from 'vitest';
import type { BotManifest, OverlayManifest, ProfileManifest, TemplateManifest } from '../manifests/schema.ts';
import type { JsonObject } from './json.ts';
import { openclawConfigSchema } from './openclaw-model.ts';
import { explain, layerLabel } from './provenance.ts';
import { createResolver, type ManifestCatalog, type ResolveResult } from './resolve.ts';
import { validateOpenclawConfig } from './validate.ts';

const V = 'clawster.dev/v1';
const template = (
  name: string,
  config: JsonObject,
  extra: Partial<TemplateManifest['spec']> = {},
): TemplateManifest => ({
  apiVersion: V,
  kind: 'Template',
  metadata: { name },
  spec: { config, ...extra },
});
const profile = (name: string, config: JsonObject, locks: string[] = []): ProfileManifest => ({
  apiVersion: V,
  kind: 'Profile',
  metadata: { name },
  spec: { config, locks },
});
const overlay = (
  name: string,
  selector: OverlayManifest['spec']['selector'],
  config: JsonObject,
  priority = 0,
): OverlayManifest => ({
  apiVersion: V,
  kind: 'Overlay',
  metadata: { name },
  spec: { selector, priority, config },
});
const bot = (
  name: string,
  spec: Partial<BotManifest['spec']> = {},
  meta: Partial<BotManifest['metadata']> = {},
): BotManifest => ({
  apiVersion: V,
  kind: 'Bot',
  metadata: { name, fleet: 'Support', environment: 'prod', tags: [], ...meta },
  spec: { template: 'base', profile: 'prod', ...spec },
});

const catalog: ManifestCatalog = {
  templates: [template('base', { gateway: { port: 18789, bind: 'loopback' }, tools: { deny: ['browser'] } })],
  profiles: [
    profile('prod', { gateway: { auth: { mode: 'token' } }, tools: { profile: 'messaging' } }, [
      'config.gateway.auth',
      'config.gateway.bind',
    ]),
  ],
  overlays: [
    overlay('eu', { tags: ['eu'] }, { logging: { level: 'info' } }, 10),
    overlay('support-fleet', { fleets: ['support'] }, { logging: { level: 'debug' } }, 0),
    overlay('staging-only', { environments: ['staging'] }, { logging: { level: 'trace' } }),
    overlay('eu-gdpr', { tags: ['eu', 'gdpr'] }, { session: { dmScope: 'per-channel-peer' } }, 10),
  ],
};

function ok(r: ResolveResult) {
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.value;
}

describe('resolve', () => {
  it('applies template, profile, matching overlays by priority then name, then the bot', () => {
    const r = ok(
      createResolver(catalog).resolve(
        bot('a', { overrides: { config: { gateway: { port: 18809 } } } }, { tags: ['eu', 'gdpr'] }),
      ),
    );
    expect(r.layers.map(layerLabel)).toEqual([
      'Template/base',
      'Profile/prod',
      'Overlay/support-fleet',
      'Overlay/eu',
      'Overlay/eu-gdpr',
      'Bot/a',
    ]);
    expect(r.config).toEqual({
      gateway: { port: 18809, bind: 'loopback', auth: { mode: 'token' } },
      tools: { deny: ['browser'], profile: 'messaging' },
      logging: { level: 'info' },
      session: { dmScope: 'per-channel-peer' },
    });
  });

  it('matches overlays on fleet (case-insensitively), environment and all listed tags', () => {
    const r = createResolver(catalog);
    const names = (b: BotManifest, env?: 'dev' | 'staging' | 'prod') =>
      ok(r.resolve(b, env ? { environment: env } : {}))
        .layers.filter((l) => l.kind === 'Overlay')
        .map((l) => l.name);
    expect(names(bot('a', {}, { tags: ['eu'] }))).toEqual(['support-fleet', 'eu']);
    expect(names(bot('a', {}, { fleet: 'Other', tags: ['gdpr'] }))).toEqual([]);
    expect(names(bot('a', {}, { fleet: 'Other', environment: undefined }), 'staging')).toEqual([
      'staging-only',
    ]);
    expect(names(bot('a', { overlays: ['staging-only'] }, { fleet: 'Other' }))).toEqual(['staging-only']);
  });

  it('names for every leaf the layer that set it (Explain)', () => {
    const r = ok(
      createResolver(catalog).resolve(
        bot('a', { overrides: { config: { gateway: { port: 18809 } } } }, { tags: ['eu'] }),
      ),
    );
    const lines = Object.fromEntries(
      explain(r.config, r.provenance, 'config').map((l) => [l.path, l.layer && layerLabel(l.layer)]),
    );
    expect(lines).toEqual({
      'config.gateway.auth.mode': 'Profile/prod',
      'config.gateway.bind': 'Template/base',
      'config.gateway.port': 'Bot/a',
      'config.logging.level': 'Overlay/eu',
      'config.tools.deny': 'Template/base',
      'config.tools.profile': 'Profile/prod',
    });
  });

  it('refuses a lower layer that sets a locked path, naming the layer, the path and the lock', () => {
    const r = createResolver(catalog).resolve(
      bot('a', { overrides: { config: { gateway: { auth: { mode: 'none' } } } } }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      {
        code: 'LOCKED',
        layer: { kind: 'Bot', name: 'a' },
        path: 'config.gateway.auth.mode',
        lock: { path: 'config.gateway.auth', layer: { kind: 'Profile', name: 'prod' } },
        message: 'Bot/a sets config.gateway.auth.mode, which Profile/prod locks (lock: config.gateway.auth)',
      },
    ]);
    expect(r.partial?.config.gateway).toEqual({ port: 18789, bind: 'loopback', auth: { mode: 'none' } });
  });

  it('refuses an overlay that removes or replaces a locked subtree, and allows restating a locked value', () => {
    const locked = (o: OverlayManifest) => createResolver({ ...catalog, overlays: [o] }).resolve(bot('a'));
    const removes = locked(overlay('x', {}, { gateway: null }));
    expect(
      !removes.ok &&
        removes.problems.map((p) => [layerLabel(p.layer), p.path, p.code === 'LOCKED' && p.lock.path]),
    ).toEqual([
      ['Overlay/x', 'config.gateway', 'config.gateway.auth'],
      ['Overlay/x', 'config.gateway', 'config.gateway.bind'],
    ]);
    const restates = locked(overlay('x', {}, { gateway: { bind: 'loopback', auth: { mode: 'token' } } }));
    expect(restates.ok).toBe(true);
    const adds = locked(overlay('x', {}, { gateway: { auth: { token: 'new' } } }));
    expect(!adds.ok && adds.problems.map((p) => p.path)).toEqual(['config.gateway.auth.token']);
  });

  it('does not hold locks against the template, which comes before the profile', () => {
    const t = template('base', { gateway: { auth: { mode: 'password' } } });
    const r = ok(createResolver({ ...catalog, templates: [t] }).resolve(bot('a')));
    expect(r.config.gateway).toEqual({ auth: { mode: 'token' } });
  });

  it('reports references to manifests that do not exist', () => {
    const r = createResolver(catalog).resolve(
      bot('a', { template: 'nope', profile: 'gone', overlays: ['missing'] }),
    );
    expect(!r.ok && r.problems.map((p) => p.message)).toEqual([
      'Bot/a refers to Overlay/missing, which does not exist',
      'Bot/a refers to Template/nope, which does not exist',
      'Bot/a refers to Profile/gone, which does not exist',
    ]);
  });

  it('needs an environment, and the bot and its fleet must agree on it', () => {
    const r = createResolver(catalog);
    expect(r.resolve(bot('a', {}, { environment: undefined })).ok).toBe(false);
    expect(r.resolve(bot('a'), { environment: 'dev' }).ok).toBe(false);
    expect(r.resolve(bot('a', {}, { environment: undefined }), { environment: 'dev' }).ok).toBe(true);
  });

  it('keeps keys the OpenClaw model does not know, and the meta block, untouched', () => {
    const meta = { lastTouchedVersion: '2026.9.6', lastTouchedAt: '2026-09-20T10:00:00.000Z' };
    const t = template('base', {
      meta,
      gateway: { port: 18789, futureKnob: { nested: [1, 2, 3] } },
      someFutureSection: { enabled: true, x: 'y' },
      channels: { slack: { enabled: true, brandNewOption: 'kept' } },
    });
    const r = ok(
      createResolver({ templates: [t], profiles: [], overlays: [] }).resolve(
        bot('a', { profile: undefined }),
      ),
    );
    expect(r.config).toEqual(t.spec.config);
    expect(validateOpenclawConfig(r.config)).toEqual([]);
    expect(openclawConfigSchema.parse(r.config)).toEqual(r.config);
  });

  it('resolves the shared layers once for bots that share them', () => {
    const r = createResolver(catalog);
    const a = ok(r.resolve(bot('a', { overrides: { config: { gateway: { port: 18809 } } } })));
    const b = ok(r.resolve(bot('b', { overrides: { config: { gateway: { port: 18829 } } } })));
    expect(a.config.tools).toBe(b.config.tools);
    expect(a.config.gateway).not.toBe(b.config.gateway);
  });
});
