/**
 * TEST DOUBLE payloads: what the simulated gateway answers. Their structure follows frames
 * captured from a real OpenClaw 2026.9.6 gateway (fixtures/real-frames.shape.json, checked by
 * test/integration/gateway-sim-frames.test.ts); the values are made up.
 */
import { randomUUID } from 'node:crypto';

export const SIM_VERSION = '2026.9.6';

/** The methods the client calls, padded to the ~466 names a real gateway advertises. */
const methods = [
  'health',
  'status',
  'logs.tail',
  'channels.status',
  'usage.status',
  'usage.cost',
  'sessions.usage',
  'config.get',
  'config.set',
  'config.apply',
  'config.patch',
  'config.schema',
  'config.schema.lookup',
  'agents.list',
  'update.status',
  'gateway.restart.request',
  ...Array.from({ length: 450 }, (_, i) => `sim.method.${i}`),
];
const events = [
  'connect.challenge',
  'agent',
  'chat',
  'presence',
  'tick',
  'shutdown',
  'health',
  'heartbeat',
  'cron',
];

export function healthPayload(now: number, ok = true): Record<string, unknown> {
  const sessions = { path: '/sim/.openclaw/agents/main/agent/openclaw-agent.sqlite', count: 0, recent: [] };
  return {
    ok,
    ts: now,
    durationMs: 3,
    plugins: { loaded: ['memory-core', 'openai'], errors: [], unavailable: [] },
    configReload: { hotReloadStatus: 'active' },
    channels: {},
    channelOrder: [],
    channelLabels: {},
    heartbeatSeconds: 1800,
    defaultAgentId: 'main',
    agents: [
      {
        agentId: 'main',
        isDefault: true,
        heartbeat: {
          enabled: true,
          every: '30m',
          everyMs: 1_800_000,
          prompt: 'sim',
          target: 'owner',
          ackMaxChars: 300,
        },
        sessions,
      },
    ],
    sessions,
    eventLoop: {
      degraded: false,
      reasons: [],
      intervalMs: 1000,
      delayP99Ms: 2,
      delayMaxMs: 3,
      utilization: 0.1,
    },
    modelRuntime: { degraded: false, pendingAgents: [] },
  };
}

export interface HelloInput {
  connId: string;
  bootId: string;
  startedAt: number;
  now: number;
  tickIntervalMs: number;
  authMethod: 'token' | 'device-token';
  scopes: string[];
  deviceToken?: string;
  configHash: string;
  healthy: boolean;
}

export function helloPayload(h: HelloInput): Record<string, unknown> {
  return {
    type: 'hello-ok',
    protocol: 4,
    server: {
      version: SIM_VERSION,
      buildId: `${SIM_VERSION}-sim`,
      bootId: h.bootId,
      controlUiBuildSource: 'bundled',
      connId: h.connId,
    },
    features: { methods, events, capabilities: ['model-catalog-snapshot'] },
    snapshot: {
      suspension: { phase: 'accepting' },
      presence: [],
      health: healthPayload(h.now, h.healthy),
      stateVersion: { presence: 1, health: 1 },
      uptimeMs: h.now - h.startedAt,
      appliedConfigHash: h.configHash,
      sessionDefaults: {
        defaultAgentId: 'main',
        modelConfigured: false,
        ownership: 'sole',
        selectionRequired: false,
        mainKey: 'main',
        mainSessionKey: 'agent:main:main',
        scope: 'per-sender',
      },
      configPath: '/sim/.openclaw/openclaw.json',
      stateDir: '/sim/.openclaw',
      authMode: 'token',
      updateSchedule: { channel: 'stable', autoEnabled: false },
    },
    controlUiWidgetKinds: [],
    controlUiLinkReaders: [],
    pluginSurfaceUrls: { canvas: 'http://127.0.0.1/__openclaw__/cap/sim' },
    auth: {
      method: h.authMethod,
      role: 'operator',
      scopes: h.scopes,
      recoveryScope: 'sim-recovery-scope',
      recoveryMigrationAllowed: true,
      ...(h.deviceToken ? { deviceToken: h.deviceToken, issuedAtMs: h.now } : {}),
    },
    policy: {
      maxPayload: 26_214_400,
      maxBufferedBytes: 52_428_800,
      tickIntervalMs: h.tickIntervalMs,
      attachments: { maxBytes: 19_464_192, maxImageBytes: 6_291_456 },
      allowedSessionVisibilities: ['shared', 'read-only', 'suggest', 'draft'],
      hasMultipleSessionSharingIdentities: false,
    },
  };
}

export function statusPayload(now: number, startedAt: number): Record<string, unknown> {
  return {
    runtimeVersion: SIM_VERSION,
    pid: process.pid,
    hostDesktop: { enabled: false, state: 'disabled' },
    heartbeat: { defaultAgentId: 'main', agents: [] },
    channelSummary: [],
    queuedSystemEvents: [],
    degradedSecretOwners: [],
    degradedPlugins: [],
    tasks: { total: 0, active: 0, terminal: 0, failures: 0 },
    taskAudit: { total: 0, warnings: 0, errors: 0 },
    sessions: { count: 0, recent: [] },
    modelRuntime: { degraded: false, pendingAgents: [] },
    eventLoop: { degraded: false },
    processMemory: { rssBytes: 800_000_000 },
    shutdownBudget: { uptimeMs: now - startedAt },
    workerPools: {},
  };
}

export function configSnapshot(config: Record<string, unknown>, hash: string): Record<string, unknown> {
  return {
    path: '/sim/.openclaw/openclaw.json',
    includedPaths: [],
    includeProvenance: [],
    agentRosterIncludeOwned: false,
    bindingsIncludeOwned: false,
    exists: true,
    raw: JSON.stringify(config, null, 2),
    parsed: config,
    sourceConfig: config,
    resolved: config,
    runtimeConfig: config,
    config,
    valid: true,
    issues: [],
    legacyIssues: [],
    warnings: [],
    hash,
    configRevisionHash: hash,
    appliedConfigHash: hash,
  };
}

export const newId = (): string => randomUUID();
