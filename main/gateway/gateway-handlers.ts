import type { HandlerRegistry } from '../hosts/handler-registry.ts';
import type { GatewayService } from './gateway-service.ts';

/** The requests about bots' OpenClaw gateways. */
export function registerGatewayHandlers(reg: HandlerRegistry, gateways: GatewayService): void {
  reg.register('bot.gateway.test', (p) => gateways.test(p));
  reg.register('bot.connect', (p) => gateways.connect(p));
  reg.register('bot.gateway.setToken', (p) => gateways.setToken(p));
  reg.register('bot.gateway.retry', (p) => gateways.retry(p));
  reg.register('bot.gateway.info', (p) => gateways.info(p));
  reg.register('bot.health.list', (p) => gateways.healthList(p));
}
