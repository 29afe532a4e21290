import { NONE, type Rule } from '../rule.ts';
import type { RuleHit } from '../types.ts';

/** The agent sandbox: on at all, and not opened up to the host. */
const SOCKET = /(?:^|\/)(?:docker|podman|containerd)\.sock$/;
const SOCKET_DIRS = new Set(['/var/run', '/run', '/var/run/docker', '/run/docker', '/run/podman']);

function hostPart(bind: string): string {
  const i = bind.indexOf(':');
  return (i < 0 ? bind : bind.slice(0, i)).trim().replace(/\/+$/, '') || '/';
}

export const sandboxRules: Rule[] = [
  {
    id: 'sandbox.off',
    title: 'Agent sandbox is off',
    why: "Without a sandbox the agent's tools run on the host itself; in production one prompt injection is enough.",
    fix: 'Set agents.defaults.sandbox.mode to "all" (or "non-main"), and the same on any agent that overrides it.',
    check({ facts }) {
      let hits: RuleHit[] | null = null;
      for (const a of facts.agents) {
        if (a.sandboxMode === 'off') {
          hits ??= [];
          hits.push({ path: a.sandboxModePath, detail: `at ${a.path}` });
        }
      }
      return hits ?? NONE;
    },
  },
  {
    id: 'sandbox.host_network',
    title: 'Sandbox uses host networking',
    why: "Host or container-namespace networking gives sandboxed code the host's network: loopback services, metadata endpoints, the gateway itself.",
    fix: 'Use network "none" (the default) or a bridge network for sandbox.docker.network and sandbox.browser.network.',
    check({ facts }) {
      let hits: RuleHit[] | null = null;
      for (const a of facts.agents) {
        for (const n of [a.dockerNetwork, a.browserNetwork]) {
          if (n && (n.value === 'host' || n.value.startsWith('container:'))) {
            hits ??= [];
            hits.push({ path: n.path, detail: `network is "${n.value}"` });
          }
        }
      }
      return hits ?? NONE;
    },
  },
  {
    id: 'sandbox.docker_socket',
    title: 'Container runtime socket mounted into the sandbox',
    why: 'The Docker (or Podman) socket inside the sandbox lets sandboxed code start a privileged container and take over the host.',
    fix: 'Remove the bind of docker.sock (or its directory) from sandbox.docker.binds and sandbox.browser.binds.',
    check({ facts }) {
      let hits: RuleHit[] | null = null;
      for (const a of facts.agents) {
        for (const b of a.binds) {
          const host = hostPart(b.value);
          if (SOCKET.test(host) || SOCKET_DIRS.has(host)) {
            hits ??= [];
            hits.push({ path: b.path, detail: `mounts ${host}` });
          }
        }
      }
      return hits ?? NONE;
    },
  },
];
