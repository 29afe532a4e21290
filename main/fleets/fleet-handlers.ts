import type { HandlerRegistry } from '../hosts/handler-registry.ts';
import type { Db } from '../store/database.ts';
import { type FleetService, getFleet, listFleets } from './fleet-service.ts';

export function registerFleetHandlers(reg: HandlerRegistry, db: Db, fleets: FleetService): void {
  reg.register('fleet.list', () => listFleets(db));
  reg.register('fleet.get', (p) => getFleet(db, p.id));
  reg.register('fleet.create', (p) => fleets.create(p));
  reg.register('fleet.update', (p) => fleets.update(p));
  reg.register('fleet.delete', (p) => fleets.delete(p));
}
