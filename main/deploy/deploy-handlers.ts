import { eq } from 'drizzle-orm';
import type { HandlerRegistry } from '../hosts/handler-registry.ts';
import type { Db } from '../store/database.ts';
import { botRuntime, bots } from '../store/schema.ts';
import { bulkAction } from './bulk.ts';
import type { DeployService } from './deploy-service.ts';
import { listEvents, toRuntime } from './runtime-store.ts';

/** Deploying bots on this workstation and their lifecycle. */
export function registerDeployHandlers(reg: HandlerRegistry, db: Db, deploy: DeployService): void {
  reg.register('bot.deploy', (p) => deploy.deploy(p));
  reg.register('bot.start', (p) => deploy.start(p));
  reg.register('bot.stop', (p) => deploy.stop(p));
  reg.register('bot.restart', (p) => deploy.restart(p));
  reg.register('bot.destroy', (p) => deploy.destroy(p));
  reg.register('bot.bulk', (p) => bulkAction(db, deploy, p));
  reg.register('bot.runtime.get', (p) => deploy.runtime(p));
  reg.register('bot.target.status', (p) => deploy.targetStatus(p));
  reg.register('bot.gateway.setEndpoint', (p) => deploy.setEndpoint(p));
  reg.register('bot.runtime.list', (p) =>
    db
      .select({ r: botRuntime })
      .from(botRuntime)
      .innerJoin(bots, eq(bots.id, botRuntime.botId))
      .where(eq(bots.fleetId, p.fleetId))
      .all()
      .map((x) => toRuntime(x.r)),
  );
  reg.register('bot.events.list', (p) => listEvents(db, p.id, p));
}
