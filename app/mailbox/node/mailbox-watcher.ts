/**
 * The mailbox watcher: reads the sending account's mailbox over IMAP (imapflow) for delivery reports
 * and unsubscribe requests and tells the campaign side through MailboxOutcomeSink.
 * - Never downloads whole mailboxes: a server-side SEARCH by UID range (or by date on the first pass
 *   or after a UIDVALIDITY change) and sender/content type; then ENVELOPEs of the hits; then the full
 *   source only of candidates (BODY.PEEK[]: no \Seen flag set).
 * - Read-only by default (EXAMINE); with `moveHandledTo` it opens read-write and MOVEs handled reports.
 * - Remembers UIDVALIDITY and the last UID per mailbox, and the keys of handled reports, so a rescan
 *   after a UIDVALIDITY change or a connection dropped mid-fetch counts nothing twice.
 * - IDLE where the server offers it, polling otherwise.
 */
import { ImapFlow, type FetchMessageObject, type SearchObject } from 'imapflow';
import type { ImapAuth } from '../common/imap-settings';
import { saysAddressGone } from '../common/delivery-report';
import { MATCH_WINDOW_MS, matchableFromReport, matchReport, normalizeMessageId, type MailboxOutcomeSink, type SentRow, type SentRowSource } from '../common/match-report';
import { MAILBOX_PROBLEM_WORDS, type MailboxProblem } from '../common/mailbox-diagnosis';
import { asksToUnsubscribe, parseUnsubscribeToken } from '../common/unsubscribe-request';
import { readMailboxMessage } from './mailbox-message';

/** How the connection is secured: implicit TLS (993), STARTTLS required, or none (loopback tests only). */
export type ImapSecurity = 'tls' | 'starttls' | 'none';

/** Where and how to read. */
export interface MailboxWatcherOptions {
  /** IMAP host. */
  readonly host: string;
  /** IMAP port. */
  readonly port: number;
  /** Connection security. */
  readonly security: ImapSecurity;
  /**
   * Login: app password or XOAUTH2 access token, or a function asked before every connection (an
   * OAuth account's token is refreshed there; `renew` after the server refused the last one).
   */
  readonly auth: ImapAuth | ((options: { readonly renew: boolean }) => Promise<ImapAuth>);
  /** Extra CA certificate (PEM) to trust, for a server with its own certificate. */
  readonly ca?: string;
  /** Mailboxes to read (default INBOX). */
  readonly mailboxes?: readonly string[];
  /** The first pass (and a pass after UIDVALIDITY changed) reads messages on or after this day. */
  readonly since: Date;
  /** Move handled reports to this folder (created when missing); null/absent keeps the mailbox untouched. */
  readonly moveHandledTo?: string | null;
  /** Polling interval when the server has no IDLE, and the longest IDLE before a fresh check (ms). */
  readonly pollMs?: number;
  /** Messages per FETCH command (default 50). */
  readonly fetchBatch?: number;
  /** How far back sent rows are candidates for matching (ms; default 72 hours). */
  readonly windowMs?: number;
  /** imapflow logger (tests count commands through it); default none. */
  readonly logger?: false | { debug(o: object): void; info(o: object): void; warn(o: object): void; error(o: object): void };
}

/** Where one mailbox was read up to. */
export interface MailboxPosition {
  /** The mailbox's UIDVALIDITY, as a decimal string. */
  readonly uidValidity: string;
  /** Every UID up to this one was read. */
  readonly lastUid: number;
}

/** What the watcher remembers between checks (the composition root persists it). */
export interface WatcherState {
  /** Position per mailbox name. */
  readonly positions: Readonly<Record<string, MailboxPosition>>;
  /** Keys of handled reports (message key + recipient), newest last, bounded. */
  readonly handled: readonly string[];
}

/** Persistence of WatcherState (one per watched account). */
export interface WatcherStateStore {
  /** The saved state, or null before the first check. */
  load(): Promise<WatcherState | null>;
  /** Saves the state (called after every handled message). */
  save(state: WatcherState): Promise<void>;
}

