/** Tests through the real handler table: a caller that returns a channel's value or throws, a wait on state, and the relay account of a local SMTP sink. */
import { dispatch, type Handlers } from '../ipc/common/dispatch';

/** One call of a channel: its value, or an Error with the channel, the error's code and its message. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read fields of many channels' outputs
export type HandlerCall = <T = any>(channel: string, input?: unknown) => Promise<T>;

/** A caller of `handlers` that returns the value or throws the channel's error. */
export function callerOf(handlers: Handlers): HandlerCall {
  return async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await dispatch(handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
}

/** Reads until `done` holds (25 ms apart, up to a minute: the machines are shared and sometimes very busy), then returns the value. */
export async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what = 'the state'): Promise<T> {
  for (let i = 0; i < 2400; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Saves the account of a relay on 127.0.0.1:`port` without TLS or login (the SMTP sink's), `extra` over its fields. */
export function saveRelayAccount(call: HandlerCall, port: number, extra: Readonly<Record<string, unknown>> = {}): Promise<{ readonly id: string }> {
  return call('accounts:save', { label: 'Relay', host: '127.0.0.1', port, security: 'none', username: '', fromAddress: 'office@school.test', fromName: 'Office', ...extra });
}

/** A campaign's detail once it no longer runs. */
export function settledDetail(call: HandlerCall, id: string) {
  return until(() => call('campaigns:get', { id }), (detail) => detail.campaign.status !== 'running', `campaign ${id} to stop running`);
}
