import {
  type AwsBootstrapRecord,
  type AwsEcsSettings,
  awsBootstrapRecordSchema,
  awsEcsSettingsSchema,
} from '../../shared/domain/aws.ts';
import type { Setting } from '../store/settings-store.ts';

/**
 * The non-secret AWS settings in the `settings` key/value table: the ARNs bootstrap recorded and
 * the operator's ECS settings. Secrets are never here (the keychain holds the credentials).
 */
export const awsSettingKeys = {
  bootstrap: {
    key: 'aws.bootstrap',
    schema: awsBootstrapRecordSchema,
    page: 'Settings > AWS',
  } satisfies Setting<AwsBootstrapRecord>,
  ecs: {
    key: 'aws.ecs',
    schema: awsEcsSettingsSchema,
    page: 'Settings > AWS',
  } satisfies Setting<AwsEcsSettings>,
};
