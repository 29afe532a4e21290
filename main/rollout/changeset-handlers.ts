import type { HandlerRegistry } from '../hosts/handler-registry.ts';
import type { ChangeSetService } from './changeset-service.ts';

/** Change sets and their rollouts. */
export function registerChangeSetHandlers(reg: HandlerRegistry, changesets: ChangeSetService): void {
  reg.register('changeset.list', () => changesets.list());
  reg.register('changeset.get', (p) => changesets.get(p));
  reg.register('changeset.create', (p) => changesets.create(p));
  reg.register('changeset.start', (p) => changesets.start(p));
  reg.register('changeset.rollback', (p) => changesets.rollback(p));
  reg.register('changeset.discard', (p) => changesets.discard(p));
}
