/** The real handler table over in-memory stores and a test cipher, for tests of the core. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Handlers } from '../ipc/common/dispatch';
import { createHandlers, type HandlerDeps } from '../handlers/node/handlers';
import { createMemoryStore, createTestCipher } from './memory-ports';
import { systemClock, type Clock, type EventSink, type KeyValueStore } from '../storage/node/ports';
import { createKeychainKeeper, createPassphraseKeeper } from '../secrets/node/secret-keeper';

/** Builds the handlers; `stores` exposes every store opened, by name. */
export function handlersWithMemoryStores(
  options: {
    readonly emit?: EventSink;
    readonly clock?: Clock;
    /** The stores and journal folder of an earlier instance: a restart of the app. */
    /** Keeps secrets with a passphrase (locked until `secrets:unlock`) instead of a test keychain. */
    readonly passphrase?: boolean;
    readonly restartOf?: { readonly stores: Map<string, KeyValueStore & { readonly dump: () => Record<string, unknown> }>; readonly journalDir: string; readonly dataDir: string };
    /** Host ports of the OAuth flow: the browser opener, the Gmail API base, the consent time-out. */
    readonly oauth?: Pick<HandlerDeps, 'openExternal' | 'gmailApiBase' | 'oauthTimeoutMs'>;
    /** Where `accounts:export` saves its file and shows its passphrase (absent: the channel refuses). */
    readonly deliverExport?: HandlerDeps['deliverExport'];
    /** How often a scheduled campaign's time is checked (tests with a fake clock: short). */
    readonly scheduleCheckMs?: number;
  } = {},
): {
  readonly handlers: Handlers;
  readonly stores: Map<string, KeyValueStore & { readonly dump: () => Record<string, unknown> }>;
  readonly journalDir: string;
  /** The data folder holding the database file (a temp dir). */
  readonly dataDir: string;
} {
  const stores = options.restartOf?.stores ?? new Map<string, KeyValueStore & { readonly dump: () => Record<string, unknown> }>();
  const journalDir = options.restartOf?.journalDir ?? mkdtempSync(join(tmpdir(), 'mailroom-journals-'));
  const dataDir = options.restartOf?.dataDir ?? mkdtempSync(join(tmpdir(), 'mailroom-data-'));
  const openStore = (name: string) => {
    const store = stores.get(name) ?? createMemoryStore();
    stores.set(name, store);
    return store;
  };
  const handlers = createHandlers({
    openStore,
    secrets: options.passphrase ? createPassphraseKeeper(openStore('secrets-verifier')) : createKeychainKeeper({ ...createTestCipher(), protection: 'keychain:test' }),
    emit: options.emit ?? (() => undefined),
    clock: options.clock ?? systemClock,
    host: 'web',
    version: '0.0.0-test',
    journalDir,
    dataDir,
    ...options.oauth,
    ...(options.deliverExport === undefined ? {} : { deliverExport: options.deliverExport }),
    ...(options.scheduleCheckMs === undefined ? {} : { scheduleCheckMs: options.scheduleCheckMs }),
  });
  return { handlers, stores, journalDir, dataDir };
}
