import type { z } from 'zod';
import type { Bridge, ContractClient } from '../../../shared/contract/client.ts';
import { err, errorInfoSchema, type Result } from '../../../shared/contract/errors.ts';
import { type EventName, type EventPayload, events } from '../../../shared/contract/events.ts';
import { type RequestName, type ResultOf, requests } from '../../../shared/contract/requests.ts';

function parseWith(schema: z.ZodType, value: unknown): { ok: true; value: unknown } | { ok: false } {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false };
}

function toResult<N extends RequestName>(method: N, raw: unknown): Result<ResultOf<N>> {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    if (raw.ok === true && 'value' in raw) {
      const parsed = parseWith(requests[method].result, raw.value);
      if (parsed.ok) return { ok: true, value: parsed.value as ResultOf<N> };
      return err(
        'INTERNAL',
        `The host's answer to ${method} does not match this version of the app. Reload the page.`,
      );
    }
    if (raw.ok === false && 'error' in raw) {
      const info = errorInfoSchema.safeParse(raw.error);
      if (info.success) return { ok: false, error: info.data };
    }
  }
  return err('INTERNAL', `The host sent an answer to ${method} that this app cannot read. Reload the page.`);
}

/**
 * Puts the contract's types on a bridge. Answers and pushed events are parsed with the
 * contract's schemas, so what the stores hold is what the types say.
 */
export function createContractClient(bridge: Bridge): ContractClient {
  return {
    async invoke(method, params) {
      let raw: unknown;
      try {
        raw = await bridge.invoke(method, params);
      } catch {
        return err('UNAVAILABLE', `${method} could not reach the Clawster host. Try again in a moment.`);
      }
      return toResult(method, raw);
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return bridge.subscribe((name, payload) => {
        if (name !== event) return;
        const parsed = parseWith(events[event], payload);
        if (parsed.ok) listener(parsed.value as EventPayload<E>);
      });
    },
  };
}
