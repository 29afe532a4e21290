import type { HandlerRegistry } from '../hosts/handler-registry.ts';
import type { Db } from '../store/database.ts';
import { type BotService, getBot, listBots } from './bot-service.ts';

export function registerBotHandlers(reg: HandlerRegistry, db: Db, bots: BotService): void {
  reg.register('bot.list', (p) => listBots(db, p.fleetId));
  reg.register('bot.get', (p) => getBot(db, p.id));
  reg.register('bot.create', (p) => bots.create(p));
  reg.register('bot.createMany', (p) => bots.createMany(p));
  reg.register('bot.update', (p) => bots.update(p));
  reg.register('bot.delete', (p) => bots.delete(p));
}
