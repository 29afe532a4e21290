import type { AuditEvent } from '../../../shared/domain/audit.ts';
import type { Bot } from '../../../shared/domain/bot.ts';
import type { ChangeSet, RolloutBot } from '../../../shared/domain/changeset.ts';
import type { Fleet } from '../../../shared/domain/fleet.ts';
import type { BotRuntime } from '../../../shared/domain/lifecycle.ts';

export const T0 = '2025-03-04T10:00:00.000Z';

export const fleet = (over: Partial<Fleet> = {}): Fleet => ({
  id: 'f1',
  name: 'payments',
  environment: 'prod',
  tags: [],
  description: '',
  botCount: 0,
  driftMode: 'notify',
  target: 'local',
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

export const bot = (over: Partial<Bot> = {}): Bot => ({
  id: 'b1',
  fleetId: 'f1',
  name: 'alpha',
  tags: [],
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

export const auditEvent = (over: Partial<AuditEvent> = {}): AuditEvent => ({
  seq: 1,
  id: `e${over.seq ?? 1}`,
  ts: T0,
  actor: 'ada',
  action: 'fleet.create',
  resourceType: 'fleet',
  resourceId: 'f1',
  diff: { before: null, after: { name: 'payments', environment: 'prod', tags: [], description: '' } },
  prevHash: '0'.repeat(64),
  hash: 'a'.repeat(64),
  ...over,
});

/** A local bot running since T0, never restarted. */
export const runtime = (over: Partial<BotRuntime> = {}): BotRuntime => ({
  botId: 'b1',
  target: 'local',
  desiredState: 'running',
  state: 'running',
  stateSince: T0,
  openclawVersion: '2026.9.6',
  configHash: 'sha256:abc',
  port: 30100,
  startedAt: T0,
  restartCount: 0,
  lastError: null,
  updatedAt: T0,
  ...over,
});

/** A draft change set updating one profile, 3 bots affected, canary of one. */
export const changeSet = (over: Partial<ChangeSet> = {}): ChangeSet => ({
  id: 'cs1',
  title: 'Harden the sandbox',
  description: 'Sandbox on for every prod bot',
  status: 'draft',
  strategy: { kind: 'canary', bots: 1 },
  healthTimeoutSec: 120,
  bakeSec: 30,
  files: [{ name: 'change-set.yaml', text: 'kind: Profile' }],
  changes: [
    {
      kind: 'Profile',
      name: 'hardened',
      action: 'update',
      version: 3,
      diff: [{ path: 'config.agents.defaults.sandbox.mode', kind: 'changed', before: 'off', after: 'all' }],
    },
  ],
  botsChanged: 3,
  manifests: [],
  bots: [],
  failure: null,
  actor: 'ada',
  createdAt: T0,
  startedAt: null,
  finishedAt: null,
  ...over,
});

/** One bot's row in a rollout. */
export const rolloutBot = (over: Partial<RolloutBot> = {}): RolloutBot => ({
  botId: 'b1',
  botName: 'alpha',
  fleetId: 'f1',
  fleetName: 'payments',
  wave: 1,
  status: 'pending',
  updatedAt: null,
  ...over,
});
