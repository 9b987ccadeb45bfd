/**
 * The ledger of what each login sent, to count a rolling 24-hour window the way providers do ("Limits
 * per day are applied over a rolling 24-hour period, not a set time of day", providers.md §3.1), and the
 * provider's own word when it refuses a send for its daily limit. The campaign engine records every
 * hand-over here; "Send test", "Send this notice to me" and the command line's `send` do too.
 *
 * It lives in the database (tables `send_ledger` and `provider_limits`), keyed by the login the provider
 * counts against (`loginKeyOf`), so two Mailroom accounts on one login share a count, and the app, the
 * command line and a second window all count each other's sends: every read asks the database.
 *
 * Sends are counted per minute: one row per login and minute, so a busy day is at most 1,440 rows however
 * many thousand messages went out. A minute's sends count as made at its end, so the window frees at most
 * a minute later than the provider's own would, never earlier. Writes are grouped: counts wait in memory
 * (and are counted by this process's reads) for at most `PERSIST_INTERVAL_MS`, then go in one
 * transaction; `flush()` writes at once (the campaign runner calls it when a run ends, the command line
 * before it exits). Another process therefore sees this one's sends at most that late; a crash can lose
 * the last second of counts, while the campaign journals still hold every member's fate.
 */
import { AppError } from '../../ipc/common/app-error';
import type { ProviderLimit } from '../../ipc/common/contract';
import type { SmtpFailure } from '../../diagnosis/common/smtp-diagnosis';
import type { MailroomDatabase } from '../../storage/node/database';
import type { Clock, KeyValueStore } from '../../storage/node/ports';

/** The window providers count their daily limits over. */
export const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;
/** The longest time a recorded send waits to be written to the database. */
export const PERSIST_INTERVAL_MS = 1000;

/** The ledger. Callers name the Mailroom account; the ledger counts per login. */
export interface SendLedger {
  /** Records `count` messages handed over by an account now; once the provider's limit time has passed, a hand-over clears its refusal. */
  record(accountId: string, count?: number): void;
  /** How many messages the account's login handed over in the last 24 hours (every process's sends). */
  sentInLastDay(accountId: string): number;
  /** When the oldest send of the window ages out (ms since epoch), or undefined when nothing was sent. */
  nextFreeAt(accountId: string): number | undefined;
  /**
   * Remembers that the provider refused a send for its daily limit (`reply` its words, at `at`) and works
   * out when sending can go on; answers the state kept.
   */
  noteLimitReply(accountId: string, reply: string, at: number): ProviderLimit;
  /** The provider's word on the login's daily limit, while it stands (until a send succeeds after its time). */
  providerLimit(accountId: string): ProviderLimit | undefined;
  /** Writes pending counts to the database now. */
  flush(): void;
}

/** How the ledger finds an account's login key; undefined (an unknown account) keys by the account id. */
export type LoginResolver = (accountId: string) => string | undefined;

/** Options of the ledger. */
export interface SendLedgerOptions {
  /** The account's login key (`loginKeyOf` of its record); default: every account its own login. */
  readonly loginOf?: LoginResolver;
  /** Where a grouped write that failed (another process held the database too long) is reported; it is retried. */
  readonly log?: (line: string) => void;
}

/**
 * When sending can go on after the provider said the limit is reached at `at`.
 *
 * Providers count a rolling 24 hours; the refusal says the window is full. A slot frees when the oldest
 * send in the provider's window ages out. The provider's oldest send is never younger than the oldest one
 * Mailroom knows of (it counts ours and any made elsewhere, such as in the web mail), so the ledger's next
 * free time is the latest a slot can free: never too early (`ledger`). When Mailroom knows of no send in
 * the window, every counted send was made elsewhere before the reply, so all have aged out 24 hours after
 * it (`reply-plus-day`). A refusal to the resumed send starts the same reckoning again.
 */
export function limitResumeAt(at: number, nextFreeAt: number | undefined): Pick<ProviderLimit, 'basis'> & { readonly resumeAt: number } {
  return nextFreeAt !== undefined && nextFreeAt > at ? { resumeAt: nextFreeAt, basis: 'ledger' } : { resumeAt: at + DAY_MS, basis: 'reply-plus-day' };
}

