/**
 * One member's delivery state in a campaign, the legal moves between states, the campaign summary,
 * and the failure policy (DESIGN.md §3; facts in shared/reference/providers.md §2 and §8). Pure:
 * the engine, the journal and the renderer all use these same functions.
 */
import { assertNever } from '../../ipc/common/app-error';
import type { SmtpDiagnosis, SmtpFailure } from '../../diagnosis/common/smtp-diagnosis';

/** How a delivery report classed a bounce (the same words as the mailbox watcher's `BounceClass`). */
export type BounceKind = 'hard' | 'soft' | 'policy';

/** Why a member was not sent to at all. */
export type SkipReason =
  /** The template needs a field this member does not have (or uses an unsupported construct). */
  | 'template-error';

/** Why the outcome of a hand-over is not known. */
export type UnknownReason =
  /** The connection was lost after the final "." of DATA and before the server's reply. */
  | 'connection-lost-after-data'
  /** The app stopped (crash, power loss) while the message was being handed over. */
  | 'interrupted';

/** One member's delivery state. */
export type DeliveryState =
  /** Waiting for its turn; `earlier`: tries made before the admin sent it again. */
  | { readonly status: 'queued'; readonly earlier?: number }
  /** Being handed over to the server now. */
  | {
      readonly status: 'sending';
      /** 1 for the first try. */
      readonly attempt: number;
      /** Tries made before the admin sent it again (not counted by the retry policy). */
      readonly earlier?: number;
      /** The Message-ID the message carries, so an `unknown` row can be looked up in Sent mail. */
      readonly messageId: string;
      /** When the attempt started (ms since epoch). */
      readonly at: number;
    }
  /** The server accepted the message. */
  | {
      readonly status: 'sent';
      /** The server's reply, e.g. `250 2.0.0 OK … - gsmtp`. */
      readonly response: string;
      /** The Message-ID header of the message sent. */
      readonly messageId: string;
      /** When the server accepted it. */
      readonly at: number;
      /** How many tries it took. */
      readonly attempt: number;
      /** Tries made before the admin sent it again. */
      readonly earlier?: number;
    }
  /** A temporary failure; tried again at `nextTryAt`. */
  | {
      readonly status: 'deferred';
      /** The attempt that failed. */
      readonly attempt: number;
      /** When the next try may start (ms since epoch). */
      readonly nextTryAt: number;
      /** What went wrong. */
      readonly reason: SmtpFailure;
      /** Tries made before the admin sent it again. */
      readonly earlier?: number;
    }
  /** A permanent failure for this member; the rest of the campaign went on. */
  | {
      readonly status: 'failed';
      /** The server's reply and its diagnosis. */
      readonly failure: SmtpFailure;
      /** When it failed. */
      readonly at: number;
      /** Tries in the run that failed (absent in journals written before it was kept). */
      readonly attempt?: number;
      /** Tries made before the admin sent it again. */
      readonly earlier?: number;
    }
  /** Never attempted. */
  | {
      readonly status: 'skipped';
      /** Why. */
      readonly reason: SkipReason;
      /** The template fields that were missing or unsupported, if that is the reason. */
      readonly detail?: readonly string[];
    }
  /** It may or may not have been delivered: never retried automatically, the user decides. */
  | {
      readonly status: 'unknown';
      /** Why the outcome is not known. */
      readonly reason: UnknownReason;
      /** The Message-ID the message carried, when known. */
      readonly messageId?: string;
      /** When it became unknown. */
      readonly at: number;
      /** Tries in the run (absent in journals written before it was kept). */
      readonly attempt?: number;
      /** Tries made before the admin sent it again. */
      readonly earlier?: number;
    }
  /** The campaign was cancelled before this member was sent to. */
  | { readonly status: 'cancelled' }
  /** The server accepted it, then a delivery status notification (DSN) came back: it did not arrive. */
  | {
      readonly status: 'bounced';
      /** Hard (the address is gone), soft (temporary, given up) or policy (refused as spam or by rule). */
      readonly bounce: BounceKind;
      /** The DSN's enhanced status code (e.g. `5.1.1`), when given. */
      readonly dsnStatus: string | null;
      /** The remote server's words, when given. */
      readonly diagnostic: string | null;
      /** The diagnosis of the report, from the one SMTP catalogue (ko/en words in the renderer). */
      readonly diagnosis: SmtpDiagnosis;
      /** Whether the report says the address is gone (the row offers suppression). */
      readonly addressGone: boolean;
      /** When the report was written (ms since epoch). */
      readonly at: number;
      /** The Message-ID the accepted message carried. */
      readonly messageId?: string;
      /** The id of the report (DSN Message-ID + recipient): a repeated report changes nothing. */
      readonly reportId: string;
      /** Set when the address went on the suppression list as the bounce was recorded (the automatic setting). */
      readonly autoSuppressed?: true;
    }
  /** The member replied asking to be taken off the list. */
  | {
      readonly status: 'unsubscribed';
      /** When the reply was written (ms since epoch). */
      readonly at: number;
      /** The Message-ID the accepted message carried. */
      readonly messageId?: string;
      /** The id of the reply (its Message-ID). */
      readonly reportId: string;
      /** Set when the address went on the suppression list as the reply was recorded (the automatic setting). */
      readonly autoSuppressed?: true;
    };

