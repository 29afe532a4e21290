import { describe, expect, it } from 'vitest';
import { advisories } from './advisories.ts';
import { OPENCLAW_VERSION_FLOOR } from './rules/supply-chain.ts';
import { compareOpenclawVersions, parseOpenclawVersion } from './version.ts';

const cmp = (a: string, b: string) => {
  const x = parseOpenclawVersion(a);
  const y = parseOpenclawVersion(b);
  if (!x || !y) throw new Error(`unparsable: ${a} ${b}`);
  return Math.sign(compareOpenclawVersions(x, y));
};

describe('OpenClaw versions', () => {
  it('order calendar versions numerically, pre-releases first, republishes after', () => {
    expect(cmp('2026.3.2', '2026.3.11')).toBe(-1);
    expect(cmp('2026.10.1', '2026.9.36')).toBe(1);
    expect(cmp('2026.4.12-beta.1', '2026.4.12')).toBe(-1);
    expect(cmp('2026.4.12-beta.2', '2026.4.12-rc.1')).toBe(-1);
    expect(cmp('2026.3.13-1', '2026.3.13')).toBe(1);
    expect(cmp('v2026.9.6', '2026.9.6')).toBe(0);
  });

  it('refuse what is not an OpenClaw version', () => {
    for (const bad of ['latest', '1.2', '2026.9', '2026.9.6-foo', ''])
      expect(parseOpenclawVersion(bad)).toBeNull();
  });

  it('set the advisory floor to the highest fixed version in the table', () => {
    for (const a of advisories) {
      expect(parseOpenclawVersion(a.fixedIn)).not.toBeNull();
      expect(cmp(a.fixedIn, OPENCLAW_VERSION_FLOOR)).toBeLessThanOrEqual(0);
      expect(a.id).toMatch(/^(GHSA(-[23456789cfghjmpqrvwx]{4}){3}|CVE-\d{4}-\d{4,})$/);
    }
    expect(OPENCLAW_VERSION_FLOOR).toBe('2026.6.8');
  });
});
