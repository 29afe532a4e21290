import { NONE, type Rule } from '../rule.ts';

/** Who can talk to the bot, and what they can make it do. */
export const accessRules: Rule[] = [
  {
    id: 'channels.open_dm_policy',
    title: 'Direct messages open to anyone',
    why: 'With dmPolicy "open" any account on the network can message the bot and steer its tools by prompt injection.',
    fix: 'Use dmPolicy "pairing" (the default) or "allowlist" with allowFrom.',
    check: ({ facts }) => (facts.openDm.length === 0 ? NONE : facts.openDm.map((path) => ({ path }))),
  },
  {
    id: 'channels.open_group_policy',
    title: 'Groups open to anyone',
    why: 'With groupPolicy "open" the bot answers in any group it is added to, to every member.',
    fix: 'Use groupPolicy "allowlist" (the default) and list the groups, with requireMention.',
    check: ({ facts }) => (facts.openGroups.length === 0 ? NONE : facts.openGroups.map((path) => ({ path }))),
  },
  {
    id: 'tools.open_groups_with_elevated',
    title: 'Elevated (host) exec reachable from open groups',
    why: 'Elevated exec runs outside the sandbox; from an open group, any member can try to trigger it.',
    fix: 'Set tools.elevated.enabled to false (it is on by default), or close the groups (groupPolicy "allowlist").',
    check({ facts }) {
      if (facts.openGroups.length === 0) return NONE;
      return facts.agents
        .filter((a) => a.elevated)
        .map((a) => ({
          path: `${a.toolsPath}.elevated.enabled`,
          detail: `open: ${facts.openGroups.join(', ')}`,
        }));
    },
  },
  {
    id: 'tools.open_surfaces_with_runtime_or_fs',
    title: 'Command or file tools reachable from open DMs or groups without a sandbox',
    why: 'Open channels let strangers prompt the agent; with exec or unrestricted file tools outside a sandbox that is code execution on the host.',
    fix: 'Sandbox the agent (agents.defaults.sandbox.mode "all" or "non-main"), deny group:runtime and group:fs, or close the channels.',
    check({ facts }) {
      if (facts.openDm.length === 0 && facts.openGroups.length === 0) return NONE;
      const open = [...facts.openDm, ...facts.openGroups];
      return facts.agents
        .filter((a) => a.sandboxMode === 'off' && (a.runtime || (a.fs && !a.fsWorkspaceOnly)))
        .map((a) => ({
          path: a.sandboxModePath,
          detail: `${a.runtime ? 'exec' : 'file tools'} reachable from ${open.join(', ')}`,
        }));
    },
  },
  {
    id: 'tools.unsandboxed_runtime',
    title: 'Command or file tools run without a sandbox',
    why: "Without a sandbox, exec and file tools act directly on the host with the bot's user rights.",
    fix: 'Set agents.defaults.sandbox.mode to "all" (or "non-main"), or deny group:runtime and group:fs.',
    check({ facts }) {
      if (!facts.agents.some((a) => a.sandboxMode === 'off')) return NONE;
      return facts.agents
        .filter((a) => a.sandboxMode === 'off' && (a.runtime || a.fs))
        .map((a) => ({
          path: a.sandboxModePath,
          detail: `${a.runtime ? 'exec' : 'file tools'} reachable at ${a.toolsPath}`,
        }));
    },
  },
];
