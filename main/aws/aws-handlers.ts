import type { HandlerRegistry } from '../hosts/handler-registry.ts';
import type { AwsService } from './aws-service.ts';

/** The requests about the operator's AWS account: credentials, bootstrap and ECS settings. */
export function registerAwsHandlers(reg: HandlerRegistry, aws: AwsService): void {
  reg.register('aws.credentials.get', () => aws.credentials());
  reg.register('aws.credentials.setKeys', (p) => aws.setKeys(p));
  reg.register('aws.credentials.useProfile', (p) => aws.useProfile(p));
  reg.register('aws.credentials.verify', () => aws.verify());
  reg.register('aws.credentials.clear', () => aws.clear());
  reg.register('aws.profiles.list', () => aws.profiles());
  reg.register('aws.bootstrap', (p) => aws.bootstrap(p));
  reg.register('aws.settings.get', () => aws.settings());
  reg.register('aws.settings.set', (p) => aws.setSettings(p));
}