/** Every status name, in the order the UI lists them. */
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'deferred', 'failed', 'skipped', 'unknown', 'cancelled', 'bounced', 'unsubscribed'] as const;

/** A status name. */
export type DeliveryStatus = DeliveryState['status'];

/** The initial state of every member. */
export const QUEUED: DeliveryState = { status: 'queued' };

/** Which statuses still need the engine (queued, deferred, sending); every other status is settled. One entry per status, so a new status must say. */
const OPEN: { readonly [S in DeliveryStatus]: boolean } = {
  queued: true,
  sending: true,
  deferred: true,
  sent: false,
  failed: false,
  skipped: false,
  unknown: false,
  cancelled: false,
  bounced: false,
  unsubscribed: false,
};

/** Thrown (as a programming error) when the engine asks for a move the state machine does not allow. */
export class IllegalTransition extends Error {
  constructor(from: DeliveryStatus, to: string) {
    super(`Illegal delivery transition ${from} → ${to}`);
    this.name = 'IllegalTransition';
  }
}

/** Starts an attempt: queued or deferred → sending. */
export function startAttempt(state: DeliveryState, messageId: string, at: number): DeliveryState {
  switch (state.status) {
    case 'queued':
      return { status: 'sending', attempt: 1, messageId, at, ...earlierOf(state) };
    case 'deferred':
      return { status: 'sending', attempt: state.attempt + 1, messageId, at, ...earlierOf(state) };
    default:
      throw new IllegalTransition(state.status, 'sending');
  }
}

/** The outcome of one attempt, as the engine saw it. */
export type AttemptOutcome =
  /** The server accepted the message. */
  | {
      readonly kind: 'accepted';
      readonly response: string;
      readonly at: number;
      /** The id the provider gave the message, when it is not the Message-ID header (Gmail API). */
      readonly messageId?: string;
    }
  /** A temporary failure: try again at `nextTryAt`. */
  | { readonly kind: 'deferred'; readonly reason: SmtpFailure; readonly nextTryAt: number }
  /** A permanent failure for this member. */
  | { readonly kind: 'failed'; readonly failure: SmtpFailure; readonly at: number }
  /** Lost after the final dot: may have been delivered. */
  | { readonly kind: 'unknown'; readonly reason: UnknownReason; readonly at: number }
  /** Nothing was handed over and the attempt does not count (the campaign paused for auth or quota). */
  | { readonly kind: 'released' };

/** Ends an attempt: sending → sent | deferred | failed | unknown | queued (released). */
export function finishAttempt(state: DeliveryState, outcome: AttemptOutcome): DeliveryState {
  if (state.status !== 'sending') throw new IllegalTransition(state.status, outcome.kind);
  switch (outcome.kind) {
    case 'accepted':
      return { status: 'sent', response: outcome.response, messageId: outcome.messageId ?? state.messageId, at: outcome.at, attempt: state.attempt, ...earlierOf(state) };
    case 'deferred':
      return { status: 'deferred', attempt: state.attempt, nextTryAt: outcome.nextTryAt, reason: outcome.reason, ...earlierOf(state) };
    case 'failed':
      return { status: 'failed', failure: outcome.failure, at: outcome.at, attempt: state.attempt, ...earlierOf(state) };
    case 'unknown':
      return { status: 'unknown', reason: outcome.reason, messageId: state.messageId, at: outcome.at, attempt: state.attempt, ...earlierOf(state) };
    case 'released':
      // Nothing was handed over and the campaign stops: the member waits in the queue again, and
      // its count of tries starts afresh when the user resumes.
      return state.earlier ? { status: 'queued', earlier: state.earlier } : QUEUED;
    default:
      return assertNever(outcome);
  }
}

/** Cancels a member not yet handed over: queued or deferred → cancelled; every other state stays. */
export function cancelState(state: DeliveryState): DeliveryState {
  // The engine waits for the outcome of a hand-over in flight; it never cancels one.
  if (state.status === 'sending') throw new IllegalTransition(state.status, 'cancelled');
  return OPEN[state.status] ? { status: 'cancelled' } : state;
}

