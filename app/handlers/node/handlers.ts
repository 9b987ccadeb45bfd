/** The one handler table, served by both hosts (Electron IPC and the loopback WebSocket host). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../ipc/common/app-error';
import type { Handlers } from '../../ipc/common/dispatch';
import { parseGoogleClientJson } from '../../oauth/common/google-oauth';
import { toLogtoConfig } from '../../logto/common/logto-config';
import { importLogto } from '../../accounts/node/logto-import';
import { runAccountCheck } from '../../accounts/node/account-check';
import { createOAuthConnector } from '../../oauth/node/oauth-connect';
import { createAccountStore } from '../../accounts/node/account-store';
import { exportAccounts, importAccounts, type ExportDeliverer } from '../../accounts/node/account-transfer';
import type { Clock, EventSink, KeyValueStore } from '../../storage/node/ports';
import type { SecretKeeper } from '../../secrets/node/secret-keeper';
import { createSendLedger, moveConfLedger, noteRefusal } from '../../accounts/node/send-ledger';
import { loginKeyOf } from '../../accounts/common/login-key';
import { sendTestMessage } from '../../accounts/node/send-test';
import { sendOneMessage } from '../../accounts/node/send-message';
import { readSettings, writeSettings } from '../../storage/node/settings-store';
import { createCampaignRunner } from '../../campaigns/node/campaign-runner';
import { createMailboxOutcomes } from '../../campaigns/node/mailbox-outcomes';
import { createMailboxService } from '../../mailbox/node/mailbox-service';
import { DEFAULT_MAILBOX_OPTIONS, mailboxOptionsSchema, type MailboxOptions } from '../../ipc/common/contract';
import { createCampaignStore } from '../../campaigns/node/campaign-store';
import { createDraftHandlers } from '../../campaigns/node/draft-handlers';
import { createDraftStore } from '../../campaigns/node/draft-store';
import { createCampaignHousekeeping } from '../../campaigns/node/campaign-housekeeping';
import { processLocale } from '../../campaigns/node/campaign-naming';
import { createListHandlers } from '../../lists/node/list-handlers';
import { createListStore } from '../../lists/node/list-store';
import { createSuppressionStore } from '../../lists/node/suppression-store';
import { createTemplateStore } from '../../templates/node/template-store';
import { DATABASE_FILE_NAME, openDatabase, type MailroomDatabase } from '../../storage/node/database';
import { importJsonStores } from './json-import';
import { createMemberFilesHandlers } from '../../member-files/node/member-files-handlers';

/** What the handlers need from their host. */
export interface HandlerDeps {
  /** Opens one named persistent store (electron-store in Electron, `conf` under Node). */
  readonly openStore: (name: string) => KeyValueStore;
  /** Encrypts secrets: the OS keychain, or a passphrase. */
  readonly secrets: SecretKeeper;
  /** Pushes events to the renderer(s). */
  readonly emit: EventSink;
  /** Time source. */
  readonly clock: Clock;
  /** Which host serves the handlers. */
  readonly host: 'electron' | 'web';
  /** App version. */
  readonly version: string;
  /** Folder for the campaign journals (append-only files, fsync'd). */
  readonly journalDir: string;
  /**
   * The data folder: the database file (`mailroom.sqlite3`) lives there, and the JSON stores of earlier
   * versions found there are moved into it once. Absent: an in-memory database (tests of other rooms).
   */
  readonly dataDir?: string;
  /** An open database to use instead (tests and the bench share one); wins over `dataDir`. */
  readonly database?: MailroomDatabase;
  /** Log sink; never receives secrets. */
  readonly log?: (line: string) => void;
  /**
   * Opens an authorization URL in the system browser; resolves false when it did not (Electron:
   * `shell.openExternal` behind the https allowlist; the browser host prints it instead). Absent: never opened.
   */
  readonly openExternal?: (url: string) => Promise<boolean>;
  /** The Gmail API base URL; absent: Google's (`https://gmail.googleapis.com`). */
  readonly gmailApiBase?: string;
  /**
   * Saves an accounts export and shows its passphrase outside the page (Electron: native dialogs; the
   * browser host: its data folder and terminal). Absent: `accounts:export` is refused.
   */
  readonly deliverExport?: ExportDeliverer;
  /** How long a consent waits for the browser, in ms (default 5 minutes). */
  readonly oauthTimeoutMs?: number;
  /** Whether campaigns left running are resumed at start (default true; the command line says false). */
  readonly recoverCampaigns?: boolean;
  /** How often (ms) a scheduled campaign's time is checked against the clock at most (tests with a fake clock: short). */
  readonly scheduleCheckMs?: number;
  /** Receives a function that writes pending state (the send ledger) now: the command line calls it before it exits. */
  readonly onFlush?: (flush: () => void) => void;
  /**
   * Whether mailbox watchers run for accounts with a campaign sent in the last 72 hours (the app's
   * composition says true; tests and the command line leave it off). "Check for bounces now" works either way.
   */
  readonly watchMailboxes?: boolean;
  /** Receives a function that stops the mailbox watchers: the host calls it when it closes. */
  readonly onClose?: (close: () => Promise<void>) => void;
  /** Opens a native folder dialog for per-member attachments (Electron); absent: the page types the folder (browser host). */
  readonly pickFolder?: () => Promise<string | null>;
}

