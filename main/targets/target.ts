/**
 * Where a bot runs. The local target (an OpenClaw gateway process on this machine) and the ECS
 * target (a Fargate service per bot) implement this one interface, so the bot service, the
 * reconciler and the bot page never branch on where a bot lives.
 *
 * Rules every implementation keeps:
 * - Methods are idempotent where the name says so: `stop` on a stopped bot, `start` on a running
 *   one and `destroy` on a bot that is already gone succeed and change nothing.
 * - Failures are AppErrors whose message an operator can act on; nothing secret is in them.
 * - Secret values never pass through here: `secrets` carries references that the target resolves
 *   in its own store (the keychain for local bots, Secrets Manager ARNs for ECS bots).
 */

/** The bot as a target needs it. */
export interface TargetBot {
  id: string;
  name: string;
}

/** The fully resolved openclaw.json of a bot, and the version it was resolved as. */
export interface ResolvedBotConfig {
  /** A stable label of this exact config (e.g. its hash); each version becomes one deployable revision. */
  version: string;
  json: Record<string, unknown>;
  /** The OpenClaw release the bot pins (its manifest's spec.openclawVersion), when it pins one. */
  openclawVersion?: string | undefined;
}

/** One secret a bot's process receives as an environment variable. */
export interface SecretBinding {
  /** Environment variable name inside the bot, e.g. TELEGRAM_BOT_TOKEN. */
  env: string;
  /** Target-specific reference: a keychain ref (local) or a Secrets Manager ARN (ECS). */
  ref: string;
}

export interface DeployResult {
  /** Target-specific id of what now runs, e.g. the ECS task definition ARN. */
  revision: string;
  configVersion: string;
  /** False when the same config version and secrets were already deployed (nothing changed). */
  changed: boolean;
}

export interface DestroyResult {
  /** Human-readable list of what was removed or scheduled for deletion, for the audit log. */
  removed: string[];
}

export type RuntimeState =
  | 'running'
  | 'starting'
  | 'deploying'
  | 'stopping'
  | 'stopped'
  | 'failed'
  | 'absent';
export type RuntimeHealth = 'healthy' | 'unhealthy' | 'unknown';

export interface RuntimeInstance {
  id: string;
  state: string;
  health: RuntimeHealth;
  startedAt?: string;
  stoppedReason?: string;
}

export interface BotRuntimeStatus {
  state: RuntimeState;
  health: RuntimeHealth;
  /** Instances wanted and running (0 or 1 for both targets today). */
  desired: number;
  running: number;
  /** Config version of the revision that is (being) rolled out, when the target knows it. */
  configVersion?: string;
  /** One sentence for the bot page, e.g. "1 of 1 task running, healthy". */
  detail: string;
  instances: RuntimeInstance[];
  /** Newest first: what the target's own scheduler reported (ECS service events, process exits). */
  events: Array<{ at: string; message: string }>;
}

export interface LogLine {
  /** ISO time the line was written. */
  at: string;
  message: string;
  /** Where it came from (an ECS task's log stream, a local log file). */
  source: string;
  /** Unique within the bot: used to drop duplicates while following. */
  id: string;
}

export interface LogQuery {
  /** Opaque cursor from a previous page. */
  cursor?: string;
  /** Lines per page (the target may return fewer). */
  limit?: number;
  /** Only lines written at or after this ISO time. */
  since?: string;
}

export interface LogPage {
  lines: LogLine[];
  /** Null on the last page. */
  cursor: string | null;
}

export interface FollowOptions {
  /** Stops following; `followLogs` resolves once it has. */
  signal: AbortSignal;
  /** Only lines written at or after this ISO time (default: now). */
  since?: string;
  /** Receives new lines in order, in batches. */
  onLines: (lines: LogLine[]) => void;
}

export interface DeploymentTarget {
  readonly kind: 'local' | 'ecs';
  /** Creates whatever the bot needs and starts it with this config. */
  deploy(bot: TargetBot, config: ResolvedBotConfig, secrets: readonly SecretBinding[]): Promise<DeployResult>;
  /** Rolls the running bot to a new config version (or new secrets). */
  update(bot: TargetBot, config: ResolvedBotConfig, secrets: readonly SecretBinding[]): Promise<DeployResult>;
  /** Stops the bot, keeping everything needed to start it again. */
  stop(botId: string): Promise<void>;
  /** Starts a stopped bot with the revision it last had. */
  start(botId: string): Promise<void>;
  /** Removes everything the target made for the bot. The caller has confirmed with the operator. */
  destroy(botId: string): Promise<DestroyResult>;
  status(botId: string): Promise<BotRuntimeStatus>;
  /** One page of the bot's logs, oldest first. */
  logs(botId: string, query?: LogQuery): Promise<LogPage>;
  /** Streams new log lines until `signal` aborts. */
  followLogs(botId: string, options: FollowOptions): Promise<void>;
}