/** Recovery after a crash: a hand-over without an outcome becomes `unknown`; every other state stays. */
export function recoverState(state: DeliveryState, at: number): DeliveryState {
  return state.status === 'sending' ? { status: 'unknown', reason: 'interrupted', messageId: state.messageId, at } : state;
}

/** What the user may ask to send again. */
export type RequeueRequest = 'failed' | 'unknown' | 'cancelled';

/** The user's explicit "retry failed" / "send unknown again" / "send the cancelled": that state → queued, keeping its count of tries. */
export function requeueState(state: DeliveryState, which: RequeueRequest): DeliveryState {
  if (state.status !== which) return state;
  const tries = attemptsOf(state);
  return tries > 0 ? { status: 'queued', earlier: tries } : QUEUED;
}

/** The `earlier` field of a state that has one, to carry into the next state. */
function earlierOf(state: DeliveryState): { earlier?: number } {
  return 'earlier' in state && state.earlier ? { earlier: state.earlier } : {};
}

/** How many times a member's message has been tried, over every run (a failure from an old journal counts as one). */
export function attemptsOf(state: DeliveryState): number {
  const earlier = 'earlier' in state && state.earlier ? state.earlier : 0;
  switch (state.status) {
    case 'queued':
    case 'skipped':
    case 'cancelled':
      return earlier;
    case 'sending':
    case 'sent':
    case 'deferred':
      return earlier + state.attempt;
    case 'failed':
    case 'unknown':
      return earlier + (state.attempt ?? 1);
    case 'bounced':
    case 'unsubscribed':
      // Reported after a send that the server accepted: that send was the last try.
      return earlier + 1;
    default:
      return assertNever(state);
  }
}

/** A failure that will not change by trying again: the address is gone or wrong (5.1.x, or diagnosed so). */
export function isPermanentFailure(failure: SmtpFailure): boolean {
  return failure.diagnosis === 'recipient-rejected' || /^5\.1\.\d+$/.test(failure.enhancedStatus ?? '');
}

/** Whether the engine may pick this member now (queued, or deferred and due). */
export function isDue(state: DeliveryState, now: number): boolean {
  return state.status === 'queued' || (state.status === 'deferred' && state.nextTryAt <= now);
}

/** Whether the state still needs the engine (queued, deferred or sending). */
export function isOpen(state: DeliveryState): boolean {
  return OPEN[state.status];
}

/** Counts per status, for the progress bar and the history. */
export type DeliverySummary = { readonly [S in DeliveryStatus]: number } & {
  /** Number of members. */
  readonly total: number;
  /** Members with a final state (not queued, deferred or sending). */
  readonly settled: number;
};

/** Counts the states of a campaign. */
export function summarize(states: readonly DeliveryState[]): DeliverySummary {
  const counts: Record<DeliveryStatus, number> = { queued: 0, sending: 0, sent: 0, deferred: 0, failed: 0, skipped: 0, unknown: 0, cancelled: 0, bounced: 0, unsubscribed: 0 };
  let settled = 0;
  for (const state of states) {
    if (!OPEN[state.status]) settled += 1;
    counts[state.status] += 1;
  }
  return { ...counts, total: states.length, settled };
}

// ─── After sending: reports from the mailbox ──────────────────────────────────────────────────

/** How strong a bounce class is: a hard bounce beats a soft one, which beats a policy refusal. */
const BOUNCE_STRENGTH: Readonly<Record<BounceKind, number>> = { hard: 3, soft: 2, policy: 1 };

/** A report from the mailbox about a row that was handed over: a bounce or an unsubscribe reply. */
export type ReportedState = Extract<DeliveryState, { status: 'bounced' | 'unsubscribed' }>;

/**
 * What each kind of report does: the states it moves to itself, and when it replaces a row that already
 * has its kind. A bounce moves sent and unknown rows, and a bounced row only with a stronger class from
 * another report; an unsubscribe reply moves sent, unknown and bounced rows (an unsubscribed row stays:
 * its request is the user's to review). Rows never handed over ignore both.
 */
const REPORT_RULES: { readonly [K in ReportedState['status']]: { readonly moves: readonly DeliveryStatus[]; readonly replaces: (now: Extract<DeliveryState, { status: K }>, report: Extract<DeliveryState, { status: K }>) => boolean } } = {
  bounced: { moves: ['sent', 'unknown'], replaces: (now, report) => now.reportId !== report.reportId && BOUNCE_STRENGTH[report.bounce] > BOUNCE_STRENGTH[now.bounce] },
  unsubscribed: { moves: ['sent', 'unknown', 'bounced'], replaces: () => false },
};

