import { canonicalJson } from '../../shared/config/canonical.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { Params } from '../../shared/contract/requests.ts';
import type {
  AwsBootstrapRecord,
  AwsBootstrapReport,
  AwsCredentialsSummary,
  AwsIdentity,
  AwsProfile,
  AwsSettings,
} from '../../shared/domain/aws.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { Db } from '../store/database.ts';
import { readSetting, writeSetting } from '../store/settings-store.ts';
import type { Mutator } from '../store/unit-of-work.ts';
import { createEcsTarget, type EcsTarget } from '../targets/ecs/ecs-target.ts';
import { type EcsTargetSettings, parseEcsTargetSettings } from '../targets/ecs/settings.ts';
import { awsSettingKeys } from './aws-settings.ts';
import { bootstrapAws } from './bootstrap.ts';
import { type AwsAccess, type AwsClients, createAwsClients } from './clients.ts';
import { createAwsCredentials, type AwsCredentialsSummary as StoredSummary } from './credentials.ts';
import { type AwsFilesLocation, listAwsProfiles } from './profiles.ts';

/** Overrides for tests and development: moto's endpoint, a temp ~/.aws, fewer retries. */
export interface AwsOverrides {
  endpoint?: string | undefined;
  awsFiles?: AwsFilesLocation;
  maxAttempts?: number;
  /** Log-follow polling of the ECS target (tests shorten it). */
  ecsTiming?: { logPollMs?: number };
}

/** What deploying to ECS needs: the target, its AWS clients and the settings it was made with. */
export interface EcsAccess {
  target: EcsTarget;
  clients: AwsClients;
  settings: EcsTargetSettings;
}

export interface AwsServiceDeps extends AwsOverrides {
  db: Db;
  mutate: Mutator;
  secrets: SecretStore;
  log: Logger;
  /** Clawster's gateway device id: new ECS tasks approve its pairing request by themselves. */
  deviceId?: () => Promise<string>;
}

const noCredentials: AwsCredentialsSummary = {
  mode: 'none',
  region: null,
  accessKeyIdHint: null,
  hasSessionToken: false,
  profile: null,
};

function toSummary(s: StoredSummary | null): AwsCredentialsSummary {
  if (!s) return noCredentials;
  return {
    mode: s.kind,
    region: s.region,
    accessKeyIdHint: s.accessKeyIdHint ?? null,
    hasSessionToken: s.hasSessionToken ?? false,
    profile: s.profile ?? null,
  };
}

/**
 * The operator's AWS account in the app: credentials in the SecretStore (checked with STS first),
 * bootstrap of the shared resources, and the ECS settings. Every change is audited (resource type
 * `aws`) with summaries only: no secret reaches SQLite, the audit log, a log line or a response.
 */
