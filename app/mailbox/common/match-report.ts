/**
 * The seam between the mailbox watcher and the campaigns: a pure matching function and the port the
 * campaign side implements. The watcher never writes campaign state itself; it calls the port.
 */
import type { BounceClass, DeliveryReport, DsnShape } from './delivery-report';

/** A campaign row that was sent: what matching may use. Rows keep the Message-ID the server accepted. */
export interface SentRow {
  /** Campaign id. */
  readonly campaignId: string;
  /** Member's index in the campaign. */
  readonly memberIndex: number;
  /** Member address as sent (RCPT TO). */
  readonly email: string;
  /** Message-ID of the accepted message, angle brackets kept; null when the row has none recorded. */
  readonly messageId: string | null;
  /** When the server accepted it, ISO 8601. */
  readonly sentAt: string;
}

/** How a report was tied to its row. */
export type MatchedBy = 'message-id' | 'recipient-time' | 'unsubscribe-token';

/** The answer of `matchReport`. */
export type MatchResult =
  | { readonly row: SentRow; readonly by: MatchedBy }
  | { readonly row: null; readonly reason: 'no-candidate' | 'ambiguous' };

/** What matching needs of a report (a DeliveryReport, or a reply's references). */
export interface MatchableReport {
  /** The failed address, lower-case ('' when unknown). */
  readonly recipient: string;
  /** Original-Recipient, lower-case, when known. */
  readonly originalRecipient?: string | null;
  /** Message-IDs the report refers to (the returned message's, or a reply's In-Reply-To/References). */
  readonly messageIds: readonly string[];
  /** When the report was written, ISO 8601. */
  readonly reportedAt: string;
}

/** How long after sending a report may still be matched by recipient and time (72 hours). */
export const MATCH_WINDOW_MS = 72 * 3600_000;
/** Clock difference tolerated between sender and reporting server (10 minutes). */
export const CLOCK_SKEW_MS = 10 * 60_000;

/** `<A@B>` and `a@b` compare equal: brackets and surrounding space dropped, domain part lower-cased. */
export function normalizeMessageId(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '').trim();
  const at = bare.lastIndexOf('@');
  return at < 0 ? bare : `${bare.slice(0, at)}@${bare.slice(at + 1).toLowerCase()}`;
}

/**
 * Tie a report to one sent row. First by Message-ID (exact, after normalising); then by recipient
 * address within the time window — but only when exactly one row fits. Two rows that fit equally
 * (the same address in two recent campaigns, no Message-ID in the report) give `ambiguous`: no guess.
 */
export function matchReport(report: MatchableReport, candidates: readonly SentRow[], windowMs: number = MATCH_WINDOW_MS): MatchResult {
  const wanted = new Set(report.messageIds.filter((id) => id.trim() !== '').map(normalizeMessageId));
  if (wanted.size > 0) {
    const byId = candidates.filter((row) => row.messageId !== null && wanted.has(normalizeMessageId(row.messageId)));
    if (byId.length === 1) return { row: byId[0]!, by: 'message-id' };
    if (byId.length > 1) return { row: null, reason: 'ambiguous' };
  }
  const addresses = new Set([report.recipient, report.originalRecipient ?? ''].map((a) => a.trim().toLowerCase()).filter((a) => a !== ''));
  if (addresses.size === 0) return { row: null, reason: 'no-candidate' };
  const reported = Date.parse(report.reportedAt);
  const fits = candidates.filter((row) => {
    if (!addresses.has(row.email.trim().toLowerCase())) return false;
    const sent = Date.parse(row.sentAt);
    return Number.isFinite(reported) && Number.isFinite(sent) && reported >= sent - CLOCK_SKEW_MS && reported - sent <= windowMs;
  });
  if (fits.length === 1) return { row: fits[0]!, by: 'recipient-time' };
  return { row: null, reason: fits.length === 0 ? 'no-candidate' : 'ambiguous' };
}

/** What the campaign side is told of a bounce. */
export interface BounceOutcome {
  /** Stable id of the report (the DSN's Message-ID + recipient), for idempotent recording. */
  readonly reportId: string;
  /** Hard, soft or policy. */
  readonly bounce: BounceClass;
  /** Enhanced status code, when given. */
  readonly status: string | null;
  /** The remote server's words. */
  readonly diagnostic: string | null;
  /** Whether the words say the address is gone (offer suppression). */
  readonly addressGone: boolean;
  /** When the report was written, ISO 8601. */
  readonly reportedAt: string;
  /** The failed address as reported. */
  readonly recipient: string;
  /** How it was matched. */
  readonly matchedBy: MatchedBy;
  /** The DSN shape it was read from. */
  readonly shape: DsnShape;
}

/** What the campaign side is told of an unsubscribe request (it goes to the review queue). */
export interface UnsubscribeOutcome {
  /** Stable id (the reply's Message-ID), for idempotent recording. */
  readonly reportId: string;
  /** The reply's From address. */
  readonly from: string;
  /** Whether From is the member's own address (a forged or forwarded request is still queued, flagged). */
  readonly fromIsMember: boolean;
  /** The reply's subject. */
  readonly subject: string;
  /** The first words of the member's own text (at most 200 characters). */
  readonly excerpt: string;
  /** When the reply was written, ISO 8601. */
  readonly receivedAt: string;
  /** How it was matched. */
  readonly matchedBy: MatchedBy;
}

/**
 * The port the campaign side implements (second round: row states `bounced`/`unsubscribed`, journal,
 * view, CSV). Calls must be idempotent on `reportId`: the watcher calls once per report, but a crash
 * between the call and saving its own position may repeat one.
 */
export interface MailboxOutcomeSink {
  /** A matched bounce for one member of one campaign. */
  recordBounce(campaignId: string, memberIndex: number, outcome: BounceOutcome): Promise<void>;
  /** A matched unsubscribe request for one member (goes to the review queue). */
  recordUnsubscribe(campaignId: string, memberIndex: number, outcome: UnsubscribeOutcome): Promise<void>;
}

/** Where the watcher learns which rows may be matched (sent within the window). */
export interface SentRowSource {
  /** Rows sent at or after `since`. */
  sentRowsSince(since: Date): Promise<readonly SentRow[]>;
}

/** A report as matchReport takes it, from a DeliveryReport. */
export function matchableFromReport(report: DeliveryReport): MatchableReport {
  return {
    recipient: report.recipient,
    originalRecipient: report.originalRecipient,
    messageIds: report.originalMessageId ? [report.originalMessageId] : [],
    reportedAt: report.reportedAt,
  };
}
