import type { JsonObject, JsonValue } from '../config/json.ts';

/**
 * Which command and file tools an agent can reach, from OpenClaw's tool policy: the profile
 * gives a base set (unset or `full`: every core tool; `coding`: fs and runtime; `messaging` and
 * `minimal`: neither), `alsoAllow` adds, `allow` restricts, `deny` wins. Global and per-agent
 * lists both apply. Names are case-insensitive; `group:runtime`, `group:fs`, `*` and `*` globs
 * are understood; `bash` is an alias of `exec`. `tools.exec.security: deny` turns exec off.
 */
const RUNTIME = ['exec', 'code_execution'] as const;
const FS = ['read', 'write', 'edit', 'apply_patch'] as const;
const GROUPS: Record<string, readonly string[]> = {
  'group:runtime': ['exec', 'process', 'code_execution'],
  'group:fs': FS,
};

export interface ToolReach {
  exec: boolean;
  runtime: boolean;
  fs: boolean;
}

export function toolReach(global: JsonObject | undefined, agent: JsonObject | undefined): ToolReach {
  const profile = str(agent?.profile) ?? str(global?.profile);
  const also = [...list(global?.alsoAllow), ...list(agent?.alsoAllow)];
  const allows = [global?.allow, agent?.allow].filter((a) => Array.isArray(a)).map(list);
  const deny = [...list(global?.deny), ...list(agent?.deny)];
  const execOff = security(global) === 'deny' || security(agent) === 'deny';
  const reachable = (tool: string): boolean => {
    if (tool === 'exec' && execOff) return false;
    const base = profileHas(profile, tool) || matchesAny(also, tool);
    return base && allows.every((a) => matchesAny(a, tool)) && !matchesAny(deny, tool);
  };
  const exec = reachable('exec');
  return { exec, runtime: exec || reachable('code_execution'), fs: FS.some(reachable) };
}

function profileHas(profile: string | undefined, tool: string): boolean {
  if (profile === undefined || profile === 'full') return true;
  if (profile === 'coding')
    return (RUNTIME as readonly string[]).includes(tool) || (FS as readonly string[]).includes(tool);
  return false;
}

function matchesAny(patterns: readonly string[], tool: string): boolean {
  for (const raw of patterns) {
    const p = raw.trim().toLowerCase();
    if (p === tool || p === '*' || (p === 'bash' && tool === 'exec')) return true;
    const group = GROUPS[p];
    if (group?.includes(tool)) return true;
    if (p.includes('*') && globRegex(p).test(tool)) return true;
  }
  return false;
}

const globs = new Map<string, RegExp>();
function globRegex(p: string): RegExp {
  let r = globs.get(p);
  if (!r) {
    r = new RegExp(
      `^${p
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    globs.set(p, r);
  }
  return r;
}

function list(v: JsonValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function str(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function security(tools: JsonObject | undefined): string | undefined {
  const exec = tools?.exec;
  return exec !== null && typeof exec === 'object' && !Array.isArray(exec) ? str(exec.security) : undefined;
}
