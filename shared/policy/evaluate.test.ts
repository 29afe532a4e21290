import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../config/json.ts';
import { environments } from '../domain/fleet.ts';
import { evaluate, evaluateFleet } from './evaluate.ts';
import { packs, ruleIds } from './packs.ts';
import type { PolicyContext, PolicyException, Severity } from './types.ts';

/** `${NAME}`: OpenClaw's env substitution, written without a template literal. */
const env = (name: string) => ['$', '{', name, '}'].join('');

const NOW = '2026-10-01T00:00:00Z';
/** Sandbox off: info in dev, warn in staging, critical in prod. */
const sandboxOff: JsonObject = {
  gateway: { auth: { mode: 'token', token: `${env('OPENCLAW_GATEWAY_TOKEN')}` } },
  agents: { defaults: { sandbox: { mode: 'off' } } },
  tools: { profile: 'messaging', elevated: { enabled: false } },
};
const ctx = (environment: PolicyContext['environment']): PolicyContext => ({
  environment,
  botName: 'alpha',
  botId: 'bot-alpha',
  fleetId: 'fleet-1',
  openclawVersion: '2026.9.6',
});
const exception = (over: Partial<PolicyException> = {}): PolicyException => ({
  ruleId: 'sandbox.off',
  scope: 'bot',
  id: 'bot-alpha',
  reason: 'Docker is not available on this host until the migration',
  expiresAt: '2026-11-01T00:00:00Z',
  ...over,
});

describe('policy packs', () => {
  it('give every rule a severity in every environment', () => {
    for (const env of environments)
      expect(Object.keys(packs[env].severities).sort()).toEqual([...ruleIds].sort());
  });

  it('are at least as strict in staging as in dev, and in prod as in staging', () => {
    const rank = (s: Severity | 'off') => ({ off: 0, info: 1, warn: 2, critical: 3 })[s];
    for (const id of ruleIds) {
      const [dev, staging, prod] = environments.map((e) => rank(packs[e].severities[id] ?? 'off'));
      expect(staging).toBeGreaterThanOrEqual(dev ?? 0);
      expect(prod).toBeGreaterThanOrEqual(staging ?? 0);
    }
  });

  it('block production on what dev only reports', () => {
    const sev = (env: PolicyContext['environment']) => {
      const e = evaluate({ config: sandboxOff }, ctx(env), { now: NOW });
      return [e.findings.find((f) => f.ruleId === 'sandbox.off')?.severity, e.blocked];
    };
    expect(sev('dev')).toEqual(['info', false]);
    expect(sev('staging')).toEqual(['warn', false]);
    expect(sev('prod')).toEqual(['critical', true]);
  });
});

describe('evaluate', () => {
  it('orders findings critical first and counts them', () => {
    const e = evaluate(
      { config: { ...sandboxOff, channels: { slack: { dmPolicy: 'open' } } } },
      ctx('staging'),
      { now: NOW },
    );
    const order = e.findings.map((f) => f.severity);
    expect(order).toEqual(
      [...order].sort(
        (a, b) => ['critical', 'warn', 'info'].indexOf(a) - ['critical', 'warn', 'info'].indexOf(b),
      ),
    );
    expect(e.counts.warn).toBe(e.findings.filter((f) => f.severity === 'warn').length);
  });

  it('lets an unexpired exception for the bot waive a critical finding, and says so', () => {
    const e = evaluate({ config: sandboxOff }, ctx('prod'), { now: NOW, exceptions: [exception()] });
    const f = e.findings.find((x) => x.ruleId === 'sandbox.off');
    expect(f?.exception?.reason).toContain('Docker');
    expect(e.blocked).toBe(false);
  });

  it('applies a fleet exception to every bot of that fleet only', () => {
    const ex = [exception({ scope: 'fleet', id: 'fleet-1' })];
    expect(evaluate({ config: sandboxOff }, ctx('prod'), { now: NOW, exceptions: ex }).blocked).toBe(false);
    expect(
      evaluate({ config: sandboxOff }, { ...ctx('prod'), fleetId: 'fleet-2' }, { now: NOW, exceptions: ex })
        .blocked,
    ).toBe(true);
  });

  it('ignores an expired exception but reports it', () => {
    const ex = [exception({ expiresAt: '2026-09-30T23:59:59Z' })];
    const e = evaluate({ config: sandboxOff }, ctx('prod'), { now: NOW, exceptions: ex });
    expect(e.blocked).toBe(true);
    expect(e.findings.find((f) => f.ruleId === 'sandbox.off')?.expiredException).toEqual(ex[0]);
  });

  it('does not let an exception for one rule or one bot waive another', () => {
    const other = [exception({ ruleId: 'gateway.auth_none' }), exception({ id: 'bot-beta' })];
    expect(evaluate({ config: sandboxOff }, ctx('prod'), { now: NOW, exceptions: other }).blocked).toBe(true);
  });

  it('takes the version from the resolved bot when the context has none', () => {
    const { openclawVersion: _, ...noVersion } = ctx('prod');
    const e = evaluate({ config: {}, openclawVersion: '2026.2.1' }, noVersion, { now: NOW });
    expect(e.findings.find((f) => f.ruleId === 'openclaw.version_advisory')?.detail).toContain(
      'GHSA-5wcw-8jjv-m286',
    );
  });
});

describe('evaluateFleet', () => {
  it('compares each local bot with the others on its host, and not with itself', () => {
    const bot = (name: string, port: number, host = 'mac-mini') => ({
      subject: { config: { ...sandboxOff, gateway: { ...(sandboxOff.gateway as JsonObject), port } } },
      context: {
        ...ctx('prod'),
        botName: name,
        botId: `bot-${name}`,
        placement: { target: 'local' as const, host },
      },
    });
    const [a, b, c, d] = evaluateFleet(
      [bot('a', 18789), bot('b', 18800), bot('c', 18840), bot('d', 18800, 'other-host')],
      { now: NOW },
    );
    const ports = (e: typeof a) =>
      e?.findings.filter((f) => f.ruleId === 'fleet.port_spacing').map((f) => f.detail);
    expect(ports(a)).toEqual(['port 18789 is within 20 of b (18800)']);
    expect(ports(b)).toEqual(['port 18800 is within 20 of a (18789)']);
    expect(ports(c)).toEqual([]);
    expect(ports(d)).toEqual([]);
  });

  it('finds two bots sharing a state directory', () => {
    const bot = (name: string, stateDir: string) => ({
      subject: { config: sandboxOff },
      context: {
        ...ctx('dev'),
        botName: name,
        botId: `bot-${name}`,
        placement: { target: 'local' as const, stateDir },
      },
    });
    const [a, b] = evaluateFleet([bot('a', '/var/lib/clawster/a'), bot('b', '/var/lib/clawster/a/')], {
      now: NOW,
    });
    expect(
      a?.findings.some((f) => f.ruleId === 'fleet.shared_workspace' && f.path === 'placement.stateDir'),
    ).toBe(true);
    expect(b?.blocked).toBe(true);
  });
});
