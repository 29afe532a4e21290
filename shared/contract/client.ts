import type { Result } from './errors.ts';
import type { EventName, EventPayload } from './events.ts';
import type { ParamsIn, RequestName, ResultOf } from './requests.ts';

/**
 * What every transport (Electron preload, loopback WebSocket) gives the renderer: one invoke
 * and one subscribe. Both are untyped at the wire; `ContractClient` puts the contract's types on.
 */
export interface Bridge {
  invoke(method: string, params: unknown): Promise<unknown>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export interface ContractClient {
  invoke<N extends RequestName>(method: N, params: ParamsIn<N>): Promise<Result<ResultOf<N>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The frames of the WebSocket transport. */
export type WireRequest = { id: number; method: string; params: unknown };
export type WireFrame =
  | { type: 'res'; id: number; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown };
