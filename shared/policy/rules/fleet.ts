import { DEFAULT_GATEWAY_PORT, hostOf, PORT_SPACING } from '../peers.ts';
import { NONE, type Rule } from '../rule.ts';

/** Rules across bots (one host's ports and folders) and on the cloud role a bot runs with. */
export const fleetRules: Rule[] = [
  {
    id: 'fleet.port_spacing',
    title: `Local bots on one host with gateway ports less than ${PORT_SPACING} apart`,
    why: 'OpenClaw derives further ports from the gateway port; bots closer than that collide and fail to start or talk to each other.',
    fix: `Give each local bot on a host a gateway.port at least ${PORT_SPACING} away from every other (18789, 18809, 18829, ...).`,
    check({ self, peers }) {
      const host = hostOf(self.placement);
      if (host === null || !peers.mayClash(self, 'ports')) return NONE;
      const port = self.gatewayPort ?? DEFAULT_GATEWAY_PORT;
      const near = peers.nearPorts(host, port, self.key);
      return near.length === 0
        ? NONE
        : [
            {
              path: 'config.gateway.port',
              detail: `port ${port} is within ${PORT_SPACING} of ${near.map((p) => `${p.name} (${p.gatewayPort})`).join(', ')}`,
            },
          ];
    },
  },
  {
    id: 'fleet.shared_workspace',
    title: 'Two bots share a workspace or state directory',
    why: "Bots writing the same workspace or state directory overwrite each other's memory, sessions and credentials.",
    fix: 'Give each bot its own agents.defaults.workspace and state directory.',
    check({ self, peers }) {
      const host = hostOf(self.placement);
      if (host === null || !peers.mayClash(self, 'paths')) return NONE;
      let hits: { path: string; detail: string }[] | null = null;
      const add = (path: string, what: string, others: readonly { name: string }[]) => {
        hits ??= [];
        hits.push({ path, detail: `${what} is also used by ${others.map((p) => p.name).join(', ')}` });
      };
      for (const w of self.workspaces) {
        const others = peers.sharingPath(host, w, self.key);
        if (others.length > 0) add('config.agents', `workspace ${w}`, others);
      }
      const stateDir = self.placement?.stateDir;
      if (stateDir) {
        const others = peers.sharingPath(host, stateDir, self.key);
        if (others.length > 0) add('placement.stateDir', `state directory ${stateDir}`, others);
      }
      return hits ?? NONE;
    },
  },
  {
    id: 'cloud.ecs_task_role_wildcard',
    title: 'ECS task role allows wildcard actions or resources',
    why: "The bot's task role is what a compromised bot can do in your AWS account; a wildcard makes that everything.",
    fix: 'List the exact actions (for example secretsmanager:GetSecretValue) and resource ARNs the bot needs.',
    check({ context }) {
      if (!context.ecsTaskRole) return NONE;
      const hits: { path: string; detail: string }[] = [];
      context.ecsTaskRole.policies.forEach((policy, p) => {
        const many = Array.isArray(policy.Statement);
        const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
        statements.forEach((s, i) => {
          if (s.Effect !== 'Allow') return;
          const at = `ecsTaskRole.policies[${p}].Statement${many ? `[${i}]` : ''}`;
          const actions = list(s.Action);
          const wild = actions.filter((a) => a === '*' || /^[^:]+:\*$/.test(a));
          if (s.NotAction !== undefined)
            hits.push({ path: `${at}.NotAction`, detail: 'Allow with NotAction grants every other action' });
          if (wild.length > 0) hits.push({ path: `${at}.Action`, detail: `allows ${wild.join(', ')}` });
          if (list(s.Resource).includes('*')) hits.push({ path: `${at}.Resource`, detail: 'Resource "*"' });
          if (s.NotResource !== undefined)
            hits.push({
              path: `${at}.NotResource`,
              detail: 'Allow with NotResource covers every other resource',
            });
        });
      });
      return hits;
    },
  },
];

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** How peers identify this bot (see PeerInfo.key). */
export function selfKey(context: {
  botId?: string | undefined;
  fleetName?: string | undefined;
  botName: string;
}): string {
  return context.botId ?? `${context.fleetName ?? ''}/${context.botName}`;
}
