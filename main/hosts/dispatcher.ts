import { AppError, err, issuesFromZod, ok, type Result } from '../../shared/contract/errors.ts';
import { isRequestName, type RequestName, requests } from '../../shared/contract/requests.ts';
import type { Logger } from '../log/logger.ts';
import type { Handler, HandlerTable } from './handler-registry.ts';

export type Dispatch = (method: string, params: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  log: Logger;
  /** Also check every result against its schema (tests turn this on to catch contract drift). */
  validateResults?: boolean;
}

/**
 * The one entry point both hosts call. It never throws: an unknown method, bad params, a typed
 * error or a bug all come back as `{ ok: false, error }`, and bad params reach no handler.
 */
export function createDispatcher(table: HandlerTable, options: DispatcherOptions): Dispatch {
  const { log } = options;
  return async (method, params) => {
    if (typeof method !== 'string' || !isRequestName(method)) {
      return err('UNKNOWN_METHOD', `Unknown request "${String(method).slice(0, 100)}".`);
    }
    const def = requests[method];
    const parsed = def.params.safeParse(params ?? {});
    if (!parsed.success) {
      return err('VALIDATION', `Invalid input for ${method}.`, issuesFromZod(parsed.error));
    }
    try {
      const handler = table[method] as Handler<RequestName>;
      const value = await handler(parsed.data as never);
      if (options.validateResults) {
        const checked = def.result.safeParse(value);
        if (!checked.success) {
          log.error('result does not match the contract', { method, issues: issuesFromZod(checked.error) });
          return err('INTERNAL', `The result of ${method} does not match the contract.`);
        }
      }
      return ok(value);
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toInfo() };
      log.error('request failed', { method, error: e });
      return err('INTERNAL', `${method} failed unexpectedly. The details are in the Clawster log.`);
    }
  };
}
