/** The typed client over a Bridge: channel names, inputs and outputs all come from the contract. */
import type { Result } from '../../app/ipc/common/app-error';
import type { EventChannel, RequestChannel } from '../../app/ipc/common/channels';
import type { EventPayload, RequestInput, RequestOutput } from '../../app/ipc/common/contract';
import type { Bridge } from './bridge-types';
import { ConnectionLostError } from './websocket-bridge';

/** The typed client the features use. */
export interface Client {
  /** Sends a request; never throws (a lost connection becomes an error result). */
  request<C extends RequestChannel>(channel: C, ...input: RequestInput<C> extends void ? [] : [RequestInput<C>]): Promise<Result<RequestOutput<C>>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  subscribe<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Wraps a bridge in the typed client. */
export function createClient(bridge: Bridge): Client {
  return {
    async request(channel, ...input) {
      try {
        return (await bridge.invoke(channel, input[0])) as Result<never>;
      } catch (error) {
        const lost = error instanceof ConnectionLostError;
        return { ok: false, error: { code: 'internal', message: lost ? error.message : String(error) } };
      }
    },
    subscribe(event, listener) {
      return bridge.on(event, (payload) => listener(payload as never));
    },
  };
}
