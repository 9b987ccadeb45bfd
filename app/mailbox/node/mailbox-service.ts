/**
 * The mailbox watcher wired to accounts and campaigns (issue 13, app/mailbox/README.md step 5): which
 * server an account's mailbox is on (its preset's, or one the user named for a relay), how the watcher
 * logs in (the account's own password, or its OAuth access token over XOAUTH2), "Check for bounces
 * now", and one watcher per account while a campaign of it was sent in the last 72 hours. A watcher's
 * failure is told to the UI in ko/en words; sending never waits for it or stops because of it.
 */
import { AppError } from '../../ipc/common/app-error';
import { OAuthError } from '../../oauth/node/oauth-token-client';
import type { AccountStore } from '../../accounts/node/account-store';
import type { KeyValueStore, Logger } from '../../storage/node/ports';
import type { MailboxOutcomes } from '../../campaigns/node/mailbox-outcomes';
import type { MailboxProblem } from '../common/mailbox-diagnosis';
import { PRESET_MAILBOXES, type ImapAuth, type NoMailboxReason } from '../common/imap-settings';
import { matchWindowMs, watchChoiceAfter, watchEnd, type WatchChoice } from '../common/watch-window';
import { MailboxError, MailboxWatcher, type CheckSummary, type ImapSecurity, type MailboxWatcherOptions, type WatcherStateStore } from './mailbox-watcher';

/** A mailbox server the user named for an account whose preset has none (where a relay's bounces land). */
export interface NamedMailboxServer {
  /** IMAP host. */
  readonly host: string;
  /** IMAP port. */
  readonly port: number;
  /** Connection security (`none` only on a loopback address). */
  readonly security: ImapSecurity;
}

/** Where an account's mailbox is, or why it has none. */
export type MailboxPlace = { readonly kind: 'imap'; readonly server: NamedMailboxServer; readonly named: boolean } | { readonly kind: 'none'; readonly reason: NoMailboxReason };

/** The answer of "Check for bounces now". */
export type CheckOutcome =
  | { readonly ok: true; readonly summary: Omit<CheckSummary, 'uidValidityChanged'> & { uidValidityChanged: string[] } }
  | { readonly ok: false; readonly problem: MailboxProblem }
  | { readonly ok: false; readonly problem: 'no-mailbox'; readonly reason: NoMailboxReason };

/** What the service needs. */
export interface MailboxServiceDeps {
  readonly accounts: AccountStore;
  readonly outcomes: MailboxOutcomes;
  /** Where named servers are kept (the preferences store). */
  readonly preferences: KeyValueStore;
  /** Time, ms. */
  readonly now: () => number;
  /** Log sink (never secrets). */
  readonly log: Logger;
  /** Told of a watcher's failure, in ko/en words. */
  readonly onError?: (accountId: string, error: MailboxError) => void;
}

/** The service. */
export interface MailboxService {
  /** Where an account's mailbox is. */
  placeOf(accountId: string): MailboxPlace;
  /** Names the mailbox server of an account (for relays and custom servers). */
  nameServer(accountId: string, server: NamedMailboxServer): MailboxPlace;
  /** One check of an account's mailbox now: what it found, or why it could not read (words in the renderer, ko/en). */
  checkNow(accountId: string): Promise<CheckOutcome>;
  /** Starts a watcher for every account with a campaign sent within 72 hours; stops the others. */
  refresh(): Promise<void>;
  /** Accounts watched now. */
  watching(): string[];
  /** When watching an account's mailbox ends (ms since epoch), or null when there is nothing to watch for. */
  watchUntil(accountId: string): number | null;
  /** The admin stops watching an account's mailbox (until it sends again) or watches it one more day; `refresh()` applies it. */
  setWatch(accountId: string, action: 'stop' | 'extend'): void;
  /** Stops every watcher. */
  close(): Promise<void>;
}

const serverKey = (accountId: string) => `mailbox.server.${accountId}`;
const watchKey = (accountId: string) => `mailbox.watch.${accountId}`;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

