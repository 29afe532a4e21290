import { childPath } from '../../config/paths.ts';
import { advisories } from '../advisories.ts';
import { obj, strings } from '../facts.ts';
import { NONE, type Rule } from '../rule.ts';
import { compareOpenclawVersions, parseOpenclawVersion } from '../version.ts';

/** What a bot runs: pinned extensions, and an OpenClaw release above the advisory floor. */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const INTEGRITY = /^sha(?:256|384|512)-[A-Za-z0-9+/]{40,}={0,2}$/;

/** The version a pin names: its `version`, or the exact version at the end of its spec (`name@1.2.3`). */
function pinnedVersion(pin: Record<string, unknown>): string | null {
  if (typeof pin.version === 'string' && EXACT_VERSION.test(pin.version)) return pin.version;
  if (typeof pin.spec === 'string') {
    const at = pin.spec.lastIndexOf('@');
    const v = at > 0 ? pin.spec.slice(at + 1) : '';
    if (EXACT_VERSION.test(v)) return v;
  }
  return null;
}

const floor = advisories.reduce<string | null>((max, a) => {
  const v = parseOpenclawVersion(a.fixedIn);
  const m = max === null ? null : parseOpenclawVersion(max);
  return v && (!m || compareOpenclawVersions(v, m) > 0) ? a.fixedIn : max;
}, null);

/** The lowest OpenClaw version no known advisory affects. */
export const OPENCLAW_VERSION_FLOOR = floor ?? '0.0.0';
const FLOOR = parseOpenclawVersion(OPENCLAW_VERSION_FLOOR) ?? {
  year: 0,
  month: 0,
  day: 0,
  republish: 0,
  pre: null,
};
const fixedVersions = advisories.flatMap((a) => {
  const fixed = parseOpenclawVersion(a.fixedIn);
  return fixed ? [{ id: a.id, fixed }] : [];
});

export const supplyChainRules: Rule[] = [
  {
    id: 'supply_chain.unpinned',
    title: 'Skill or plugin without a pinned version and integrity hash',
    why: 'An unpinned extension can change under the bot (a new release, a compromised package) without any change you reviewed.',
    fix: 'Pin each entry of installs.plugins and installs.skills to an exact version with an integrity hash (sha512-...); load nothing from loose directories.',
    check({ installs, config }) {
      if (
        installs.plugins === undefined &&
        installs.skills === undefined &&
        !obj(config.plugins) &&
        !obj(config.skills)
      ) {
        return NONE;
      }
      const hits: { path: string; detail: string }[] = [];
      for (const kind of ['plugins', 'skills'] as const) {
        const pins = obj(installs[kind]);
        if (!pins) continue;
        for (const id of Object.keys(pins)) {
          const pin = obj(pins[id]);
          if (!pin) continue;
          const at = childPath(`installs.${kind}`, id);
          const missing = [
            pinnedVersion(pin) ? null : 'an exact version',
            typeof pin.integrity === 'string' && INTEGRITY.test(pin.integrity) ? null : 'an integrity hash',
          ].filter(Boolean);
          if (missing.length > 0) hits.push({ path: at, detail: `${id} lacks ${missing.join(' and ')}` });
        }
      }
      const loose: [string, string[]][] = [
        ['config.plugins.load.paths', strings(obj(obj(config.plugins)?.load)?.paths)],
        ['config.skills.load.extraDirs', strings(obj(obj(config.skills)?.load)?.extraDirs)],
      ];
      for (const [path, dirs] of loose) {
        if (dirs.length > 0)
          hits.push({
            path,
            detail: `loads ${dirs.length} unpinned director${dirs.length === 1 ? 'y' : 'ies'}`,
          });
      }
      return hits;
    },
  },
  {
    id: 'openclaw.version_advisory',
    title: `OpenClaw older than ${OPENCLAW_VERSION_FLOOR}, affected by published advisories`,
    why: 'Published advisories describe how to attack the versions they affect.',
    fix: `Upgrade the bot to OpenClaw ${OPENCLAW_VERSION_FLOOR} or later.`,
    check({ openclawVersion: text }) {
      const v = text === undefined ? null : parseOpenclawVersion(text);
      if (!v || compareOpenclawVersions(v, FLOOR) >= 0) return NONE;
      const open = fixedVersions.filter((a) => compareOpenclawVersions(v, a.fixed) < 0);
      return [
        { path: 'openclawVersion', detail: `${text} is affected by ${open.map((a) => a.id).join(', ')}` },
      ];
    },
  },
  {
    id: 'openclaw.version_unpinned',
    title: 'OpenClaw version not pinned',
    why: 'Without a pinned version the bot runs whatever release its host installs, and the advisory check cannot run.',
    fix: 'Set spec.openclawVersion on the bot (for example 2026.9.6).',
    check({ openclawVersion: text }) {
      if (text === undefined) return [{ path: 'openclawVersion', detail: 'no version' }];
      return parseOpenclawVersion(text)
        ? NONE
        : [{ path: 'openclawVersion', detail: `"${text}" is not an OpenClaw version` }];
    },
  },
];
