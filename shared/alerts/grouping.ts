import { type AlertInput, type AlertKind, type Severity, severityRank } from './alerts.ts';
import { routes } from './routes.ts';

/** One notification: alerts of one kind in one fleet, shown together. */
export interface AlertGroup {
  kind: AlertKind | 'summary';
  severity: Severity;
  title: string;
  body: string;
  /** The page a click opens. */
  route: string;
  alerts: AlertInput[];
}

const isHealthKind = (k: AlertKind) => k === 'bot.down' || k === 'bot.degraded' || k === 'bot.recovered';

const oneTitle: Record<AlertKind, (a: AlertInput) => string> = {
  'bot.down': (a) => `${a.botName ?? 'A bot'} is down`,
  'bot.degraded': (a) => `${a.botName ?? 'A bot'} is degraded`,
  'bot.recovered': (a) => `${a.botName ?? 'A bot'} recovered`,
  'drift.found': (a) => (a.botName ? `Drift found on ${a.botName}` : `Drift found in fleet ${a.fleetName}`),
  'deploy.refused': (a) =>
    a.botName
      ? `Deploy of ${a.botName} refused by policy`
      : `Deploy to fleet ${a.fleetName} refused by policy`,
  // A rollout whose manifests could not be restored before any bot was updated has no fleet.
  'rollout.failed': (a) => (a.fleetName ? `Rollout failed in fleet ${a.fleetName}` : 'Rollout failed'),
  'checks.critical': (a) => `OpenClaw found a critical problem on ${a.botName ?? 'a bot'}`,
};

const manyTitle: Record<AlertKind, (n: number, fleet: string) => string> = {
  'bot.down': (n, f) => `${n} bots down in fleet ${f}`,
  'bot.degraded': (n, f) => `${n} bots degraded in fleet ${f}`,
  'bot.recovered': (n, f) => `${n} bots recovered in fleet ${f}`,
  'drift.found': (n, f) => `Drift found on ${n} bots in fleet ${f}`,
  'deploy.refused': (n, f) => `${n} deploys refused by policy in fleet ${f}`,
  'rollout.failed': (n, f) => (f ? `${n} rollouts failed in fleet ${f}` : `${n} rollouts failed`),
  'checks.critical': (n, f) => `OpenClaw found critical problems on ${n} bots in fleet ${f}`,
};

function listNames(names: string[], max = 4): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

function maxSeverity(alerts: readonly AlertInput[]): Severity {
  return alerts.reduce<Severity>(
    (s, a) => (severityRank(a.severity) > severityRank(s) ? a.severity : s),
    'info',
  );
}

/**
 * Drops what would only be noise within one batch: a repeat of the same alert (the latest
 * wins), and a bot that went down or degraded and recovered again before anyone was told.
 */
function settle(alerts: readonly AlertInput[]): AlertInput[] {
  const lastByKey = new Map<string, number>();
  const lastHealthByBot = new Map<string, number>();
  const troubled = new Set<string>();
  alerts.forEach((a, i) => {
    if (isHealthKind(a.kind) && a.botId !== undefined) {
      if (a.kind !== 'bot.recovered') troubled.add(a.botId);
      lastHealthByBot.set(a.botId, i);
    } else {
      lastByKey.set(`${a.kind}\u0000${a.fleetId}\u0000${a.botId ?? a.detail ?? ''}`, i);
    }
  });
  return alerts.filter((a, i) => {
    if (isHealthKind(a.kind) && a.botId !== undefined) {
      if (lastHealthByBot.get(a.botId) !== i) return false;
      return !(a.kind === 'bot.recovered' && troubled.has(a.botId));
    }
    return lastByKey.get(`${a.kind}\u0000${a.fleetId}\u0000${a.botId ?? a.detail ?? ''}`) === i;
  });
}