/** A row after a report from the mailbox (`REPORT_RULES`): the report, keeping the row's Message-ID, or the row unchanged. */
export function reportedState(state: DeliveryState, report: ReportedState): DeliveryState {
  const rule = REPORT_RULES[report.status] as { readonly moves: readonly DeliveryStatus[]; readonly replaces: (now: ReportedState, report: ReportedState) => boolean };
  const takes = rule.moves.includes(state.status) || (state.status === report.status && rule.replaces(state, report));
  if (!takes) return state;
  const messageId = 'messageId' in state ? state.messageId : undefined;
  return messageId === undefined ? report : { ...report, messageId };
}

// ─── Failure policy ────────────────────────────────────────────────────────────────────────────

/** What the engine does about one failed attempt. */
export type FailureAction =
  /** Stop the whole campaign and show the diagnosis (credentials, TLS, sender refused). */
  | 'pause-campaign'
  /** The account's daily limit is used up: stop until its window frees. */
  | 'pause-account'
  /** Temporary: try this member again later. */
  | 'retry'
  /** Permanent for this member: mark it failed, go on with the rest. */
  | 'fail-recipient';

/** Diagnoses that are about the account or its settings, never about one member. */
const CAMPAIGN_WIDE: ReadonlySet<SmtpDiagnosis> = new Set<SmtpDiagnosis>([
  'auth-app-password-required',
  'auth-rejected',
  'auth-web-login-required',
  // 454 4.7.0 "Too many login attempts": another login makes the lock longer (providers.md §2.2).
  'auth-throttled',
  'auth-required',
  'starttls-required',
  'oauth-token-failed',
  'smtp-auth-disabled',
  'basic-auth-unsupported',
  'relay-denied',
  'sender-rejected',
  'tls-mismatch',
  'certificate-untrusted',
]);

/** Stages at which a server reply concerns the message to this one member. */
const RECIPIENT_STAGES: ReadonlySet<string> = new Set(['RCPT TO', 'DATA']);

/** nodemailer codes of network trouble before the hand-over: worth another try. */
const NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROTOCOL']);

/**
 * Decides what one failed attempt means (DESIGN.md §3, providers.md §8 "suggested classifier order").
 * `attempt` is the attempt that just failed (1 = first); after `maxAttempts` a temporary failure at a
 * member's RCPT/DATA fails that member, while a connection-level one pauses the campaign: a network
 * that stays down is not the members' fault.
 * The "lost after the final dot" case never gets here: the engine marks it `unknown` first.
 */
export function classifyFailure(failure: SmtpFailure, attempt: number, maxAttempts: number): FailureAction {
  const { diagnosis, code, responseCode } = failure;
  const command = (failure.command ?? '').toUpperCase();
  if (diagnosis === 'daily-limit') return 'pause-account';
  if (CAMPAIGN_WIDE.has(diagnosis) || code === 'EAUTH' || code === 'ENOAUTH' || code === 'ETLS' || command.startsWith('AUTH')) return 'pause-campaign';
  const exhausted = attempt >= maxAttempts;
  if (responseCode !== undefined) {
    if (responseCode >= 500) return RECIPIENT_STAGES.has(command) || code === 'EMESSAGE' ? 'fail-recipient' : 'pause-campaign';
    if (responseCode >= 400) {
      if (!exhausted) return 'retry';
      return RECIPIENT_STAGES.has(command) ? 'fail-recipient' : 'pause-campaign';
    }
    return 'fail-recipient';
  }
  if (code !== undefined && NETWORK_CODES.has(code)) return exhausted ? 'pause-campaign' : 'retry';
  // ESTREAM, EMESSAGE (size pre-check, empty message), ECONFIG…: this message cannot be sent as it is.
  return 'fail-recipient';
}

/** How retries are spaced. */
export interface BackoffPolicy {
  /** Delay before the second attempt, in ms. */
  readonly baseMs: number;
  /** Upper bound of any delay, in ms. */
  readonly maxMs: number;
  /** Attempts in all (first try included) before a temporary failure is given up. */
  readonly maxAttempts: number;
}

/** Defaults: 30 s, 1 min, 2 min, 4 min, then give up (5 attempts), each ±50 % jitter. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 30 * 60_000, maxAttempts: 5 };

/**
 * Delay after failed attempt `attempt` (1-based): exponential, capped, with "equal jitter" (half
 * fixed, half random) so that members deferred together do not come back together.
 * `random` is a number in [0, 1).
 */
export function backoffMs(attempt: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * Math.min(Math.max(random, 0), 1));
}
