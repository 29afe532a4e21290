import type { HandlerRegistry } from '../hosts/handler-registry.ts';
import type { ManifestService } from './manifest-service.ts';

/** The manifest store's requests, "explain" for a bot, and the policy engine over a fleet. */
export function registerManifestHandlers(reg: HandlerRegistry, manifests: ManifestService): void {
  reg.register('manifest.list', (p) => manifests.list(p));
  reg.register('manifest.get', (p) => manifests.get(p));
  reg.register('manifest.catalog', () => manifests.catalog());
  reg.register('manifest.apply', (p) => manifests.apply(p));
  reg.register('manifest.delete', (p) => manifests.delete(p));
  reg.register('manifest.versions', (p) => manifests.versions(p));
  reg.register('manifest.version.get', (p) => manifests.versionGet(p));
  reg.register('manifest.diff', (p) => manifests.diff(p));
  reg.register('manifest.export', () => manifests.export());
  reg.register('bot.explain', (p) => manifests.explain(p));
  reg.register('policy.evaluateFleet', (p) => manifests.evaluateFleet(p));
}
