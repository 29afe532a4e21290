import { describe, expect, it } from 'vitest';
import type { ApplyPlan } from '../../shared/domain/manifest.ts';
import { formatPlan, planExitCode } from './plan-format.ts';

const finding = {
  ruleId: 'gateway.auth_none',
  severity: 'critical' as const,
  title: 'Gateway auth is off',
  why: 'Anyone who reaches the port controls the bot.',
  fix: 'Set gateway.auth.mode to token.',
  path: 'gateway.auth.mode',
};

const bot: ApplyPlan['bots'][number] = {
  fleetName: 'Payments',
  name: 'checkout',
  action: 'create',
  configDiff: [{ path: 'gateway.auth.mode', kind: 'added', after: 'none' }],
  problems: [],
  findings: [finding],
  blocked: true,
};

const plan = (over: Partial<ApplyPlan> = {}): ApplyPlan => ({
  dryRun: true,
  applied: false,
  manifests: [
    {
      kind: 'Profile',
      name: 'prod',
      action: 'update',
      version: 3,
      diff: [{ path: 'spec.config.gateway.port', kind: 'changed', before: 18789, after: 18800 }],
    },
    { kind: 'Template', name: 'base', action: 'unchanged', version: 1, diff: [] },
    {
      kind: 'Bot',
      name: 'checkout',
      fleetName: 'Payments',
      action: 'create',
      version: 1,
      diff: [{ path: 'spec.template', kind: 'added', after: 'base' }],
    },
  ],
  bots: [bot],
  botsChanged: 3,
  refusals: [],
  ...over,
});

describe('formatPlan', () => {
  it('prints each manifest with its action, version and diff, then each bot with its config diff and findings', () => {
    const text = formatPlan(plan());
    expect(text).toContain(
      '  update    Profile/prod (v3)\n      ~ spec.config.gateway.port: 18789 -> 18800\n',
    );
    expect(text).toContain('  unchanged Template/base (v1)\n');
    expect(text).toContain('  create    Bot/checkout (v1, fleet Payments)\n      + spec.template: "base"\n');
    expect(text).toContain('  create    Payments/checkout [BLOCKED]\n      + gateway.auth.mode: "none"\n');
    expect(text).toContain(
      [
        '      CRITICAL gateway.auth_none at gateway.auth.mode: Gateway auth is off',
        '        why: Anyone who reaches the port controls the bot.',
        '        fix: Set gateway.auth.mode to token.',
      ].join('\n'),
    );
    expect(text).toContain('  … and 2 more bots');
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'Dry run: the apply would change 2 manifests and 3 bot configs. Nothing was changed.',
    );
  });

  it('lists the refusals and says nothing changed', () => {
    const refused = plan({ dryRun: false, refusals: ['Payments/checkout: gateway.auth_none is critical'] });
    const text = formatPlan(refused);
    expect(text).toContain('Refused:\n  - Payments/checkout: gateway.auth_none is critical\n');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Refused: nothing was changed.');
    expect(planExitCode(refused)).toBe(1);
    expect(planExitCode(plan({ refusals: ['x'] }))).toBe(1);
  });

  it('shows a waived finding with its exception, and exits 0 for a clean dry run or an apply', () => {
    const exception = {
      ruleId: finding.ruleId,
      scope: 'bot' as const,
      id: 'b1',
      reason: 'lab',
      expiresAt: '2026-04-01T00:00:00.000Z',
    };
    const waived = plan({
      dryRun: false,
      applied: true,
      bots: [{ ...bot, findings: [{ ...finding, exception }], blocked: false }],
    });
    const text = formatPlan(waived);
    expect(text).toContain('waived by an exception until 2026-04-01T00:00:00.000Z: lab');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Applied: changed 2 manifests and 3 bot configs.');
    expect(planExitCode(waived)).toBe(0);
    expect(planExitCode(plan())).toBe(0);
  });

  it('cuts long values short on one line', () => {
    const long = 'x'.repeat(500);
    const text = formatPlan(
      plan({
        manifests: [
          {
            kind: 'Template',
            name: 't',
            action: 'create',
            version: 1,
            diff: [{ path: 'a', kind: 'added', after: long }],
          },
        ],
        bots: [],
        botsChanged: 0,
      }),
    );
    const line = text.split('\n').find((l) => l.includes('+ a:')) ?? '';
    expect(line.length).toBeLessThan(140);
    expect(line.endsWith('…')).toBe(true);
  });
});
