import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../config/json.ts';
import { evaluate, evaluateFleet, peerInfoOf } from './evaluate.ts';
import type { Finding, PolicyContext } from './types.ts';

const NOW = '2026-10-01T00:00:00Z';
const CROSS_BOT = new Set(['fleet.port_spacing', 'fleet.shared_workspace']);

interface Spec {
  id: number;
  host: string;
  port: number | null;
  workspace: string | null;
  stateDir: string | null;
}

/** Few hosts, ports and folders (with stray slashes), so clashes and near misses are common. */
const spec: fc.Arbitrary<Spec> = fc.record({
  id: fc.integer({ min: 0, max: 6 }),
  host: fc.constantFrom('mini', 'studio', 'rack'),
  port: fc.option(fc.integer({ min: 18780, max: 18860 }), { nil: null }),
  workspace: fc.option(fc.constantFrom('/srv/a', '/srv/a/', '/srv//a', '/srv/b', ' /srv/b', '/srv/c'), {
    nil: null,
  }),
  stateDir: fc.option(fc.constantFrom('/var/a', '/var/a/', '/var/b', '/srv/a'), { nil: null }),
});

function entry(s: Spec): { subject: { config: JsonObject }; context: PolicyContext } {
  const config: JsonObject = {};
  if (s.port !== null) config.gateway = { port: s.port };
  if (s.workspace !== null) config.agents = { defaults: { workspace: s.workspace } };
  return {
    subject: { config },
    context: {
      environment: 'dev',
      botName: `bot-${s.id}`,
      botId: `id-${s.id}`,
      placement: { target: 'local', host: s.host, ...(s.stateDir === null ? {} : { stateDir: s.stateDir }) },
    },
  };
}

const crossBot = (findings: readonly Finding[]) =>
  findings.filter((f) => CROSS_BOT.has(f.ruleId)).map((f) => `${f.ruleId} ${f.path} ${f.detail ?? ''}`);

/** The clashes of bot `i`, by comparing it with every other bot (no index). */
function bruteForce(specs: Spec[], i: number): string[] {
  const me = specs[i] as Spec;
  const dir = (p: string | null) =>
    p === null
      ? null
      : p
          .trim()
          .replace(/\/+/g, '/')
          .replace(/(.)\/$/, '$1');
  const mine = [dir(me.workspace), dir(me.stateDir)].filter((p) => p !== null);
  const others = specs.filter((o) => o.id !== me.id && o.host === me.host);
  const out: string[] = [];
  if (others.some((o) => Math.abs((o.port ?? 18789) - (me.port ?? 18789)) < 20))
    out.push('fleet.port_spacing');
  if (others.some((o) => [dir(o.workspace), dir(o.stateDir)].some((p) => p !== null && mine.includes(p))))
    out.push('fleet.shared_workspace');
  return out;
}

describe('cross-bot rules over a fleet', () => {
  it('find what comparing each bot with every other finds, and the same alone or in a fleet', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 12 }), (specs) => {
        const entries = specs.map(entry);
        const fleet = evaluateFleet(entries, { now: NOW });
        entries.forEach((e, i) => {
          const found = fleet[i]?.findings ?? [];
          expect(
            [...new Set(found.filter((f) => CROSS_BOT.has(f.ruleId)).map((f) => f.ruleId))].sort(),
          ).toEqual(bruteForce(specs, i));
          const others = entries.filter((_, j) => j !== i).map((o) => peerInfoOf(o.subject, o.context));
          const alone = evaluate(e.subject, { ...e.context, otherBots: others }, { now: NOW });
          expect(crossBot(found)).toEqual(crossBot(alone.findings));
        });
      }),
      { numRuns: 300 },
    );
  });
});
