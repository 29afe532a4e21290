import { describe, expect, it } from 'vitest';
import { requestNames } from '../../shared/contract/requests.ts';
import { createHandlerRegistry, type HandlerRegistry } from './handler-registry.ts';

function registerAll(reg: HandlerRegistry, except: string[] = []): void {
  for (const name of requestNames) {
    if (!except.includes(name)) reg.register(name, () => ({}) as never);
  }
}

describe('the handler registry', () => {
  it('fails at start when a name is registered twice, naming it', () => {
    const reg = createHandlerRegistry();
    reg.register('fleet.list', () => []);
    expect(() => reg.register('fleet.list', () => [])).toThrow(
      'Handler for "fleet.list" is registered twice',
    );
  });

  it('refuses to seal while a request of the contract has no handler, naming each missing one', () => {
    const reg = createHandlerRegistry();
    registerAll(reg, ['bot.delete', 'audit.verify']);
    expect(() => reg.seal()).toThrow('No handler for: bot.delete, audit.verify');
  });

  it('seals a table with one handler per request of the contract', () => {
    const reg = createHandlerRegistry();
    registerAll(reg);
    expect(Object.keys(reg.seal()).sort()).toEqual([...requestNames].sort());
  });

  it('refuses registrations once sealed, and the sealed table cannot change', () => {
    const reg = createHandlerRegistry();
    registerAll(reg);
    const table = reg.seal();
    expect(() => reg.register('fleet.list', () => [])).toThrow('registered after the table was sealed');
    expect(Object.isFrozen(table)).toBe(true);
  });
});