/** Creates the ledger over the database. */
export function createSendLedger(database: MailroomDatabase, clock: Clock, options: SendLedgerOptions = {}): SendLedger {
  const { db } = database;
  const loginOf = (accountId: string) => options.loginOf?.(accountId) ?? `account|${accountId}`;
  const sumSince = db.prepare<[string, number], { total: number | null; oldest: number | null }>(
    'SELECT SUM(count) AS total, MIN(minute) AS oldest FROM send_ledger WHERE login = ? AND minute > ?',
  );
  const add = db.prepare<[string, number, number]>(
    'INSERT INTO send_ledger (login, minute, count) VALUES (?, ?, ?) ON CONFLICT (login, minute) DO UPDATE SET count = count + excluded.count',
  );
  const prune = db.prepare<[number]>('DELETE FROM send_ledger WHERE minute <= ?');
  const readLimit = db.prepare<[string], { reply: string; replied_at: number; resume_at: number; basis: ProviderLimit['basis'] }>(
    'SELECT reply, replied_at, resume_at, basis FROM provider_limits WHERE login = ?',
  );
  const writeLimit = db.prepare<[string, string, number, number, string]>(
    'INSERT INTO provider_limits (login, reply, replied_at, resume_at, basis) VALUES (?, ?, ?, ?, ?) ON CONFLICT (login) DO UPDATE SET reply = excluded.reply, replied_at = excluded.replied_at, resume_at = excluded.resume_at, basis = excluded.basis',
  );
  const clearLimit = db.prepare<[string, number]>('DELETE FROM provider_limits WHERE login = ? AND resume_at <= ?');

  /** Counts not yet written: login → minute → count. */
  const pending = new Map<string, Map<number, number>>();
  let lastWrite = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Logins whose refusal a recorded send may clear at the next write (the time checked there). */
  const toClear = new Set<string>();

  const write = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    lastWrite = clock.now();
    if (!db.open || (pending.size === 0 && toClear.size === 0)) return;
    const now = clock.now();
    database.write(() => {
      for (const [login, minutes] of pending) for (const [minute, count] of minutes) add.run(login, minute, count);
      for (const login of toClear) clearLimit.run(login, now);
      prune.run(now - DAY_MS - MINUTE_MS);
    });
    pending.clear();
    toClear.clear();
  };
  const persistSoon = () => {
    if (timer) return;
    const wait = lastWrite + PERSIST_INTERVAL_MS - clock.now();
    if (wait <= 0) return tryWrite();
    timer = setTimeout(tryWrite, wait);
    (timer as { unref?: () => void }).unref?.();
  };
  /** A grouped write from a timer must not throw: a busy database keeps the counts pending for the next try. */
  const tryWrite = () => {
    try {
      write();
    } catch (error) {
      options.log?.(`[ledger] write postponed: ${error instanceof AppError ? error.code : error instanceof Error ? error.name : 'error'}`);
      persistSoon();
    }
  };
  /** The login's sends in the window: the database's rows plus this process's pending ones. */
  const windowOf = (accountId: string) => {
    const login = loginOf(accountId);
    const since = clock.now() - DAY_MS - MINUTE_MS;
    const row = sumSince.get(login, since);
    let total = row?.total ?? 0;
    let oldest = row?.oldest ?? undefined;
    for (const [minute, count] of pending.get(login) ?? []) {
      if (minute <= since) continue;
      total += count;
      if (oldest === undefined || minute < oldest) oldest = minute;
    }
    return { total, oldest };
  };

  return {
    record(accountId, count = 1) {
      const now = clock.now();
      const login = loginOf(accountId);
      const minute = now - (now % MINUTE_MS);
      const minutes = pending.get(login) ?? new Map<number, number>();
      minutes.set(minute, (minutes.get(minute) ?? 0) + count);
      pending.set(login, minutes);
      const limit = readLimit.get(login);
      if (limit && limit.resume_at <= now) toClear.add(login);
      persistSoon();
    },
    sentInLastDay: (accountId) => windowOf(accountId).total,
    nextFreeAt(accountId) {
      const { oldest } = windowOf(accountId);
      return oldest === undefined ? undefined : oldest + MINUTE_MS + DAY_MS;
    },
    noteLimitReply(accountId, reply, at) {
      const login = loginOf(accountId);
      const { oldest } = windowOf(accountId);
      const { resumeAt, basis } = limitResumeAt(at, oldest === undefined ? undefined : oldest + MINUTE_MS + DAY_MS);
      database.write(() => writeLimit.run(login, reply, at, resumeAt, basis));
      toClear.delete(login);
      return { reply, repliedAt: new Date(at).toISOString(), resumeAt: new Date(resumeAt).toISOString(), basis };
    },
    providerLimit(accountId) {
      const login = loginOf(accountId);
      if (toClear.has(login)) return undefined;
      const row = readLimit.get(login);
      if (!row) return undefined;
      return { reply: row.reply, repliedAt: new Date(row.replied_at).toISOString(), resumeAt: new Date(row.resume_at).toISOString(), basis: row.basis };
    },
    flush: write,
  };
}

