/** The one handler table, served by both hosts (Electron IPC and the loopback WebSocket host). */
import type { Handlers } from '../core/dispatch';
import type { AccountStore } from './account-store';
import type { Clock, EventSink, KeyValueStore } from './ports';
import { sendTestMessage } from './send-test';
import { readSettings, writeSettings } from './settings-store';

/** What the handlers need from their host. */
export interface HandlerDeps {
  /** Accounts and their encrypted secrets. */
  readonly accounts: AccountStore;
  /** Preferences store. */
  readonly preferences: KeyValueStore;
  /** Pushes events to the renderer(s). */
  readonly emit: EventSink;
  /** Time source. */
  readonly clock: Clock;
  /** Which host serves the handlers. */
  readonly host: 'electron' | 'web';
  /** App version. */
  readonly version: string;
  /** How secrets are protected here (the cipher's name). */
  readonly secretProtection: string;
}

/** Creates the handler table. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { accounts, preferences, emit, clock } = deps;
  const announceAccounts = () => emit('accounts:changed', { accounts: accounts.list() });

  return {
    'app:info': async () => ({ version: deps.version, host: deps.host, secretProtection: deps.secretProtection }),
    'settings:get': async () => readSettings(preferences),
    'settings:save': async (settings) => writeSettings(preferences, settings),
    'accounts:list': async () => accounts.list(),
    'accounts:save': async (draft) => {
      const saved = await accounts.save(draft);
      announceAccounts();
      return saved;
    },
    'accounts:remove': async ({ id }) => {
      accounts.remove(id);
      announceAccounts();
      return { id };
    },
    'accounts:send-test': async ({ accountId, to }) => sendTestMessage(accounts, clock, accountId, to),
  };
}