export function createAwsService(deps: AwsServiceDeps) {
  const overrides = {
    ...(deps.endpoint ? { endpoint: deps.endpoint } : {}),
    ...(deps.maxAttempts ? { maxAttempts: deps.maxAttempts } : {}),
  };
  const creds = createAwsCredentials({
    store: deps.secrets,
    log: deps.log,
    ...overrides,
    ...(deps.awsFiles ? { awsFiles: deps.awsFiles } : {}),
  });

  /** What is stored now; unreadable stored credentials count as none (they are being replaced). */
  async function current(): Promise<AwsCredentialsSummary> {
    try {
      return toSummary(await creds.summary());
    } catch (e) {
      if (e instanceof AppError && e.code === 'PRECONDITION') return noCredentials;
      throw e;
    }
  }

  function auditCredentials(action: string, before: AwsCredentialsSummary, after: object | null): void {
    deps.mutate((tx) =>
      tx.audit({
        action,
        resourceType: 'aws',
        resourceId: 'credentials',
        before: { ...before },
        after: after && { ...after },
      }),
    );
  }

  async function saved(
    action: string,
    save: () => Promise<{ summary: StoredSummary; identity: AwsIdentity }>,
  ): Promise<{ credentials: AwsCredentialsSummary; identity: AwsIdentity }> {
    const before = await current();
    const { summary, identity } = await save();
    const credentials = toSummary(summary);
    auditCredentials(action, before, { ...credentials, account: identity.account, arn: identity.arn });
    return { credentials, identity };
  }

  async function accessFor(p: Params<'aws.bootstrap'>): Promise<AwsAccess> {
    if (p.profile === undefined) return { ...(await creds.access()), region: p.region };
    const profiles = await listAwsProfiles(deps.awsFiles);
    if (!profiles.some((x) => x.name === p.profile))
      throw new AppError(
        'NOT_FOUND',
        `There is no AWS profile "${p.profile}" in ~/.aws/config or ~/.aws/credentials. Create it with \`aws configure --profile ${p.profile}\` or choose another one.`,
        [{ path: 'profile', message: 'no such profile' }],
      );
    return { region: p.region, profile: p.profile, ...overrides };
  }

  /** The ECS target for the stored credentials and settings; made again when either changed. */
  let ecs: (EcsAccess & { key: string }) | null = null;
  async function ecsAccess(): Promise<EcsAccess> {
    const { ecs: chosen, bootstrap } = settingsOf(deps.db);
    if (!bootstrap)
      throw new AppError(
        'PRECONDITION',
        'AWS is not set up for ECS yet: run Bootstrap AWS in Settings > AWS (or `clawster aws init --region R`) to create the cluster, log group and roles.',
      );
    if (!chosen)
      throw new AppError(
        'PRECONDITION',
        'Choose the subnets and security groups ECS bots run in (Settings > AWS > ECS) before deploying to ECS.',
      );
    const access = { ...(await creds.access()), region: bootstrap.region };
    const device = deps.deviceId ? await deps.deviceId() : undefined;
    const settings = parseEcsTargetSettings({
      cluster: bootstrap.clusterArn,
      logGroupName: bootstrap.logGroupName,
      executionRoleArn: bootstrap.executionRoleArn,
      taskRoleArn: bootstrap.taskRoleArn,
      subnets: chosen.subnets,
      securityGroups: chosen.securityGroups,
      assignPublicIp: chosen.assignPublicIp,
      image: chosen.image,
      cpu: chosen.cpu,
      memoryMiB: chosen.memoryMiB,
      recoveryWindowDays: chosen.recoveryWindowDays,
      ...(device ? { clawsterDeviceId: device } : {}),
    });
    const key = canonicalJson({ settings, summary: await current() });
    if (ecs?.key === key) return ecs;
    ecs?.clients.destroy();
    const clients = createAwsClients(access);
    ecs = {
      key,
      clients,
      settings,
      target: createEcsTarget({ clients, settings, log: deps.log, ...deps.ecsTiming }),
    };
    return ecs;
  }

  function settingsOf(db: Db): AwsSettings {
    return { ecs: readSetting(db, awsSettingKeys.ecs), bootstrap: readSetting(db, awsSettingKeys.bootstrap) };
  }

  return {
    credentials: current,

    /** The ECS target and its clients (PRECONDITION until credentials, bootstrap and the ECS settings are there). */
    ecs: ecsAccess,

    close(): void {
      ecs?.clients.destroy();
      ecs = null;
    },

    setKeys: (p: Params<'aws.credentials.setKeys'>) =>
      saved('aws.credentials.setKeys', () => creds.saveAccessKeys(p)),

    useProfile: (p: Params<'aws.credentials.useProfile'>) =>
      saved('aws.credentials.useProfile', () => creds.useProfile(p)),

    verify: (): Promise<AwsIdentity> => creds.verify(),

    async clear(): Promise<{ removed: boolean }> {
      const before = await current();
      const removed = await creds.clear();
      if (removed) auditCredentials('aws.credentials.clear', before, null);
      return { removed };
    },

    profiles: (): Promise<AwsProfile[]> => creds.listProfiles(),

    /** Creates what is missing in the region and records the ARNs; a run that changes nothing writes nothing. */
    async bootstrap(p: Params<'aws.bootstrap'>): Promise<AwsBootstrapReport> {
      const clients = createAwsClients(await accessFor(p));
      let result: Awaited<ReturnType<typeof bootstrapAws>>;
      try {
        result = await bootstrapAws(clients);
      } finally {
        clients.destroy();
      }
      const record = deps.mutate((tx): AwsBootstrapRecord => {
        const before = readSetting(tx.db, awsSettingKeys.bootstrap);
        const next: AwsBootstrapRecord = {
          region: result.region,
          accountId: result.accountId,
          clusterArn: result.clusterArn,
          logGroupName: result.logGroupName,
          logGroupArn: result.logGroupArn,
          executionRoleArn: result.executionRoleArn,
          taskRoleArn: result.taskRoleArn,
          at: tx.now,
        };
        const same = before && canonicalJson({ ...before, at: '' }) === canonicalJson({ ...next, at: '' });
        if (same && !result.changed) return before;
        writeSetting(tx.db, awsSettingKeys.bootstrap, next, tx.now);
        tx.audit({
          action: 'aws.bootstrap',
          resourceType: 'aws',
          resourceId: 'bootstrap',
          before: before && { ...before },
          after: { ...next, resources: result.resources.map((r) => `${r.kind} ${r.name}: ${r.status}`) },
        });
        return next;
      });
      deps.log.info('aws bootstrap', { region: result.region, changed: result.changed });
      return { record, resources: result.resources, changed: result.changed, summary: result.summary };
    },

    settings: (): AwsSettings => settingsOf(deps.db),

    setSettings(p: Params<'aws.settings.set'>): AwsSettings {
      return deps.mutate((tx) => {
        const before = readSetting(tx.db, awsSettingKeys.ecs);
        if (writeSetting(tx.db, awsSettingKeys.ecs, p, tx.now))
          tx.audit({
            action: 'aws.settings.set',
            resourceType: 'aws',
            resourceId: 'ecs-settings',
            before: before && { ...before },
            after: { ...p },
          });
        return settingsOf(tx.db);
      });
    },
  };
}
export type AwsService = ReturnType<typeof createAwsService>;
