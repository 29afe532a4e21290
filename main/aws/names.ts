/**
 * Names of the AWS resources Clawster creates. One place, so bootstrap, the ECS target and the
 * IAM policies (which grant access by name prefix) always agree.
 */
export const awsDefaults = {
  clusterName: 'clawster',
  logGroupName: '/clawster/bots',
  logRetentionDays: 30,
  executionRoleName: 'clawster-ecs-task-execution',
  taskRoleName: 'clawster-bot-task',
  /** Every Secrets Manager secret Clawster writes starts with this. */
  secretsPrefix: 'clawster/',
} as const;

/** Tag put on everything Clawster creates, so an operator can find (and audit) it in the console. */
export const managedTag = { key: 'clawster:managed', value: 'true' } as const;
export const botIdTagKey = 'clawster:bot-id';
export const configVersionTagKey = 'clawster:config-version';

/** Retention values CloudWatch Logs accepts. */
export const logRetentionDays = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Bot ids become parts of ECS, Secrets Manager and CloudWatch names: 1-64 of [A-Za-z0-9_-]. */
export const botIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function ecsServiceName(botId: string): string {
  return `clawster-${botId}`;
}

/** The task definition family of a bot: one revision per config version. */
export function taskFamily(botId: string): string {
  return `clawster-${botId}`;
}

/** Prefix of every secret that belongs to one bot (its config and its bot-scoped secrets). */
export function botSecretsPrefix(botId: string, prefix: string = awsDefaults.secretsPrefix): string {
  return `${prefix}bots/${botId}/`;
}

/** The secret that holds a bot's resolved openclaw.json. */
export function botConfigSecretName(botId: string, prefix: string = awsDefaults.secretsPrefix): string {
  return `${botSecretsPrefix(botId, prefix)}config`;
}

/** Secrets several bots may share (a model API key used by a whole fleet). */
export function sharedSecretName(name: string, prefix: string = awsDefaults.secretsPrefix): string {
  return `${prefix}shared/${name}`;
}

/** CloudWatch log streams of a bot: `<botId>/<container>/<task id>` (the awslogs stream prefix is the bot id). */
export function botLogStreamPrefix(botId: string): string {
  return `${botId}/`;
}
