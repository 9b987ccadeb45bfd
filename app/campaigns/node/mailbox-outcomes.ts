/**
 * The campaign side of the mailbox watcher (issue 13, app/mailbox/README.md "Wiring"): records matched
 * bounces and unsubscribe replies as row states (`bounced`, `unsubscribed`) — journaled like every other
 * state, then indexed in the database and pushed to the view — keeps unsubscribe requests for review,
 * answers the watcher's question "which rows were sent lately", and keeps its position per account.
 * Every record is idempotent on the report's id: the `mailbox_reports` row is the proof it was applied.
 */
import { AppError } from '../../ipc/common/app-error';
import { DEFAULT_MAILBOX_OPTIONS, type CampaignRow, type CampaignSummary, type MailboxOptions } from '../../ipc/common/contract';
import { diagnoseSmtpFailure, type SmtpDiagnosis } from '../../diagnosis/common/smtp-diagnosis';
import type { BounceOutcome, MailboxOutcomeSink, SentRow, SentRowSource, UnsubscribeOutcome } from '../../mailbox/common/match-report';
import { DELIVERY_STATUSES, reportedState, summarize, type DeliveryState } from '../common/delivery-state';
import type { MailroomDatabase } from '../../storage/node/database';
import type { Clock, EventSink } from '../../storage/node/ports';
import type { SuppressionStore } from '../../lists/node/suppression-store';
import { appendToJournal, journalFileFor } from './campaign-journal';
import { rowOf } from './campaign-runner';
import type { CampaignStore } from './campaign-store';

/** A saved position in one mailbox (the watcher's `MailboxPosition`). */
export interface SavedPosition {
  /** UIDVALIDITY of the mailbox. */
  readonly uidValidity: string;
  /** Highest UID handled. */
  readonly lastUid: number;
}

/** What the watcher saves per account (the same shape as its `WatcherState`). */
export interface SavedWatcherState {
  /** Position per mailbox name. */
  readonly positions: Readonly<Record<string, SavedPosition>>;
  /** Keys of handled reports, oldest first. */
  readonly handled: readonly string[];
}

/** One unsubscribe request waiting for the user's review. */
export interface UnsubscribeReview {
  /** The reply's id. */
  readonly reportId: string;
  /** The campaign it answered. */
  readonly campaignId: string;
  /** The campaign's subject. */
  readonly subject: string;
  /** The member's index. */
  readonly memberIndex: number;
  /** The member's address (what suppression takes). */
  readonly email: string;
  /** The reply's From. */
  readonly from: string;
  /** Whether From is the member's own address. */
  readonly fromIsMember: boolean;
  /** The first words of the reply. */
  readonly excerpt: string;
  /** When the reply was written, ISO. */
  readonly receivedAt: string;
}

/** The outcomes recorder, the sent-row source and the watcher state, over the database and journals. */
export interface MailboxOutcomes extends MailboxOutcomeSink {
  /** The rows of one account's campaigns the watcher may match. */
  rowsFor(accountId: string): SentRowSource;
  /** The saved watcher state of one account (null before its first check). */
  loadState(accountId: string): SavedWatcherState | null;
  /** Saves one account's watcher state. */
  saveState(accountId: string, state: SavedWatcherState): void;
  /** Unsubscribe requests not yet reviewed, newest first. */
  pendingUnsubscribes(): UnsubscribeReview[];
  /** Confirms a request (the address goes on the suppression list) or dismisses it. */
  review(reportId: string, action: 'suppress' | 'dismiss'): { readonly email: string; readonly suppressed: boolean };
  /** The last time any campaign of an account was sent to (ms), or null when it never was. */
  lastSentAt(accountId: string): number | null;
  /** Addresses of a campaign's hard-bounced rows (hard, or the report says the address is gone) not on the suppression list yet. */
  hardBounced(campaignId: string): string[];
  /**
   * Puts bounced addresses on the suppression list: one bounced row (`index`, any class: the admin's
   * choice), or every hard-bounced row of the campaign. The rows are pushed to the view again.
   */
  suppressBounced(campaignId: string, index?: number): { readonly added: number; readonly emails: string[] };
  /** Rows with `suppressed` said (bounced, unsubscribed and failed rows: whether the address is on the suppression list now). */
  withSuppression(rows: readonly CampaignRow[]): CampaignRow[];
}