/** The preferences key of the mailbox watcher's automatic suppression settings. */
const MAILBOX_OPTIONS_KEY = 'mailbox.options';

/**
 * The key-value store names, one file each. Secrets live apart from the records they belong to. Lists,
 * templates, suppression and campaigns live in the database (their old JSON files are moved once).
 */
export const STORE_NAMES = {
  accounts: 'accounts',
  secrets: 'secrets',
  preferences: 'preferences',
  ledger: 'ledger',
} as const;

/** Opens the database of the handlers: the given one, the data folder's file, or one in memory; moves the old JSON stores once. */
export function openHandlerDatabase(deps: Pick<HandlerDeps, 'database' | 'dataDir' | 'journalDir' | 'log' | 'clock'>): MailroomDatabase {
  if (deps.database) return deps.database;
  if (deps.dataDir === undefined) return openDatabase(':memory:');
  mkdirSync(deps.dataDir, { recursive: true });
  const database = openDatabase(join(deps.dataDir, DATABASE_FILE_NAME));
  importJsonStores(database, deps.dataDir, deps.journalDir, deps.log ?? (() => undefined), deps.clock.now());
  return database;
}

/** Creates the handler table. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { emit, clock, secrets } = deps;
  const preferences = deps.openStore(STORE_NAMES.preferences);
  const database = openHandlerDatabase(deps);
  // The ledger counts per login; the accounts (made next, they show its counts) say whose login an id is.
  const loginOf = (accountId: string) => {
    try {
      return loginKeyOf(accounts.record(accountId));
    } catch {
      return undefined; // an account removed meanwhile: its sends stay under its id
    }
  };
  const ledger = createSendLedger(database, clock, { loginOf: (id) => loginOf(id), ...(deps.log ? { log: deps.log } : {}) });
  const secretStore = deps.openStore(STORE_NAMES.secrets);
  const accounts = createAccountStore({
    records: deps.openStore(STORE_NAMES.accounts),
    secrets: secretStore,
    cipher: secrets,
    clock,
    ledger,
    ...(deps.gmailApiBase === undefined ? {} : { gmailApiBase: deps.gmailApiBase }),
  });
  moveConfLedger(database, deps.openStore(STORE_NAMES.ledger), loginOf, clock.now());
  const templates = createTemplateStore(database, clock);
  const announceAccounts = () => emit('accounts:changed', { accounts: accounts.list() });
  // A new campaign's default name carries its date in the admin's language (the OS's while "system").
  const adminLocale = () => {
    const { language } = readSettings(preferences);
    return language === 'system' ? processLocale() : language;
  };
  const campaigns = createCampaignStore(database, clock, { locale: adminLocale });
  const listHandlers = createListHandlers({
    accounts,
    ledger,
    lists: createListStore(database, clock),
    suppression: createSuppressionStore(database, clock),
    templates,
    campaigns,
    emit,
    clock,
  });
  const oauth = createOAuthConnector({
    accounts,
    clock,
    announce: (url, opened) => emit('oauth:consent', { url, opened }),
    openExternal: deps.openExternal ?? (async () => false),
    ...(deps.oauthTimeoutMs === undefined ? {} : { timeoutMs: deps.oauthTimeoutMs }),
  });
  const suppression = createSuppressionStore(database, clock);
  const mailboxOptions = (): MailboxOptions => {
    const saved = mailboxOptionsSchema.safeParse({ ...DEFAULT_MAILBOX_OPTIONS, ...(preferences.get(MAILBOX_OPTIONS_KEY) as object | undefined) });
    return saved.success ? saved.data : DEFAULT_MAILBOX_OPTIONS;
  };
  const outcomes = createMailboxOutcomes({ database, campaigns, suppression, journalDir: deps.journalDir, clock, emit, options: mailboxOptions });
  const mailbox = createMailboxService({ accounts, outcomes, preferences, now: () => clock.now(), log: deps.log ?? (() => undefined) });
  const watchMailboxes = () => {
    if (deps.watchMailboxes === true) void mailbox.refresh().catch((error: unknown) => deps.log?.(`[mailbox] ${error instanceof Error ? error.name : 'error'}`));
  };
  // A run that ends (its last progress is not "running") may start the watcher of its account.
  const emitAndWatch: typeof emit = (channel, payload) => {
    emit(channel, payload);
    if (channel === 'campaigns:progress' && (payload as { status: string }).status !== 'running') watchMailboxes();
  };
  const runner = createCampaignRunner({
    campaigns,
    accounts,
    ledger,
    journalDir: deps.journalDir,
    emit: emitAndWatch,
    clock,
    log: deps.log ?? (() => undefined),
    ...(deps.scheduleCheckMs === undefined ? {} : { scheduleCheckMs: deps.scheduleCheckMs }),
  });
  if (deps.recoverCampaigns !== false) runner.recover();
  deps.onFlush?.(() => ledger.flush());
  deps.onClose?.(() => mailbox.close());
  watchMailboxes();
  // `id` names a campaign (the app's campaign view) or an account (`mailroom bounces --account`).
  const mailboxStatus = (id: string) => {
    const header = campaigns.header(id);
    const accountId = header?.accountId ?? (accounts.list().some((a) => a.id === id) ? id : undefined);
    if (accountId === undefined) throw new AppError('not-found', 'That campaign no longer exists.');
    const until = mailbox.watchUntil(accountId);
    return {
      accountId,
      place: mailbox.placeOf(accountId),
      watching: mailbox.watching().includes(accountId),
      watchUntil: until === null || until <= clock.now() ? null : new Date(until).toISOString(),
      hardBounced: header ? outcomes.hardBounced(id).length : 0,
    };
  };

  return {
    ...listHandlers,
    ...createDraftHandlers(createDraftStore(database, clock)),
    ...createMemberFilesHandlers({ pickFolder: deps.pickFolder }),
    ...createCampaignHousekeeping({ campaigns, drafts: createDraftStore(database, clock), journalDir: deps.journalDir, lists: () => createListStore(database, clock).summaries() }),
    'app:info': async () => ({ version: deps.version, host: deps.host }),
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
    'accounts:send-test': async ({ accountId, to }) => {
      const result = await sendTestMessage(accounts, clock, accountId, to);
      if (result.status === 'sent') ledger.record(accountId);
      else noteRefusal(ledger, accountId, result.failure, clock.now());
      if (result.status === 'sent' || ledger.providerLimit(accountId) !== undefined) announceAccounts();
      return result;
    },
    'messages:send': async (input) => {
      const result = await sendOneMessage({ accounts, ledger, clock, templates: () => templates.list() }, input);
      if (result.status === 'sent') ledger.record(input.accountId, input.to.length);
      if (result.status === 'sent' || ledger.providerLimit(input.accountId) !== undefined) announceAccounts();
      return result;
    },
    'accounts:check': async ({ id }) => {
      const record = accounts.record(id);
      const result = await runAccountCheck(record, await accounts.credentialsOf(id), clock);
      accounts.setLastCheck(id, result);
      announceAccounts();
      return result;
    },
    'accounts:export': async ({ ids }) => {
      const deliver = deps.deliverExport;
      if (!deliver) throw new AppError('invalid-input', 'This Mailroom cannot save an accounts export: it has no way to show the file\'s passphrase outside the page.');
      return exportAccounts(accounts, ids, deliver);
    },
    'accounts:import': async ({ content, passphrase }) => {
      const result = await importAccounts(accounts, content, passphrase);
      announceAccounts();
      return result;
    },
    'accounts:import-logto': async ({ text, mode }) => {
      const outcome = await importLogto({ accounts, templates }, text, mode);
      if (outcome.status !== 'matches-existing') announceAccounts();
      return outcome;
    },
    'accounts:export-logto': async ({ accountId, templateIds }) => {
      const account = accounts.list().find((a) => a.id === accountId);
      if (!account) throw new AppError('not-found', 'That account no longer exists.');
      const chosen = templates.list().filter((t) => templateIds.includes(t.id));
      const { config, notes } = toLogtoConfig(account, chosen);
      return { fileName: `logto-smtp-${account.label.replace(/[^\w.-]+/g, '-')}.json`, content: JSON.stringify(config, null, 2), notes };
    },
    'templates:list': async () => templates.list(),
    'campaigns:get': async ({ id, ...window }) => {
      const detail = runner.detail(id, window);
      return { ...detail, rows: outcomes.withSuppression(detail.rows) };
    },
    'campaigns:list': async () => runner.list(),
    'campaigns:history': async ({ offset, limit }) => runner.history(offset, limit),
    'campaigns:start': async ({ id }) => runner.start(id),
    'campaigns:pause': async ({ id }) => runner.pause(id),
    'campaigns:cancel': async ({ id }) => runner.cancel(id),
    'campaigns:schedule': async ({ id, at }) => runner.schedule(id, at === null ? null : Date.parse(at)),
    'campaigns:requeue': async ({ id, which, includePermanent }) => runner.requeue(id, which, includePermanent),
    'campaigns:export': async ({ id }) => runner.exportCsv(id),
    'mailbox:status': async ({ id }) => mailboxStatus(id),
    'mailbox:watch': async ({ id, action }) => {
      mailbox.setWatch(mailboxStatus(id).accountId, action);
      if (deps.watchMailboxes === true) await mailbox.refresh();
      return mailboxStatus(id);
    },
    'mailbox:set-server': async ({ id, server }) => {
      mailbox.nameServer(mailboxStatus(id).accountId, server);
      watchMailboxes();
      return mailboxStatus(id);
    },
    'mailbox:check': async ({ id }) => mailbox.checkNow(mailboxStatus(id).accountId),
    'mailbox:unsubscribes': async () => outcomes.pendingUnsubscribes(),
    'mailbox:review': async ({ reportId, action }) => outcomes.review(reportId, action),
    'mailbox:suppress-bounced': async ({ id, index }) => outcomes.suppressBounced(id, index),
    'mailbox:options': async () => mailboxOptions(),
    'mailbox:set-options': async (options) => {
      preferences.set(MAILBOX_OPTIONS_KEY, options);
      return mailboxOptions();
    },
    'oauth:import-client': async ({ text }) => {
      const parsed = parseGoogleClientJson(text);
      if (!parsed.ok) return { ok: false, problem: parsed.problem, ...(parsed.field ? { field: parsed.field } : {}) };
      return { ok: true, clientId: parsed.client.clientId, projectId: parsed.client.projectId, authHost: new URL(parsed.client.authUri).host };
    },
    'oauth:connect': async (request) => {
      // Refuse before the browser opens: the grant could not be saved afterwards.
      if (secrets.status().state !== 'ready') {
        throw new AppError('secret-unavailable', 'Saved passwords are locked, so a Google sign-in could not be saved.', 'Enter your Mailroom passphrase first (Accounts or Settings).');
      }
      const result = await oauth.connect(request);
      if (result.status === 'connected') announceAccounts();
      return result;
    },
    'oauth:cancel': async () => ({ cancelled: oauth.cancel() }),
    'secrets:status': async () => secrets.status(),
    'secrets:unlock': async ({ passphrase }) => {
      const status = await secrets.unlock(passphrase);
      announceAccounts();
      if (status.state === 'ready') runner.secretsUnlocked();
      return status;
    },
  };
}