/** Creates the service. */
export function createMailboxService(deps: MailboxServiceDeps): MailboxService {
  const { accounts, outcomes, preferences, now, log } = deps;
  const watchers = new Map<string, MailboxWatcher>();
  const watchChoice = (accountId: string): WatchChoice => (preferences.get(watchKey(accountId)) as WatchChoice | undefined) ?? {};
  const endOf = (accountId: string) => watchEnd(outcomes.lastSentAt(accountId), watchChoice(accountId));
  const matchWindowOf = (accountId: string) => matchWindowMs(outcomes.lastSentAt(accountId), watchChoice(accountId));

  const placeOf = (accountId: string): MailboxPlace => {
    const record = accounts.record(accountId);
    const named = preferences.get(serverKey(accountId)) as NamedMailboxServer | undefined;
    if (named) return { kind: 'imap', server: named, named: true };
    const preset = PRESET_MAILBOXES[record.presetId];
    if (preset.kind === 'imap') return { kind: 'imap', server: { host: preset.settings.host, port: preset.settings.port, security: preset.settings.secure ? 'tls' : 'starttls' }, named: false };
    return preset;
  };

  const stateStore = (accountId: string): WatcherStateStore => ({
    load: async () => outcomes.loadState(accountId),
    save: async (state) => outcomes.saveState(accountId, state),
  });

  const authOf = async (accountId: string): Promise<MailboxWatcherOptions['auth']> => {
    const record = accounts.record(accountId);
    const credentials = await accounts.credentialsOf(accountId);
    if (credentials.kind === 'oauth') {
      // A Gmail-API grant holds gmail.send only; reading needs https://mail.google.com/ (app/mailbox/README.md).
      if (credentials.sendMethod === 'gmail-api') throw new MailboxError('oauth-scope', 'gmail.send only');
      const { tokens } = credentials;
      // Asked before every connection: a watcher outlives an access token (one hour at Google).
      return async ({ renew }): Promise<ImapAuth> => {
        try {
          return { kind: 'xoauth2', user: tokens.user, accessToken: (await tokens.get({ renew })).token };
        } catch (error) {
          if (error instanceof OAuthError) throw new MailboxError(error.needsReconnect ? 'oauth-grant' : 'connection', error.oauthError || error.code);
          throw error;
        }
      };
    }
    if (credentials.password === undefined) {
      throw new AppError('invalid-input', 'This account logs in without a password, so its mailbox cannot be read with it.', 'Name the mailbox where its bounces arrive, with an account that has a password.');
    }
    return { kind: 'password', user: record.username, pass: credentials.password };
  };

  const watcherFor = async (accountId: string, watch: boolean): Promise<MailboxWatcher> => {
    const place = placeOf(accountId);
    if (place.kind === 'none') throw noMailbox(place.reason);
    const record = accounts.record(accountId);
    const options: MailboxWatcherOptions = {
      host: place.server.host,
      port: place.server.port,
      security: place.server.security,
      auth: await authOf(accountId),
      ...(record.caCertificate ? { ca: record.caCertificate } : {}),
      since: new Date(now() - matchWindowOf(accountId)),
    };
    return new MailboxWatcher(options, {
      sink: outcomes,
      rows: outcomes.rowsFor(accountId),
      state: stateStore(accountId),
      now: () => new Date(now()),
      windowMs: () => matchWindowOf(accountId),
      ...(watch
        ? {
            // Watching ends 72 hours after the account's last send (a later send moves the end), or when the admin says.
            until: () => endOf(accountId) ?? now(),
            onError: (error: MailboxError) => {
              log(`[mailbox] ${accountId}: ${error.problem}`);
              deps.onError?.(accountId, error);
            },
          }
        : {}),
    });
  };

  const service: MailboxService = {
    placeOf,
    nameServer(accountId, server) {
      accounts.record(accountId);
      const host = server.host.trim();
      if (host === '' || !/^[\w.:-]+$/.test(host)) throw new AppError('invalid-input', 'The mailbox server name is not a host name.', 'For example imap.example.com.');
      if (!Number.isInteger(server.port) || server.port < 1 || server.port > 65535) throw new AppError('invalid-input', 'The port must be a number from 1 to 65535.', 'IMAP over TLS is usually 993.');
      if (server.security === 'none' && !LOOPBACK.test(host)) {
        throw new AppError('invalid-input', 'A mailbox password is sent only over an encrypted connection.', 'Choose TLS (port 993) or STARTTLS (port 143).');
      }
      preferences.set(serverKey(accountId), { host, port: server.port, security: server.security });
      return placeOf(accountId);
    },
    async checkNow(accountId) {
      const place = placeOf(accountId);
      if (place.kind === 'none') return { ok: false, problem: 'no-mailbox', reason: place.reason };
      try {
        const watcher = await watcherFor(accountId, false);
        const summary = await watcher.checkNow();
        return { ok: true, summary: { ...summary, uidValidityChanged: [...summary.uidValidityChanged] } };
      } catch (error) {
        if (error instanceof MailboxError) return { ok: false, problem: error.problem };
        throw error;
      }
    },
    async refresh() {
      const recent = new Set(
        accounts
          .list()
          .map((a) => a.id)
          .filter((id) => {
            const end = endOf(id);
            return end !== null && end > now() && placeOf(id).kind === 'imap';
          }),
      );
      for (const [id, watcher] of watchers) {
        if (recent.has(id)) continue;
        watchers.delete(id);
        await watcher.stop();
      }
      for (const id of recent) {
        if (watchers.has(id)) continue;
        try {
          const watcher = await watcherFor(id, true);
          watchers.set(id, watcher);
          void watcher.start().then(() => {
            if (watchers.get(id) === watcher) watchers.delete(id);
          });
        } catch (error) {
          // A locked passphrase or a password-less relay: "Check for bounces now" says why; sending goes on.
          log(`[mailbox] ${id} not watched: ${error instanceof AppError ? error.code : 'error'}`);
        }
      }
    },
    watching: () => [...watchers.keys()],
    watchUntil: (accountId) => endOf(accountId),
    setWatch(accountId, action) {
      accounts.record(accountId);
      preferences.set(watchKey(accountId), watchChoiceAfter(action, outcomes.lastSentAt(accountId), watchChoice(accountId), now()));
    },
    async close() {
      const all = [...watchers.values()];
      watchers.clear();
      await Promise.all(all.map((w) => w.stop()));
    },
  };
  return service;
}

/** The error of an account whose preset has no mailbox of its own. */
function noMailbox(reason: NoMailboxReason): AppError {
  switch (reason) {
    case 'relay':
    case 'sending-service':
      return new AppError(
        'invalid-input',
        'This account sends through a relay or a sending service, which has no mailbox of its own: bounces go to the Return-Path address.',
        'Name the mailbox where its bounces arrive (IMAP server) to check it.',
      );
    case 'user-named':
      return new AppError('invalid-input', 'No mailbox server is named for this account yet.', 'Name the IMAP server of its mailbox to check it for bounces.');
  }
}