/** What the recorder needs. */
export interface MailboxOutcomesDeps {
  readonly database: MailroomDatabase;
  readonly campaigns: CampaignStore;
  readonly suppression: SuppressionStore;
  readonly journalDir: string;
  readonly clock: Clock;
  readonly emit: EventSink;
  /** The automatic suppression settings, read as each report is recorded (absent: both off). */
  readonly options?: () => MailboxOptions;
}

/** The reason written on the suppression list for a confirmed unsubscribe reply. */
export const UNSUBSCRIBE_REASON = 'unsubscribe reply';

/** Added to a suppression reason written by an automatic setting. */
export const AUTOMATIC_MARK = ' (automatic)';

/** The reason written on the suppression list for a bounce: its class and the DSN's status code. */
export function bounceReason(bounce: Extract<DeliveryState, { status: 'bounced' }>): string {
  return [bounce.bounce === 'hard' ? 'hard bounce' : `bounce (${bounce.bounce})`, bounce.dsnStatus].filter(Boolean).join(' ');
}

/** Whether a bounce says the address is gone: what "Suppress hard bounces" and its automatic setting take. */
export const isHardBounce = (state: DeliveryState): boolean => state.status === 'bounced' && (state.bounce === 'hard' || state.addressGone);

/**
 * The diagnosis of a bounce from the one SMTP catalogue: the report's status and words read as the
 * reply of a RCPT TO (which is what the remote server said, only later and by mail).
 */
export function diagnoseBounce(status: string | null, diagnostic: string | null): SmtpDiagnosis {
  const words = (diagnostic ?? '').replace(/^\s*smtp;\s*/i, '').trim();
  const basic = /^([245])\d\d\b/.exec(words)?.[0] ?? (status?.startsWith('5') ? '550' : status?.startsWith('4') ? '450' : undefined);
  const response = /^[245]\d\d[ -]/.test(words) ? words : `${basic ?? '550'} ${status ?? ''} ${words}`.replace(/\s+/g, ' ').trim();
  return diagnoseSmtpFailure({ command: 'RCPT TO', ...(basic === undefined ? {} : { responseCode: Number(basic) }), response, message: words || (status ?? '') });
}

interface ReportRow {
  readonly report_id: string;
  readonly campaign_id: string;
  readonly idx: number;
  readonly email: string;
  readonly data: string;
  readonly reported_at: string;
  readonly subject: string;
}

