import type { Params, RequestName, ResultOf } from '../../shared/contract/requests.ts';
import { requestNames } from '../../shared/contract/requests.ts';

export type Handler<N extends RequestName> = (params: Params<N>) => ResultOf<N> | Promise<ResultOf<N>>;
export type HandlerTable = { [N in RequestName]: Handler<N> };

export interface HandlerRegistry {
  register<N extends RequestName>(name: N, handler: Handler<N>): void;
  /** The complete table; fails if any request of the contract has no handler. */
  seal(): HandlerTable;
}

/** Each domain registers its own handlers; a name registered twice fails at start. */
export function createHandlerRegistry(): HandlerRegistry {
  const table: Partial<Record<RequestName, unknown>> = {};
  let sealed = false;
  return {
    register(name, handler) {
      if (sealed) throw new Error(`Handler for "${name}" is registered after the table was sealed`);
      if (Object.hasOwn(table, name)) throw new Error(`Handler for "${name}" is registered twice`);
      table[name] = handler;
    },
    seal() {
      const missing = requestNames.filter((n) => !Object.hasOwn(table, n));
      if (missing.length > 0) throw new Error(`No handler for: ${missing.join(', ')}`);
      sealed = true;
      return Object.freeze({ ...table }) as HandlerTable;
    },
  };
}
