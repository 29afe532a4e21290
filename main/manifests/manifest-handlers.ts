import { AppError } from '../../shared/contract/errors.ts';
import type { HandlerRegistry } from '../hosts/handler-registry.ts';

const notYet = (): never => {
  throw new AppError('UNAVAILABLE', 'Manifests are not available in this build yet');
};

/** The manifest store's requests (placeholder answers until the store lands). */
export function registerManifestHandlers(reg: HandlerRegistry): void {
  for (const name of [
    'manifest.list',
    'manifest.get',
    'manifest.catalog',
    'manifest.apply',
    'manifest.delete',
    'manifest.versions',
    'manifest.version.get',
    'manifest.diff',
    'manifest.export',
    'bot.explain',
  ] as const)
    reg.register(name, notYet);
}