/** A WatcherStateStore in memory (for a single session, and for tests). */
export function createMemoryWatcherStateStore(initial: WatcherState | null = null): WatcherStateStore & { current(): WatcherState | null } {
  let state = initial;
  return {
    load: async () => state,
    save: async (next) => {
      state = next;
    },
    current: () => state,
  };
}

/** What one check did. */
export interface CheckSummary {
  /** Messages whose full source was fetched. */
  readonly sourcesFetched: number;
  /** Bounces recorded through the sink. */
  readonly bounces: number;
  /** Delayed reports seen (never recorded as bounces). */
  readonly delayed: number;
  /** Unsubscribe requests recorded through the sink. */
  readonly unsubscribes: number;
  /** Auto-replies recognised and ignored. */
  readonly autoReplies: number;
  /** Reports no sent row matched (another campaign's, or an address not in any campaign). */
  readonly unmatched: number;
  /** Mailboxes whose UIDVALIDITY changed since the last check (rescanned by date). */
  readonly uidValidityChanged: readonly string[];
}

/** A failure to read the mailbox, diagnosed; its message never contains the password or token. */
export class MailboxError extends Error {
  /** What went wrong. */
  readonly problem: MailboxProblem;
  /** Korean words for the user. */
  readonly ko: string;
  /** English words for the user. */
  readonly en: string;
  constructor(problem: MailboxProblem, detail: string) {
    super(`${MAILBOX_PROBLEM_WORDS[problem].en} (${detail})`);
    this.name = 'MailboxError';
    this.problem = problem;
    this.ko = MAILBOX_PROBLEM_WORDS[problem].ko;
    this.en = MAILBOX_PROBLEM_WORDS[problem].en;
  }
}

/** Maps an imapflow/socket error to a MailboxError (server words kept, secrets never present in them). */
export function diagnoseImapError(error: unknown): MailboxError {
  if (error instanceof MailboxError) return error;
  const e = error as { authenticationFailed?: boolean; code?: string; responseText?: string; serverResponseCode?: string; message?: string };
  const words = e.responseText ?? e.message ?? String(error);
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED') {
    return new MailboxError(/IMAP (?:access )?(?:is )?disabled|enable IMAP|IMAP 사용/i.test(words) ? 'imap-disabled' : 'auth', words);
  }
  if (e.serverResponseCode === 'NONEXISTENT' || /Mailbox doesn't exist|NONEXISTENT/i.test(words)) return new MailboxError('mailbox-missing', words);
  if (/CERT|SSL|TLS|self[- ]signed/i.test(`${e.code ?? ''} ${words}`)) return new MailboxError('tls', e.code ?? words);
  if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|NoConnection|ClosedAfterConnectTLS|ClosedAfterConnectText)$/.test(e.code ?? '') || /connection (?:not available|closed)|socket|closed/i.test(words)) {
    return new MailboxError('connection', e.code ?? words);
  }
  return new MailboxError('protocol', words);
}

/**
 * Server-side SEARCH terms for candidates: bounce senders, report content types, failure headers,
 * replies (In-Reply-To present) and unsubscribe subjects (ko/en). Non-ASCII terms go with CHARSET UTF-8.
 */
export const CANDIDATE_SEARCH: readonly SearchObject[] = [
  { from: 'mailer-daemon' },
  { from: 'postmaster' },
  { from: 'navermail_noreply' },
  { header: { 'content-type': 'report' } },
  { header: { 'x-failed-recipients': '' } },
  { header: { 'in-reply-to': '' } },
  { subject: 'unsubscribe' },
  { subject: 'mr1.' },
  { subject: 'undeliver' },
  { subject: 'delivery status' },
  { subject: '수신거부' },
  { subject: '수신 거부' },
  { subject: '발송' },
];

const DSN_FROM = /^(mailer-daemon|postmaster|mail-daemon|navermail_noreply)@/i;
const HANDLED_KEEP = 5000;
const BATCH = 50;

type Envelope = NonNullable<FetchMessageObject['envelope']>;

/** A one-shot timer: calls `fire` after `ms`; the returned function cancels it. */
export type SetTimer = (fire: () => void, ms: number) => () => void;