/** The conf key the ledger was kept under before it moved into the database. */
const CONF_KEY = 'sent';
/** Where the moved value is kept afterwards (like the JSON stores' `*.pre-sqlite` files). */
const CONF_KEPT_KEY = 'sent-pre-sqlite';
/** The meta fact that says the move was made (so two processes, or a crash mid-way, never count it twice). */
const MOVED_META = 'ledger-moved-from-conf';

/**
 * Moves a ledger kept in the conf file (versions before the database ledger; both its formats: one
 * timestamp per send, or `[minute, count]` pairs, per account id) into the database once, under each
 * account's login. Sends older than the window are left behind.
 */
export function moveConfLedger(database: MailroomDatabase, store: KeyValueStore, loginOf: LoginResolver, now: number): number {
  const value = store.get(CONF_KEY);
  if (value === undefined) return 0;
  const since = now - DAY_MS - MINUTE_MS;
  const rows = new Map<string, number>();
  if (value && typeof value === 'object') {
    for (const [accountId, entries] of Object.entries(value as Record<string, unknown>)) {
      if (!Array.isArray(entries)) continue;
      const login = loginOf(accountId) ?? `account|${accountId}`;
      for (const entry of entries) {
        const [at, count] = typeof entry === 'number' ? [entry, 1] : Array.isArray(entry) ? [Number(entry[0]), Number(entry[1])] : [NaN, NaN];
        if (!Number.isFinite(at) || !Number.isFinite(count) || count <= 0) continue;
        const minute = at - (at % MINUTE_MS);
        if (minute <= since) continue;
        const key = `${minute}\u0000${login}`;
        rows.set(key, (rows.get(key) ?? 0) + count);
      }
    }
  }
  const { db } = database;
  const moved = database.write(() => {
    if (db.prepare('SELECT 1 FROM meta WHERE key = ?').get(MOVED_META)) return 0;
    const add = db.prepare('INSERT INTO send_ledger (login, minute, count) VALUES (?, ?, ?) ON CONFLICT (login, minute) DO UPDATE SET count = count + excluded.count');
    let total = 0;
    for (const [key, count] of rows) {
      const [minute, login] = key.split('\u0000') as [string, string];
      add.run(login, Number(minute), count);
      total += count;
    }
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(MOVED_META, new Date(now).toISOString());
    return total;
  });
  store.set(CONF_KEPT_KEY, value);
  store.delete(CONF_KEY);
  return moved;
}

/**
 * The failure a single send (a test to myself, the command line's `send`) gets while the provider's word
 * stands: held back, with the provider's reply and the time sending can go on; undefined once it has passed.
 */
export function heldBackByProvider(ledger: SendLedger, accountId: string, now: number): SmtpFailure | undefined {
  const held = ledger.providerLimit(accountId);
  if (held === undefined || Date.parse(held.resumeAt) <= now) return undefined;
  return {
    diagnosis: 'daily-limit',
    response: held.reply,
    message: `Mailroom held this message back: the provider refused a send for its daily limit at ${held.repliedAt}; sending can go on at ${held.resumeAt}.`,
  };
}

/** Remembers a refusal for the daily limit that carries the provider's reply (a hold-back of Mailroom's own has none); others pass. */
export function noteRefusal(ledger: SendLedger, accountId: string, failure: SmtpFailure, now: number): void {
  if (failure.diagnosis === 'daily-limit' && failure.response !== undefined && failure.response !== '') ledger.noteLimitReply(accountId, failure.response, now);
}
