/**
 * The manifest store through the control plane, on a real SQLite file with a fixed clock: apply
 * (all or nothing, behind the policy gate), dry runs, versions and diffs, delete, explain, the
 * fleet evaluation, and export -> import into a fresh data directory -> export giving the same files.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startControlPlane, type TestControlPlane } from '../support/control-plane.ts';

const V = 'apiVersion: clawster.dev/v1';
const profile = (extra = '') => `${V}
kind: Profile
metadata:
  name: hardened
spec:
  locks: [config.agents.defaults.sandbox.mode]
  config:
    agents:
      defaults:
        sandbox:
          mode: all
    logging:
      level: warn${extra}
`;
const bot = (name: string, extra = '') => `${V}
kind: Bot
metadata:
  name: ${name}
  fleet: Prod
spec:
  template: minimal
  profile: hardened${extra}
`;
const overlay = `${V}
kind: Overlay
metadata:
  name: eu
spec:
  selector:
    tags: [eu]
  priority: 10
  config:
    session:
      dmScope: per-channel-peer
`;

let t: TestControlPlane;
let fleetId = '';
beforeEach(async () => {
  t = startControlPlane();
  fleetId = (await t.call('fleet.create', { name: 'Prod', environment: 'prod' })).id;
});
afterEach(() => t.cleanup());

const apply = (text: string, dryRun = false, name = 'fleet.yaml') =>
  t.call('manifest.apply', { files: [{ name, text }], dryRun });

async function refused(text: string) {
  const before = t.snapshot();
  t.events.length = 0;
  const error = await t.fail('manifest.apply', { files: [{ name: 'fleet.yaml', text }] });
  expect(t.snapshot()).toBe(before);
  expect(t.events).toEqual([]);
  return error;
}

describe('manifest.apply', () => {
  it('creates manifests and the bots they describe, versioned and audited, and re-applying changes nothing', async () => {
    const plan = await apply(`${profile()}---\n${bot('alpha')}`);
    expect(plan.applied).toBe(true);
    expect(plan.manifests.map((m) => `${m.action} ${m.kind}/${m.name} v${m.version}`)).toEqual([
      'create Profile/hardened v1',
      'create Bot/alpha v1',
    ]);
    expect(plan.bots).toMatchObject([{ fleetName: 'Prod', name: 'alpha', action: 'create', blocked: false }]);
    expect(plan.bots[0]?.configDiff.map((c) => c.path)).toEqual(
      expect.arrayContaining(['config.agents', 'config.gateway']),
    );
    const bots = await t.call('bot.list', { fleetId });
    expect(bots.map((b) => b.name)).toEqual(['alpha']);
    const actions = (await t.call('audit.list', {})).events.map((e) => `${e.action} ${e.resourceType}`);
    expect(actions).toEqual(expect.arrayContaining(['manifest.apply manifest', 'bot.create bot']));
    expect(t.events.filter((e) => e.event === 'manifest.changed')).toHaveLength(2);

    const listed = await t.call('manifest.list', {});
    expect(listed.filter((m) => m.builtin).map((m) => m.name)).toEqual([
      'minimal',
      'slack-bot',
      'webhook-bot',
      'telegram',
      'discord',
    ]);
    expect(listed.filter((m) => !m.builtin).map((m) => `${m.kind}/${m.name} v${m.version}`)).toEqual([
      'Bot/alpha v1',
      'Profile/hardened v1',
    ]);

    const before = t.snapshot();
    const again = await apply(`${profile()}---\n${bot('alpha')}`);
    expect(again.manifests.map((m) => m.action)).toEqual(['unchanged', 'unchanged']);
    expect(again.botsChanged).toBe(0);
    expect(t.snapshot()).toBe(before);
  });

  it('plans without writing on a dry run', async () => {
    const before = t.snapshot();
    const plan = await apply(`${profile()}---\n${bot('alpha')}`, true);
    expect(plan).toMatchObject({ dryRun: true, applied: false, botsChanged: 1, refusals: [] });
    expect(t.snapshot()).toBe(before);
  });

  it('refuses invalid YAML with the file and line, and changes nothing', async () => {
    const error = await refused(`${V}\nkind: Profile\nmetadata:\n  name: [broken\n`);
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.[0]?.path).toMatch(/^fleet\.yaml#1 \(line \d+/);
  });

  it('refuses a field the profile locks, naming the layer, the path and the lock', async () => {
    await apply(profile());
    const error = await refused(
      bot(
        'alpha',
        '\n  overrides:\n    config:\n      agents:\n        defaults:\n          sandbox:\n            mode: off',
      ),
    );
    expect(error.code).toBe('PRECONDITION');
    expect(error.message).toMatch(
      /Bot Prod\/alpha: Bot\/alpha sets config\.agents\.defaults\.sandbox\.mode, which Profile\/hardened locks/,
    );
  });

  it('refuses a config with a critical finding in production, naming the rule, and writes nothing', async () => {
    const open = `${V}
kind: Bot
metadata:
  name: alpha
  fleet: Prod
spec:
  template: minimal
  overrides:
    config:
      gateway:
        bind: lan
        auth:
          mode: none
`;
    const error = await refused(open);
    expect(error.code).toBe('PRECONDITION');
    expect(error.message).toMatch(/gateway\.(bind_no_auth|auth_none) \(critical\)/);
    const plan = error.details?.plan as { bots: { blocked: boolean; findings: { ruleId: string }[] }[] };
    expect(plan.bots[0]?.blocked).toBe(true);
  });

  it('lets a recorded exception waive that critical finding', async () => {
    const sandboxOff =
      bot('alpha', '').replace('  profile: hardened\n', '') +
      '  overrides:\n    config:\n      agents:\n        defaults:\n          sandbox:\n            mode: "off"\n';
    const first = await refused(sandboxOff);
    expect(first.message).toMatch(/sandbox\.off \(critical\)/);
    await t.call('fleet.update', { id: fleetId });
    await t.call('policy.exception.create', {
      ruleId: 'sandbox.off',
      scope: 'fleet',
      id: fleetId,
      reason: 'Trusted internal fleet',
      expiresAt: new Date(t.clock.now().getTime() + 30 * 86400_000).toISOString(),
    });
    const plan = await apply(sandboxOff);
    expect(plan.applied).toBe(true);
    expect(plan.bots[0]?.findings.find((f) => f.ruleId === 'sandbox.off')?.exception?.reason).toBe(
      'Trusted internal fleet',
    );
  });

  it('refuses plaintext secrets, built-in names, unknown fleets without an environment, and repeats', async () => {
    const secret = await refused(
      bot(
        'alpha',
        '\n  overrides:\n    config:\n      channels:\n        telegram:\n          botToken: "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789"',
      ),
    );
    expect(secret.code).toBe('VALIDATION');
    expect(secret.message).toMatch(/references/);
    const builtin = await refused(`${V}\nkind: Template\nmetadata:\n  name: minimal\nspec:\n  config: {}\n`);
    expect(builtin.message).toMatch(/"minimal" is a built-in template/);
    const fleetless = await refused(bot('alpha').replace('fleet: Prod', 'fleet: Nowhere'));
    expect(fleetless.message).toMatch(/no fleet "Nowhere".*metadata\.environment/);
    const twice = await refused(`${profile()}---\n${profile()}`);
    expect(twice.issues).toEqual([
      {
        path: 'fleet.yaml#2: metadata.name',
        message: 'Profile/hardened is defined twice (first in fleet.yaml, document 0)',
      },
    ]);
  });

  it('creates a missing fleet when the Bot manifest gives its environment', async () => {
    await apply(profile());
    const plan = await apply(bot('alpha').replace('fleet: Prod', 'fleet: Lab\n  environment: dev'));
    expect(plan.applied).toBe(true);
    const lab = (await t.call('fleet.list', {})).find((f) => f.name === 'Lab');
    expect(lab).toMatchObject({ environment: 'dev', botCount: 1 });
  });
});

describe('versions, delete, explain and evaluation', () => {
  it('keeps every version, diffs two of them, and records a deletion', async () => {
    await apply(profile());
    await apply(profile().replace('level: warn', 'level: info'));
    const ref = { kind: 'Profile' as const, name: 'hardened' };
    expect((await t.call('manifest.versions', { ref })).map((v) => v.version)).toEqual([2, 1]);
    const diff = await t.call('manifest.diff', { ref, from: 1, to: 2 });
    expect(diff.diff).toEqual([
      { path: 'spec.config.logging.level', kind: 'changed', before: 'warn', after: 'info' },
    ]);
    await t.call('manifest.delete', { ref });
    expect((await t.call('manifest.versions', { ref }))[0]).toMatchObject({ version: 3, deleted: true });
    expect((await t.fail('manifest.get', { ref })).code).toBe('NOT_FOUND');
    expect((await t.fail('manifest.delete', { ref: { kind: 'Template', name: 'minimal' } })).code).toBe(
      'FORBIDDEN',
    );
  });

  it('refuses to delete a profile bots use, naming them', async () => {
    await apply(`${profile()}---\n${bot('alpha')}`);
    const error = await t.fail('manifest.delete', { ref: { kind: 'Profile', name: 'hardened' } });
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(error.message).toMatch(/used by 1 bot \(Prod\/alpha\)/);
  });

  it('explains each value of a bot with the layer that set it', async () => {
    await apply(
      `${profile()}---\n${overlay}---\n${bot('alpha').replace('fleet: Prod', 'fleet: Prod\n  tags: [eu]')}`,
    );
    const [alpha] = await t.call('bot.list', { fleetId });
    const x = await t.call('bot.explain', { id: alpha?.id ?? '' });
    expect(x.configured).toBe(true);
    expect(x.layers.map((l) => `${l.kind} ${l.name}`)).toEqual([
      'Template minimal',
      'Profile hardened',
      'Overlay eu',
    ]);
    const by = (path: string) => x.lines.find((l) => l.path === path)?.layer;
    expect(by('config.agents.defaults.sandbox.mode')).toEqual({ kind: 'Profile', name: 'hardened' });
    expect(by('config.session.dmScope')).toEqual({ kind: 'Overlay', name: 'eu' });
    expect(alpha?.tags).toEqual(['eu']);
  });

  it('evaluates every bot of a fleet, configured or not', async () => {
    await apply(`${profile()}---\n${bot('alpha')}`);
    await t.call('bot.create', { fleetId, name: 'bare' });
    const e = await t.call('policy.evaluateFleet', { fleetId });
    expect(e.bots.map((b) => [b.name, b.configured, b.blocked])).toEqual([
      ['alpha', true, false],
      ['bare', false, false],
    ]);
  });
});

describe('manifest.export', () => {
  it('exports files that re-import into a fresh data directory as the same state', async () => {
    await apply(
      `${profile()}---\n${overlay}---\n${bot('alpha')}---\n${bot('beta').replace('fleet: Prod', 'fleet: Prod\n  tags: [eu]')}`,
    );
    const exported = await t.call('manifest.export', {});
    expect(exported.files.map((f) => f.path)).toEqual([
      'bots/Prod/alpha.yaml',
      'bots/Prod/beta.yaml',
      'overlays/eu.yaml',
      'profiles/hardened.yaml',
    ]);
    const fresh = startControlPlane();
    try {
      const plan = await fresh.call('manifest.apply', {
        files: exported.files.map((f) => ({ name: f.path, text: f.text })),
      });
      expect(plan.applied).toBe(true);
      expect((await fresh.call('fleet.list', {})).map((f) => [f.name, f.environment, f.botCount])).toEqual([
        ['Prod', 'prod', 2],
      ]);
      expect(await fresh.call('manifest.export', {})).toEqual(exported);
    } finally {
      fresh.cleanup();
    }
    const same = await t.call('manifest.apply', {
      files: exported.files.map((f) => ({ name: f.path, text: f.text })),
    });
    expect(same.manifests.every((m) => m.action === 'unchanged')).toBe(true);
  });
});