const realTimer: SetTimer = (fire, ms) => {
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
};

/** Reads one account's mailbox for reports; see the module comment. */
export class MailboxWatcher {
  private stopped = false;
  private wake: (() => void) | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly options: MailboxWatcherOptions,
    private readonly deps: {
      readonly sink: MailboxOutcomeSink;
      readonly rows: SentRowSource;
      readonly state: WatcherStateStore;
      readonly now?: () => Date;
      /** Timers of the watching loop (poll interval, backoff, the window's end); tests give a fake clock's. */
      readonly setTimer?: SetTimer;
      /** When watching ends (ms since epoch; the campaign window, which the user may extend), read before every wait; null: no end. */
      readonly until?: () => number | null;
      /** How far back sent rows are matched, read before every check (it grows when the admin extends watching); default `options.windowMs`. */
      readonly windowMs?: () => number;
      /** Told of every failed check while watching (the loop carries on). */
      readonly onError?: (error: MailboxError) => void;
      /** Told of every finished check while watching. */
      readonly onCheck?: (summary: CheckSummary) => void;
    },
  ) {}

  /** The matching window of the check under way. */
  private windowMs = MATCH_WINDOW_MS;

  private client(auth: ImapAuth): ImapFlow {
    const { host, port, security, ca, logger } = this.options;
    return new ImapFlow({
      host,
      port,
      secure: security === 'tls',
      doSTARTTLS: security === 'starttls' ? true : security === 'none' ? false : undefined,
      auth: auth.kind === 'password' ? { user: auth.user, pass: auth.pass } : { user: auth.user, accessToken: auth.accessToken },
      tls: ca ? { ca: [ca] } : undefined,
      logger: logger ?? false,
      disableAutoIdle: true,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 5 * 60_000,
    } as ConstructorParameters<typeof ImapFlow>[0]);
  }

  private async connect(): Promise<ImapFlow> {
    const { auth } = this.options;
    const attempt = async (renew: boolean): Promise<ImapFlow> => {
      const client = this.client(typeof auth === 'function' ? await auth({ renew }) : auth);
      client.on('error', () => undefined);
      try {
        await client.connect();
        return client;
      } catch (error) {
        client.close();
        throw diagnoseImapError(error);
      }
    };
    try {
      return await attempt(false);
    } catch (error) {
      // A cached OAuth token the server no longer takes: once more with a fresh one.
      if (typeof auth === 'function' && error instanceof MailboxError && error.problem === 'auth') return attempt(true);
      throw error;
    }
  }

  /** One check of every mailbox ("Check for bounces now"). Throws MailboxError; sending is never touched. */
  async checkNow(): Promise<CheckSummary> {
    const client = await this.connect();
    try {
      return await this.checkWith(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  private async checkWith(client: ImapFlow): Promise<CheckSummary> {
    const summary = { sourcesFetched: 0, bounces: 0, delayed: 0, unsubscribes: 0, autoReplies: 0, unmatched: 0, uidValidityChanged: [] as string[] };
    const now = this.deps.now?.() ?? new Date();
    this.windowMs = this.deps.windowMs?.() ?? this.options.windowMs ?? MATCH_WINDOW_MS;
    const rows = await this.deps.rows.sentRowsSince(new Date(now.getTime() - this.windowMs));
    try {
      for (const mailbox of this.options.mailboxes ?? ['INBOX']) await this.checkMailbox(client, mailbox, rows, summary);
    } catch (error) {
      throw diagnoseImapError(error);
    }
    return summary;
  }

  private async checkMailbox(client: ImapFlow, mailbox: string, rows: readonly SentRow[], summary: { -readonly [K in keyof CheckSummary]: CheckSummary[K] } & { uidValidityChanged: string[] }): Promise<void> {
    const moveTo = this.options.moveHandledTo ?? null;
    const opened = await client.mailboxOpen(mailbox, { readOnly: moveTo === null });
    const uidValidity = String(opened.uidValidity);
    const uidNext = opened.uidNext;
    let state: WatcherState = (await this.deps.state.load()) ?? { positions: {}, handled: [] };
    const position = state.positions[mailbox];
    const continuing = position !== undefined && position.uidValidity === uidValidity;
    if (position !== undefined && !continuing) summary.uidValidityChanged.push(mailbox);
    const floor = continuing ? position.lastUid : 0;
    const save = async (lastUid: number, handled: readonly string[]) => {
      state = { positions: { ...state.positions, [mailbox]: { uidValidity, lastUid } }, handled: handled.slice(-HANDLED_KEEP) };
      await this.deps.state.save(state);
    };
    if (opened.exists === 0 || uidNext - 1 <= floor) {
      await save(Math.max(floor, uidNext - 1), state.handled);
      return;
    }
    const range: SearchObject = continuing ? { uid: `${floor + 1}:${uidNext - 1}` } : { since: this.options.since, uid: `1:${uidNext - 1}` };
    const hits = ((await client.search({ ...range, or: [...CANDIDATE_SEARCH] }, { uid: true })) || []).filter((uid) => uid > floor && uid < uidNext).sort((a, b) => a - b);

    const sentIds = new Set(rows.flatMap((row) => (row.messageId ? [normalizeMessageId(row.messageId)] : [])));
    const candidates: number[] = [];
    for (let i = 0; i < hits.length; i += BATCH) {
      for await (const message of client.fetch(hits.slice(i, i + BATCH).join(','), { uid: true, envelope: true }, { uid: true })) {
        if (message.envelope && isCandidate(message.envelope, sentIds)) candidates.push(message.uid);
      }
    }
    candidates.sort((a, b) => a - b);

    const handled = new Set(state.handled);
    const handledList = [...state.handled];
    const toMove: number[] = [];
    const remember = (key: string) => {
      if (!handled.has(key)) {
        handled.add(key);
        handledList.push(key);
      }
    };
    const batchSize = this.options.fetchBatch ?? BATCH;
    for (let i = 0; i < candidates.length; i += batchSize) {
      const batch = candidates.slice(i, i + batchSize);
      const sources: Array<{ uid: number; source: Buffer }> = [];
      for await (const message of client.fetch(batch.join(','), { uid: true, source: true }, { uid: true })) {
        if (message.source) sources.push({ uid: message.uid, source: message.source });
      }
      for (const { uid, source } of sources.sort((a, b) => a.uid - b.uid)) {
        summary.sourcesFetched += 1;
        const read = await readMailboxMessage(source);
        let ours = false;
        if (read.kind === 'delivery-report') {
          for (const report of read.reports) {
            const key = `${read.key}|${report.recipient}`;
            if (report.bounce === null) {
              if (report.action === 'delayed') summary.delayed += 1;
              continue;
            }
            const match = matchReport(matchableFromReport(report), rows, this.windowMs);
            if (match.row === null) {
              summary.unmatched += 1;
              continue;
            }
            ours = true;
            if (handled.has(key)) continue;
            await this.deps.sink.recordBounce(match.row.campaignId, match.row.memberIndex, {
              reportId: key,
              bounce: report.bounce,
              status: report.status,
              diagnostic: report.diagnostic,
              addressGone: saysAddressGone(report.status, report.diagnostic),
              reportedAt: report.reportedAt,
              recipient: report.recipient,
              matchedBy: match.by,
              shape: report.shape,
            });
            summary.bounces += 1;
            remember(key);
          }
        } else if (read.kind === 'auto-reply') {
          summary.autoReplies += 1;
        } else if (read.kind === 'unsubscribe-request') {
          const tokenRow = read.token ? rows.find((row) => row.campaignId === read.token!.campaignId && row.memberIndex === read.token!.memberIndex) : undefined;
          const byReference = tokenRow ? null : matchReport({ recipient: '', messageIds: read.messageIds, reportedAt: read.receivedAt }, rows, this.windowMs);
          const row = tokenRow ?? byReference?.row ?? null;
          if (row === null) {
            summary.unmatched += 1;
          } else {
            ours = true;
            if (!handled.has(read.key)) {
              await this.deps.sink.recordUnsubscribe(row.campaignId, row.memberIndex, {
                reportId: read.key,
                from: read.from,
                fromIsMember: read.from === row.email.trim().toLowerCase(),
                subject: read.subject,
                excerpt: read.excerpt,
                receivedAt: read.receivedAt,
                matchedBy: tokenRow ? 'unsubscribe-token' : 'message-id',
              });
              summary.unsubscribes += 1;
              remember(read.key);
            }
          }
        }
        if (ours && moveTo !== null) toMove.push(uid);
        await save(uid, handledList);
      }
    }
    await save(uidNext - 1, handledList);
    if (toMove.length > 0 && moveTo !== null) {
      const boxes = await client.list();
      if (!boxes.some((box) => box.path === moveTo)) await client.mailboxCreate(moveTo);
      await client.messageMove(toMove.join(','), moveTo, { uid: true });
    }
  }

  /**
   * Watches until stop() or the end given by `until`: a check, then IDLE (or a poll interval) until new
   * mail, again; reconnects after failures with a growing pause. Resolves when watching has ended.
   */
  start(): Promise<void> {
    if (this.running) return this.running;
    this.stopped = false;
    this.running = this.loop().finally(() => (this.running = null));
    return this.running;
  }

  /** Whether the watching loop runs. */
  get watching(): boolean {
    return this.running !== null;
  }

  /** Stops watching and waits for the loop to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  private over(): boolean {
    const end = this.deps.until?.() ?? null;
    return end !== null && (this.deps.now?.() ?? new Date()).getTime() >= end;
  }

  private pause(ms: number, client: ImapFlow | null): Promise<void> {
    const end = this.deps.until?.() ?? null;
    const wait = end === null ? ms : Math.max(0, Math.min(ms, end - (this.deps.now?.() ?? new Date()).getTime()));
    return new Promise((resolve) => {
      const done = () => {
        cancel();
        client?.off('exists', done);
        client?.off('close', done);
        this.wake = null;
        resolve();
      };
      const cancel = (this.deps.setTimer ?? realTimer)(done, wait);
      this.wake = done;
      client?.on('exists', done);
      client?.on('close', done);
    });
  }

  private async loop(): Promise<void> {
    const pollMs = this.options.pollMs ?? 5 * 60_000;
    let failures = 0;
    while (!this.stopped && !this.over()) {
      let client: ImapFlow | null = null;
      try {
        client = await this.connect();
        while (!this.stopped && !this.over() && client.usable) {
          // Not inside `onCheck?.(…)`: an optional call skips its arguments when there is no listener.
          const summary = await this.checkWith(client);
          this.deps.onCheck?.(summary);
          failures = 0;
          if (this.stopped || this.over()) break;
          if (client.capabilities.has('IDLE')) {
            // IDLE ends by itself when the next command (the check's SELECT) is sent.
            void client.idle().catch(() => undefined);
            await this.pause(pollMs, client);
          } else {
            await this.pause(pollMs, null);
          }
        }
      } catch (error) {
        failures += 1;
        this.deps.onError?.(diagnoseImapError(error));
        if (!this.stopped && !this.over()) await this.pause(Math.min(pollMs, 1000 * 2 ** Math.min(failures, 8)), null);
      } finally {
        if (client) await client.logout().catch(() => client?.close());
      }
    }
  }
}

/** Whether an envelope is worth fetching in full: a bounce sender or subject, or a reply to one of our messages / about unsubscribing. */
function isCandidate(envelope: Envelope, sentIds: ReadonlySet<string>): boolean {
  const from = envelope.from?.[0]?.address ?? '';
  const subject = envelope.subject ?? '';
  if (DSN_FROM.test(from)) return true;
  if (/undeliver|delivery status|returned mail|failure notice|delivery failed|발송\s*실패|전송되지\s*못/i.test(subject)) return true;
  if (parseUnsubscribeToken(subject) !== null || asksToUnsubscribe(subject, '')) return true;
  const inReplyTo = envelope.inReplyTo?.match(/<[^>\s]+>/g) ?? [];
  return inReplyTo.some((id) => sentIds.has(normalizeMessageId(id)));
}