function toGroup(alerts: AlertInput[]): AlertGroup | null {
  const first = alerts[0];
  if (!first) return null;
  const sameBot = first.botId !== undefined && alerts.every((a) => a.botId === first.botId);
  const changeSet = first.changeSetId;
  const route =
    changeSet !== undefined && alerts.every((a) => a.changeSetId === changeSet)
      ? routes.changeSet(changeSet)
      : sameBot && first.botId !== undefined
        ? routes.bot(first.botId)
        : routes.fleet(first.fleetId);
  if (alerts.length === 1) {
    const body = [first.fleetName ? `Fleet ${first.fleetName}` : '', first.detail].filter(Boolean).join(': ');
    return {
      kind: first.kind,
      severity: first.severity,
      title: oneTitle[first.kind](first),
      body,
      route,
      alerts,
    };
  }
  const names = alerts.map((a) => a.botName ?? a.detail ?? '').filter((n) => n.length > 0);
  return {
    kind: first.kind,
    severity: maxSeverity(alerts),
    title: manyTitle[first.kind](alerts.length, first.fleetName),
    body: listNames([...new Set(names)]),
    route,
    alerts,
  };
}

/** Groups a batch of alerts by kind and fleet, most severe first, then in order of arrival. */
export function groupAlerts(alerts: readonly AlertInput[]): AlertGroup[] {
  const byKey = new Map<string, AlertInput[]>();
  for (const a of settle(alerts)) {
    const key = `${a.kind}\u0000${a.fleetId}`;
    const list = byKey.get(key);
    if (list) list.push(a);
    else byKey.set(key, [a]);
  }
  const groups = [...byKey.values()].map(toGroup).filter((g): g is AlertGroup => g !== null);
  return groups
    .map((g, i) => ({ g, i }))
    .toSorted((x, y) => severityRank(y.g.severity) - severityRank(x.g.severity) || x.i - y.i)
    .map((x) => x.g);
}

/** At most `max` notifications: beyond that, the rest fold into one "N more alerts". */
export function limitGroups(groups: readonly AlertGroup[], max: number): AlertGroup[] {
  if (groups.length <= max) return [...groups];
  const shown = groups.slice(0, Math.max(0, max - 1));
  const rest = groups.slice(shown.length);
  const alerts = rest.flatMap((g) => g.alerts);
  const fleets = new Set(alerts.map((a) => a.fleetId));
  return [
    ...shown,
    {
      kind: 'summary',
      severity: maxSeverity(alerts),
      title: `${alerts.length} more alerts`,
      body: `In ${fleets.size} ${fleets.size === 1 ? 'fleet' : 'fleets'}: ${listNames(
        rest.map((g) => g.title),
        2,
      )}`,
      route: routes.fleets(),
      alerts,
    },
  ];
}

export interface BatcherOptions {
  /** A batch is shown once no alert has arrived for this long... */
  settleMs: number;
  /** ...or once its first alert is this old, whichever comes first. */
  maxWaitMs: number;
}

export interface AlertBatcher {
  add(alert: AlertInput, nowMs: number): void;
  /** When the pending batch should be shown (ms), or null with nothing pending. */
  dueAt(): number | null;
  /** The grouped batch if it is due at `nowMs` (and then forgets it); otherwise nothing. */
  takeDue(nowMs: number): AlertGroup[];
}

/** Debounces alerts into batches. Pure: time is whatever the caller says it is. */
export function createAlertBatcher(options: BatcherOptions): AlertBatcher {
  let batch: AlertInput[] = [];
  let firstAt = 0;
  let lastAt = 0;
  const dueAt = () =>
    batch.length === 0 ? null : Math.min(lastAt + options.settleMs, firstAt + options.maxWaitMs);
  return {
    add(alert, nowMs) {
      if (batch.length === 0) firstAt = nowMs;
      lastAt = nowMs;
      batch.push(alert);
    },
    dueAt,
    takeDue(nowMs) {
      const due = dueAt();
      if (due === null || nowMs < due) return [];
      const groups = groupAlerts(batch);
      batch = [];
      return groups;
    },
  };
}