/** Creates the recorder. */
export function createMailboxOutcomes(deps: MailboxOutcomesDeps): MailboxOutcomes {
  const { database, campaigns, suppression, journalDir, clock, emit } = deps;
  const options = deps.options ?? (() => DEFAULT_MAILBOX_OPTIONS);
  const { db } = database;
  const reportExists = db.prepare<[string], number>('SELECT 1 FROM mailbox_reports WHERE report_id = ?').pluck();
  const insertReport = db.prepare(
    "INSERT OR IGNORE INTO mailbox_reports (report_id, kind, campaign_id, idx, email, data, reported_at, review) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const pending = db.prepare<[], ReportRow>(
    "SELECT r.report_id, r.campaign_id, r.idx, r.email, r.data, r.reported_at, c.subject FROM mailbox_reports r JOIN campaigns c ON c.id = r.campaign_id WHERE r.kind = 'unsubscribe' AND r.review = 'pending' ORDER BY r.reported_at DESC",
  );
  const oneReport = db.prepare<[string], { email: string; kind: string; review: string }>('SELECT email, kind, review FROM mailbox_reports WHERE report_id = ?');
  const setReview = db.prepare('UPDATE mailbox_reports SET review = ?, reviewed_at = ? WHERE report_id = ?');
  const sentRows = db.prepare<[string, number], { campaign_id: string; idx: number; email: string; state: string }>(
    `SELECT r.campaign_id, r.idx, r.email, r.state FROM recipients r JOIN campaigns c ON c.id = r.campaign_id
     WHERE c.account_id = ? AND r.status IN ('sent', 'unknown', 'bounced') AND json_extract(r.state, '$.at') >= ?`,
  );
  const lastSent = db.prepare<[string], number | null>(
    "SELECT max(json_extract(r.state, '$.at')) FROM recipients r JOIN campaigns c ON c.id = r.campaign_id WHERE c.account_id = ? AND r.status IN ('sent', 'unknown')",
  ).pluck();
  const positions = db.prepare<[string], { mailbox: string; uid_validity: string; last_uid: number }>('SELECT mailbox, uid_validity, last_uid FROM mailbox_positions WHERE account_id = ?');
  const handled = db.prepare<[string], string>('SELECT key FROM mailbox_handled WHERE account_id = ? ORDER BY seq').pluck();
  const clearPositions = db.prepare('DELETE FROM mailbox_positions WHERE account_id = ?');
  const clearHandled = db.prepare('DELETE FROM mailbox_handled WHERE account_id = ?');
  const insertPosition = db.prepare('INSERT INTO mailbox_positions (account_id, mailbox, uid_validity, last_uid) VALUES (?, ?, ?, ?)');
  const insertHandled = db.prepare('INSERT INTO mailbox_handled (account_id, seq, key) VALUES (?, ?, ?)');
  const bouncedRows = db.prepare<[string], { idx: number; state: string }>("SELECT idx, state FROM recipients WHERE campaign_id = ? AND status = 'bounced' ORDER BY idx");

  const withSuppression = (rows: readonly CampaignRow[]): CampaignRow[] =>
    rows.map((row) => (row.status === 'bounced' || row.status === 'unsubscribed' || row.status === 'failed' ? { ...row, suppressed: suppression.entryOf(row.email) !== undefined } : row));

  /** Tells the view that rows changed (their state, or whether they are suppressed). */
  const announce = (campaignId: string, changes: readonly CampaignRow[]) => {
    const summary = campaigns.summary(campaignId) as CampaignSummary;
    emit('campaigns:progress', { id: campaignId, changes: withSuppression(changes), counts: countsOf(summary), status: summary.status });
  };

  /**
   * Moves one row to its next state: an automatic suppression first (idempotent, so a crash before the
   * journal only repeats it), then the journal (the log), then the index, then the view.
   */
  const apply = async (
    campaignId: string,
    memberIndex: number,
    report: { readonly id: string; readonly kind: 'bounce' | 'unsubscribe'; readonly data: object; readonly reportedAt: string },
    next: (state: DeliveryState) => DeliveryState,
    suppressReason: (state: DeliveryState) => string,
  ): Promise<void> => {
    if (reportExists.get(report.id) !== undefined) return;
    const header = campaigns.header(campaignId);
    const record = header ? campaigns.recipients(campaignId, memberIndex, 1)[0] : undefined;
    if (!header || !record || record.index !== memberIndex) throw new AppError('not-found', `No member ${memberIndex} in campaign ${campaignId}.`);
    const state = next(record.state);
    const changed = state !== record.state;
    const autoSuppressed = changed && (state.status === 'bounced' || state.status === 'unsubscribed') && state.autoSuppressed === true;
    if (autoSuppressed) suppression.add([record.member.email], suppressReason(state) + AUTOMATIC_MARK);
    if (changed) await appendToJournal(journalFileFor(journalDir, campaignId), [{ i: memberIndex, s: state }]);
    const review = report.kind === 'unsubscribe' ? (autoSuppressed ? 'suppressed' : 'pending') : 'none';
    database.write(() => {
      insertReport.run(report.id, report.kind, campaignId, memberIndex, record.member.email, JSON.stringify(report.data), report.reportedAt, review);
    });
    if (!changed) return;
    campaigns.saveStates(campaignId, [{ index: memberIndex, state }]);
    announce(campaignId, [rowOf(record.member, memberIndex, state)]);
  };

  const timeOf = (iso: string) => {
    const ms = Date.parse(iso);
    return Number.isFinite(ms) ? ms : clock.now();
  };

  return {
    recordBounce(campaignId, memberIndex, outcome: BounceOutcome) {
      const bounced: Extract<DeliveryState, { status: 'bounced' }> = {
        status: 'bounced',
        bounce: outcome.bounce,
        dsnStatus: outcome.status,
        diagnostic: outcome.diagnostic,
        diagnosis: diagnoseBounce(outcome.status, outcome.diagnostic),
        addressGone: outcome.addressGone,
        at: timeOf(outcome.reportedAt),
        reportId: outcome.reportId,
      };
      const marked = options().autoSuppressHardBounces && isHardBounce(bounced) ? { ...bounced, autoSuppressed: true as const } : bounced;
      return apply(
        campaignId,
        memberIndex,
        { id: outcome.reportId, kind: 'bounce', data: outcome, reportedAt: outcome.reportedAt },
        (state) => reportedState(state, marked),
        () => bounceReason(bounced),
      );
    },
    recordUnsubscribe(campaignId, memberIndex, outcome: UnsubscribeOutcome) {
      // Only a reply from the member's own address is suppressed without review: a forwarded or
      // third-party request still waits for the admin.
      const auto = options().autoSuppressUnsubscribes && outcome.fromIsMember;
      return apply(
        campaignId,
        memberIndex,
        { id: outcome.reportId, kind: 'unsubscribe', data: outcome, reportedAt: outcome.receivedAt },
        (state) => {
          const next = reportedState(state, { status: 'unsubscribed', at: timeOf(outcome.receivedAt), reportId: outcome.reportId });
          return auto && next !== state && next.status === 'unsubscribed' ? { ...next, autoSuppressed: true } : next;
        },
        () => UNSUBSCRIBE_REASON,
      );
    },
    rowsFor(accountId) {
      return {
        async sentRowsSince(since) {
          return sentRows.all(accountId, since.getTime()).map((row): SentRow => {
            const state = JSON.parse(row.state) as DeliveryState & { messageId?: string; at: number };
            return { campaignId: row.campaign_id, memberIndex: row.idx, email: row.email, messageId: state.messageId ?? null, sentAt: new Date(state.at).toISOString() };
          });
        },
      };
    },
    loadState(accountId) {
      const saved = positions.all(accountId);
      const keys = handled.all(accountId);
      if (saved.length === 0 && keys.length === 0) return null;
      return { positions: Object.fromEntries(saved.map((p) => [p.mailbox, { uidValidity: p.uid_validity, lastUid: p.last_uid }])), handled: keys };
    },
    saveState(accountId, state) {
      database.write(() => {
        clearPositions.run(accountId);
        clearHandled.run(accountId);
        for (const [mailbox, position] of Object.entries(state.positions)) insertPosition.run(accountId, mailbox, position.uidValidity, position.lastUid);
        state.handled.forEach((key, seq) => insertHandled.run(accountId, seq, key));
      });
    },
    pendingUnsubscribes() {
      return pending.all().map((row) => {
        const data = JSON.parse(row.data) as UnsubscribeOutcome;
        return {
          reportId: row.report_id,
          campaignId: row.campaign_id,
          subject: row.subject,
          memberIndex: row.idx,
          email: row.email,
          from: data.from,
          fromIsMember: data.fromIsMember,
          excerpt: data.excerpt,
          receivedAt: row.reported_at,
        };
      });
    },
    review(reportId, action) {
      const row = oneReport.get(reportId);
      if (!row || row.kind !== 'unsubscribe') throw new AppError('not-found', 'This unsubscribe request is no longer waiting for review.');
      if (action === 'suppress') suppression.add([row.email], UNSUBSCRIBE_REASON);
      database.write(() => setReview.run(action === 'suppress' ? 'suppressed' : 'dismissed', new Date(clock.now()).toISOString(), reportId));
      return { email: row.email, suppressed: action === 'suppress' };
    },
    lastSentAt(accountId) {
      return lastSent.get(accountId) ?? null;
    },
    hardBounced(campaignId) {
      const header = campaigns.header(campaignId);
      if (!header) return [];
      return bouncedRows
        .all(campaignId)
        .filter((row) => isHardBounce(JSON.parse(row.state) as DeliveryState))
        .map((row) => campaigns.recipients(campaignId, row.idx, 1)[0]!.member.email)
        .filter((email) => suppression.entryOf(email) === undefined);
    },
    suppressBounced(campaignId, index) {
      if (!campaigns.header(campaignId)) throw new AppError('not-found', 'That campaign no longer exists.');
      const chosen = bouncedRows
        .all(campaignId)
        .filter((row) => (index === undefined ? isHardBounce(JSON.parse(row.state) as DeliveryState) : row.idx === index))
        .map((row) => campaigns.recipients(campaignId, row.idx, 1)[0]!);
      if (index !== undefined && chosen.length === 0) {
        throw new AppError('invalid-input', 'Only a bounced row can be suppressed from here.', 'The row may have changed: open the campaign again.');
      }
      let added = 0;
      for (const record of chosen) added += suppression.add([record.member.email], bounceReason(record.state as Extract<DeliveryState, { status: 'bounced' }>));
      if (chosen.length > 0) announce(campaignId, chosen.map((record) => rowOf(record.member, record.index, record.state)));
      return { added, emails: chosen.map((record) => record.member.email) };
    },
    withSuppression,
  };
}

/** The per-state counts of a summary (every state, zero when absent). */
function countsOf(summary: CampaignSummary): Record<(typeof DELIVERY_STATUSES)[number], number> {
  const counts = summary.counts ?? summarize([]);
  return Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, counts[status] ?? 0])) as Record<(typeof DELIVERY_STATUSES)[number], number>;
}
