import type { HandlerRegistry } from '../hosts/handler-registry.ts';
import type { Store } from '../store/database.ts';
import { auditFacets, listAudit, verifyAudit } from './audit-reader.ts';

export function registerAuditHandlers(reg: HandlerRegistry, store: Store): void {
  reg.register('audit.list', (p) => listAudit(store.db, p));
  reg.register('audit.facets', () => auditFacets(store.sqlite));
  reg.register('audit.verify', () => verifyAudit(store.sqlite));
}
