/**
 * The campaign engine: sends one personalised message per member through one pooled nodemailer
 * transport, paced per minute and kept within the account's rolling daily limit, and records every
 * member's state in the campaign journal before anything depends on it (DESIGN.md §3).
 *
 * A run ends in one of four ways: `completed` (no member left to try), `paused` (by the user, or by a
 * failure that concerns the whole account such as a refused login), `waiting-for-quota` (with the time
 * it can continue) or `cancelled`. Resuming is a new run over the states the last one returned (or
 * that the journal replays after a crash).
 *
 * "Lost after the final dot": nodemailer reports a dropped connection the same way whether or not the
 * message was complete (`ECONNECTION`, `Connection closed unexpectedly`, command `CONN`). The engine
 * tells the two apart with the end of nodemailer's DATA stream, the event at which nodemailer itself
 * logs `<N bytes encoded mime message (source size M bytes)>` (smtp-connection `_createSendStream`):
 * it fires once the terminating `.` has been written to the socket. A drop after it, without a server
 * reply, makes the member `unknown`; a drop before it cannot have delivered anything and is retried.
 */
import { randomBytes } from 'node:crypto';
import type { SmtpFailure } from '../../ipc/common/contract';
import {
  backoffMs,
  cancelState,
  classifyFailure,
  DEFAULT_BACKOFF,
  finishAttempt,
  isOpen,
  startAttempt,
  summarize,
  type AttemptOutcome,
  type BackoffPolicy,
  type DeliveryState,
  type DeliverySummary,
} from '../common/delivery-state';
import { createPace } from '../common/pace';
import { PRESETS } from '../../accounts/common/presets';
import type { AccountRecord } from '../../accounts/node/account-store';
import type { CampaignJournal, JournalEntry } from './campaign-journal';
import type { CampaignSnapshot } from './campaign-store';
import { createMessageBuilder, type BuiltMessage } from '../../templates/node/message-builder';
import { withMappedColumns } from '../../templates/common/list-placeholders';
import { listHeaders, unsubscribeTarget, type ListHeaderKind } from '../../mailbox/common/list-headers';
import type { Clock } from '../../storage/node/ports';
import { DAY_MS, type SendLedger } from '../../accounts/node/send-ledger';
import { createAccountTransport, credentialSecrets, type AccountCredentials } from '../../accounts/node/account-transport';
import { SMTP_TIMEOUTS, toSmtpFailure, type SmtpTimeouts } from '../../accounts/node/smtp-transport';
import { readMemberFiles } from '../../member-files/node/member-files-service';
import { poolOf, sendThroughPool, watchDataStream, type Handover } from './pool-handover';

/** Tunables of the engine; tests shrink the times. */
export interface EngineOptions {
  /** Parallel SMTP connections (and so messages in flight). */
  readonly maxConnections: number;
  /** Messages per pooled connection before nodemailer opens a new one. */
  readonly maxMessages: number;
  /** Retry spacing and bound for temporary failures. */
  readonly backoff: BackoffPolicy;
  /** Minimum time between two progress events, in ms. */
  readonly progressIntervalMs: number;
  /** nodemailer's timeouts. */
  readonly timeouts: SmtpTimeouts;
  /** Random source in [0, 1) for the backoff jitter. */
  readonly random: () => number;
}

/**
 * Defaults. Connections come from the account's preset (`Preset.connections`); two when it has
 * none — a paced campaign (20/min) never needs more. `maxMessages` 1,000 instead of nodemailer's 100: with
 * connections sharing the load evenly, every connection reaches 100 at the same moment and all of
 * them close and log in again together (see the report of issue 5 for the measurement); servers
 * that want a shorter session close it themselves, and nodemailer re-queues a message of which not
 * a byte was sent.
 */
export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  maxConnections: 2,
  maxMessages: 1000,
  backoff: DEFAULT_BACKOFF,
  progressIntervalMs: 100,
  timeouts: SMTP_TIMEOUTS,
  random: Math.random,
};

/** One member whose state changed. */
export interface RowChange {
  /** Index in the snapshot's recipients. */
  readonly index: number;
  /** Its new state. */
  readonly state: DeliveryState;
}

/** A batch of changes, at most one per `progressIntervalMs`. */
export interface CampaignProgress {
  /** The campaign. */
  readonly campaignId: string;
  /** Only the rows that changed since the last batch (each once, with its latest state). */
  readonly changes: readonly RowChange[];
  /** Counts over all rows. */
  readonly summary: DeliverySummary;
}

/** Why a run stopped before every member was tried. */
export type CampaignOutcome = {
  /** Every member's state at the end of the run. */
  readonly states: readonly DeliveryState[];
  /** Counts over them. */
  readonly summary: DeliverySummary;
} & (
  | { readonly status: 'completed' }
  | { readonly status: 'paused'; readonly reason: 'user' }
  | {
      readonly status: 'paused';
      readonly reason: 'failure';
      /** The failure that concerns the whole campaign (login, TLS, sender refused, network down). */
      readonly failure: SmtpFailure;
    }
  | {
      readonly status: 'waiting-for-quota';
      /** When the account's window has room again (ms since epoch). */
      readonly resumeAt: number;
      /** The provider's daily-limit reply, when that is what stopped it (absent: the local ledger did). */
      readonly failure?: SmtpFailure;
    }
  | { readonly status: 'cancelled' }
);

/** Pause and cancel, from outside a run. */
export interface CampaignControls {
  /** Stops starting new hand-overs; the run returns `paused` once those in flight have an outcome. */
  pause(): void;
  /** Like pause, then every member not handed over becomes `cancelled`. */
  cancel(): void;
  /** What was asked, if anything. */
  readonly requested: 'pause' | 'cancel' | undefined;
  /** Called on every request; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** Creates the controls for one run. */
export function createCampaignControls(): CampaignControls {
  let requested: 'pause' | 'cancel' | undefined;
  const listeners = new Set<() => void>();
  const ask = (what: 'pause' | 'cancel') => {
    if (requested !== 'cancel') requested = what;
    for (const listener of listeners) listener();
  };
  return {
    pause: () => ask('pause'),
    cancel: () => ask('cancel'),
    get requested() {
      return requested;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Everything one run needs. */
export interface RunCampaignInput {
  /** The frozen campaign. */
  readonly snapshot: CampaignSnapshot;
  /** The sending account. */
  readonly record: AccountRecord;
  /** Its decrypted credentials (a bare string is a password); handed to the transport only and blanked out of every failure text. */
  readonly credentials: AccountCredentials | string | undefined;
  /** The campaign's open journal. */
  readonly journal: CampaignJournal;
  /** Every member's state at the start (from `openCampaignJournal`'s replay, or the last run). */
  readonly states: readonly DeliveryState[];
  /** The account's rolling 24-hour ledger. */
  readonly ledger: SendLedger;
  /** The time. */
  readonly clock: Clock;
  /** The account's daily limit; default: the user's, else the preset's (null = none known). */
  readonly dailyLimit?: number | null;
  /** Receives batched changes. */
  readonly onProgress?: (progress: CampaignProgress) => void;
  /** Pause and cancel. */
  readonly controls?: CampaignControls;
  /** Tunables. */
  readonly options?: Partial<EngineOptions>;
}

/** How many SMTP connections a campaign of the account opens at most (from its preset). */
export function connectionsOf(record: AccountRecord): number {
  return PRESETS[record.presetId]?.connections ?? DEFAULT_ENGINE_OPTIONS.maxConnections;
}

/** The daily limit that applies to an account: the user's own, else its preset's. */
export function dailyLimitOf(record: AccountRecord): number | null {
  return record.dailyLimit ?? PRESETS[record.presetId]?.dailyLimit ?? null;
}

/**
 * How long the engine goes by what it last read of the send ledger (the login's sends in the window from
 * every process, the provider's refusal) before reading it again; its own sends are counted at once, and
 * reaching the daily limit by these figures reads again before anything waits or stops. Other processes'
 * sends reach the ledger up to `PERSIST_INTERVAL_MS` (1 s) late anyway; this adds at most a quarter of that.
 */
const LEDGER_READ_MS = 250;

/** A message ready to hand over. */
type Sendable = Extract<BuiltMessage, { ok: true }>;

type Stop =
  | { readonly kind: 'user-pause' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'failure'; readonly failure: SmtpFailure }
  | { readonly kind: 'quota'; readonly resumeAt: number; readonly failure?: SmtpFailure };

/** Runs a campaign until it completes, pauses, waits for quota or is cancelled. */
export async function runCampaign(input: RunCampaignInput): Promise<CampaignOutcome> {
  const { snapshot, record, credentials, journal, ledger, clock } = input;
  const options: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, maxConnections: connectionsOf(record), ...input.options };
  const dailyLimit = input.dailyLimit === undefined ? dailyLimitOf(record) : input.dailyLimit;
  const states: DeliveryState[] = [...input.states];
  if (states.length !== snapshot.recipients.length) throw new Error('One state per recipient is needed.');
  const secrets = credentialSecrets(credentials);
  const context = { port: record.port, security: record.security };
  const build = createMessageBuilder(record, snapshot.template, { replyTo: snapshot.replyTo, attachments: snapshot.attachments });
  const headerKind = listHeaderKindOf(snapshot.template.usageType);
  const headersOf = (memberIndex: number): Record<string, string> | undefined =>
    headerKind === null
      ? undefined
      : Object.fromEntries(listHeaders({ kind: headerKind, campaignId: snapshot.id, memberIndex, senderAddress: record.fromAddress, listName: snapshot.listName, httpsEndpoint: record.unsubscribeUrl ?? null }));
  const domain = record.fromAddress.split('@')[1] ?? 'mailroom.invalid';
  // Message-IDs: one random token per run (96 bits) and a counter, unique without a UUID per message.
  const idPrefix = randomBytes(12).toString('base64url');
  let messageCount = 0;

  // ── progress, batched ──
  const changed = new Map<number, DeliveryState>();
  let progressTimer: ReturnType<typeof setTimeout> | undefined;
  const emitProgress = () => {
    progressTimer = undefined;
    if (changed.size === 0 || !input.onProgress) return;
    const changes = [...changed].map(([index, state]) => ({ index, state }));
    changed.clear();
    input.onProgress({ campaignId: snapshot.id, changes, summary: summarize(states) });
  };
  const setState = (index: number, state: DeliveryState) => {
    states[index] = state;
    changed.set(index, state);
    progressTimer ??= setTimeout(emitProgress, options.progressIntervalMs);
  };
  const commit = async (entries: readonly JournalEntry[]) => {
    await journal.append(entries);
    for (const e of entries) setState(e.i, e.s);
  };

  // ── wake-ups: an outcome, a control, or a timer ──
  let wakePending = false;
  let wakeUp: (() => void) | undefined;
  const notify = () => {
    if (wakeUp) {
      const w = wakeUp;
      wakeUp = undefined;
      w();
    } else wakePending = true;
  };
  const waitForEvent = (ms?: number) =>
    new Promise<void>((resolve) => {
      if (wakePending) {
        wakePending = false;
        return resolve();
      }
      const timer = ms === undefined ? undefined : setTimeout(notify, Math.max(0, ms));
      wakeUp = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
    });
  const unsubscribe = input.controls?.subscribe(notify);

  // ── the one pooled transport ──
  const transport = createAccountTransport(record, credentials, {
    timeouts: options.timeouts,
    pool: true,
    maxConnections: options.maxConnections,
    maxMessages: options.maxMessages,
  });
  // Messages composed here go straight to the SMTP pool (pool-handover); the rest through the Mailer.
  const pool = poolOf(transport);
  const handovers = new Map<string, Handover>();
  transport.use('stream', (mail, done) => {
    const handover = handovers.get(bareId(mail.message.messageId()));
    // Every message of this transport is the engine's; one it does not know must not go out unguarded.
    if (!handover) return done(new Error('Mailroom could not match a message to its campaign row; it was not sent.'));
    watchDataStream(mail.message, handover);
    done();
  });

  // ── queue order: due retries first, then the queue in list order ──
  let cursor = 0;
  const deferred = new Set<number>();
  states.forEach((s, i) => {
    if (s.status === 'deferred') deferred.add(i);
  });
  const nextDue = (now: number): number | undefined => {
    for (const i of deferred) {
      const s = states[i];
      if (s?.status === 'deferred' && s.nextTryAt <= now) return i;
    }
    while (cursor < states.length && states[cursor]?.status !== 'queued') cursor += 1;
    return cursor < states.length ? cursor : undefined;
  };
  const earliestRetry = (): number | undefined => {
    let earliest: number | undefined;
    for (const i of deferred) {
      const s = states[i];
      if (s?.status === 'deferred' && (earliest === undefined || s.nextTryAt < earliest)) earliest = s.nextTryAt;
    }
    return earliest;
  };

  // ── the ledger (a database read each) at most every LEDGER_READ_MS; this run's own sends counted at once ──
  const ledgerRead = { at: Number.NEGATIVE_INFINITY, sent: 0, ownSince: 0, held: undefined as ReturnType<SendLedger['providerLimit']> };
  const readLedger = (now: number, force: boolean) => {
    if (!force && now >= ledgerRead.at && now - ledgerRead.at < LEDGER_READ_MS) return;
    ledgerRead.at = now;
    ledgerRead.sent = dailyLimit === null ? 0 : ledger.sentInLastDay(record.id);
    ledgerRead.ownSince = 0;
    ledgerRead.held = ledger.providerLimit(record.id);
  };
  const sentInWindow = () => ledgerRead.sent + ledgerRead.ownSince;

  let stop: Stop | undefined;
  const stopWith = (reason: Stop) => {
    // The first reason wins, except that a cancel overrides a pause.
    if (stop === undefined || (reason.kind === 'cancel' && stop.kind === 'user-pause')) stop = reason;
    notify();
  };
  const inFlight = new Set<Promise<void>>();
  const pace = createPace(snapshot.perMinute, options.maxConnections);
  let fatal: unknown;

  /** A member taken for a hand-over: its state before, and its message. */
  interface Claim {
    readonly index: number;
    readonly previous: DeliveryState;
    readonly message: Sendable;
  }
  /** Takes a member: marked before its journal line is written so that nothing picks it twice. */
  const take = (index: number, message: Sendable, now: number): Claim => {
    const previous = states[index] ?? { status: 'queued' };
    pace.take(now);
    states[index] = { status: 'sending', attempt: 0, messageId: '', at: now };
    deferred.delete(index);
    return { index, previous, message };
  };
  /**
   * What to do next, given how many hand-overs are under way (`othersInFlight`): take a member, skip
   * one whose message cannot be made, wait (for an outcome, a retry, the pace), stop for the daily
   * limit, or finish. The main loop acts on every answer; a connection that just finished asks too and
   * takes the member at once when the answer is `take`, leaving everything else to the loop.
   */
  type Step =
    | { readonly kind: 'take'; readonly index: number; readonly message: Sendable; readonly now: number }
    | { readonly kind: 'skip'; readonly index: number; readonly detail: string[] }
    | { readonly kind: 'file-failed'; readonly index: number; readonly failure: SmtpFailure }
    | { readonly kind: 'wait'; readonly ms?: number }
    | { readonly kind: 'quota'; readonly resumeAt: number }
    | { readonly kind: 'done' };
  const nextStep = (othersInFlight: number): Step => {
    const now = clock.now();
    const index = nextDue(now);
    if (index === undefined) {
      if (othersInFlight === 0 && deferred.size === 0) return { kind: 'done' };
      const retryAt = earliestRetry();
      return othersInFlight > 0 || retryAt === undefined ? { kind: 'wait' } : { kind: 'wait', ms: retryAt - now };
    }
    readLedger(now, false);
    // At the limit by the figures read: read again to be exact before waiting or stopping.
    if (dailyLimit !== null && sentInWindow() + othersInFlight >= dailyLimit && (readLedger(now, true), sentInWindow() + othersInFlight >= dailyLimit)) {
      return othersInFlight > 0 ? { kind: 'wait' } : { kind: 'quota', resumeAt: ledger.nextFreeAt(record.id) ?? now + DAY_MS };
    }
    // The provider said its daily limit is reached (this run, another campaign, another process, another
    // account on the login): wait for the time it can go on instead of spending a refused message on it.
    const held = ledgerRead.held;
    if (held !== undefined && Date.parse(held.resumeAt) > now) {
      return othersInFlight > 0 ? { kind: 'wait' } : { kind: 'quota', resumeAt: Date.parse(held.resumeAt) };
    }
    const member = snapshot.recipients[index];
    // The list's mapped columns under their own headers again (`{{이름}}`), and the member's own unsubscribe target.
    const filled = member ? withMappedColumns(member, snapshot.mappedColumns ?? []) : undefined;
    const unsubscribe = unsubscribeTarget({ campaignId: snapshot.id, memberIndex: index, senderAddress: record.fromAddress, httpsEndpoint: record.unsubscribeUrl ?? null });
    const built = filled ? build(filled, headersOf(index), [], unsubscribe) : undefined;
    if (!built?.ok) return { kind: 'skip', index, detail: built && !built.ok ? [...built.missing, ...built.unsupported] : [] };
    if (pace.nextAt > now) return { kind: 'wait', ms: pace.nextAt - now };
    if (snapshot.memberFiles === undefined) return { kind: 'take', index, message: built, now };
    // Per-member attachments: read (and checked against pre-flight) once the member's turn has come.
    const own = readMemberFiles(snapshot.memberFiles, index);
    if (!own.ok) return { kind: 'file-failed', index, failure: own.failure };
    const withFiles = build(filled!, headersOf(index), own.attachments, unsubscribe);
    return withFiles.ok ? { kind: 'take', index, message: withFiles, now } : { kind: 'skip', index, detail: [...withFiles.missing, ...withFiles.unsupported] };
  };
  /** The member a connection that just finished hands over at once, if the next step is to take one. */
  const takeNext = (othersInFlight: number): Claim | undefined => {
    if (stop !== undefined || fatal !== undefined || input.controls?.requested !== undefined) return undefined;
    const next = nextStep(othersInFlight);
    return next.kind === 'take' ? take(next.index, next.message, next.now) : undefined;
  };

  /**
   * One connection's work: hands over a member, then, while there is more to do at once, the next.
   *
   * The journal line that says a member is `sending` must be on disk before the message can be
   * delivered, that is before the body and its final dot are written. Nothing before them delivers
   * anything, so MAIL FROM, RCPT TO and DATA go out while the line is being flushed, and the body
   * waits for the flush (see pool-handover). The outcome of one member goes to the journal in the
   * same write as the next member's `sending` line.
   */
  const work = async (first: Claim) => {
    let claim: Claim | undefined = first;
    let outcomeLine: JournalEntry | undefined;
    while (claim !== undefined) {
      const { index, previous, message } = claim;
      const messageId = `${idPrefix}.${(messageCount += 1).toString(36)}@${domain}`;
      const sending = startAttempt(previous, `<${messageId}>`, clock.now());
      const durable = commit(outcomeLine ? [outcomeLine, { i: index, s: sending }] : [{ i: index, s: sending }]);
      durable.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
      const handover: Handover = { durable, dataWritten: false };
      const direct = pool !== undefined && message.raw !== undefined;
      if (!direct) handovers.set(messageId, handover);
      let outcome: AttemptOutcome;
      try {
        // The message composed once as one buffer (see message-builder); nodemailer composes the rare one it cannot.
        const raw = message.raw?.(messageId, new Date(clock.now()));
        const info = direct
          ? await sendThroughPool(pool, { envelope: message.envelope, raw: raw!, messageId: `<${messageId}>` }, handover)
          : await transport.sendMail(raw ? { envelope: message.envelope, raw, messageId: `<${messageId}>` } : { ...message.mail, messageId: `<${messageId}>` });
        // SMTP hands back the Message-ID header the engine set; the Gmail API its own id, which is the
        // one the member's row shows.
        const providerId = typeof info.messageId === 'string' && bareId(info.messageId) !== messageId ? info.messageId : undefined;
        outcome = { kind: 'accepted', response: String(info.response ?? ''), at: clock.now(), ...(providerId ? { messageId: providerId } : {}) };
      } catch (error) {
        outcome = outcomeOfFailure(toSmtpFailure(error, secrets, context), handover, sending.status === 'sending' ? sending.attempt : 1);
      } finally {
        if (!direct) handovers.delete(messageId);
      }
      // A journal that cannot be written stops the run (the error surfaces here), whatever SMTP said.
      await durable;
      if (outcome.kind === 'accepted' || outcome.kind === 'unknown') {
        ledger.record(record.id);
        ledgerRead.ownSince += 1;
      }
      const next = finishAttempt(sending, outcome);
      if (next.status === 'deferred') deferred.add(index);
      outcomeLine = { i: index, s: next };
      claim = takeNext(inFlight.size - 1);
    }
    if (outcomeLine) await commit([outcomeLine]);
  };

  const outcomeOfFailure = (failure: SmtpFailure, handover: Handover, attemptNo: number): AttemptOutcome => {
    const now = clock.now();
    if (handover.dataWritten && failure.responseCode === undefined) return { kind: 'unknown', reason: 'connection-lost-after-data', at: now };
    const action = classifyFailure(failure, attemptNo, options.backoff.maxAttempts);
    switch (action) {
      case 'retry':
        return { kind: 'deferred', reason: failure, nextTryAt: now + backoffMs(attemptNo, options.random(), options.backoff) };
      case 'fail-recipient':
        return { kind: 'failed', failure, at: now };
      case 'pause-campaign':
        stopWith({ kind: 'failure', failure });
        return { kind: 'released' };
      case 'pause-account': {
        // The provider's own word: remembered per login with the time sending can go on (see `limitResumeAt`).
        const held = ledger.noteLimitReply(record.id, failure.response ?? failure.message, now);
        ledgerRead.at = Number.NEGATIVE_INFINITY;
        stopWith({ kind: 'quota', resumeAt: Date.parse(held.resumeAt), failure });
        return { kind: 'released' };
      }
      default: {
        const never: never = action;
        throw new Error(`Unhandled action ${String(never)}`);
      }
    }
  };

  try {
    for (;;) {
      const requested = input.controls?.requested;
      if (requested === 'cancel') stopWith({ kind: 'cancel' });
      else if (requested === 'pause') stopWith({ kind: 'user-pause' });
      if (stop !== undefined || fatal !== undefined) break;
      if (inFlight.size >= options.maxConnections) {
        await waitForEvent();
        continue;
      }
      const next = nextStep(inFlight.size);
      if (next.kind === 'done') break;
      if (next.kind === 'quota') {
        stopWith({ kind: 'quota', resumeAt: next.resumeAt });
        break;
      }
      if (next.kind === 'wait') {
        await waitForEvent(next.ms);
        continue;
      }
      if (next.kind === 'skip') {
        deferred.delete(next.index);
        await commit([{ i: next.index, s: { status: 'skipped', reason: 'template-error', detail: next.detail } }]);
        continue;
      }
      if (next.kind === 'file-failed') {
        deferred.delete(next.index);
        await commit([{ i: next.index, s: { status: 'failed', failure: next.failure, at: clock.now() } }]);
        continue;
      }
      const task = work(take(next.index, next.message, next.now))
        .catch((error: unknown) => {
          fatal ??= error;
        })
        .finally(() => {
          inFlight.delete(task);
          notify();
        });
      inFlight.add(task);
    }
    await Promise.all(inFlight);
    if (fatal !== undefined) throw fatal;
    // Sends accepted on other connections while the refusal came are in the ledger now: the time the
    // provider's word gives is worked out again from every known send (it was noted at once, for others).
    if (stop?.kind === 'quota' && stop.failure !== undefined) {
      const held = ledger.providerLimit(record.id);
      if (held !== undefined) stop = { ...stop, resumeAt: Date.parse(ledger.noteLimitReply(record.id, held.reply, Date.parse(held.repliedAt)).resumeAt) };
    }
    if (stop?.kind === 'cancel') {
      const entries: JournalEntry[] = [];
      states.forEach((s, i) => {
        const next = cancelState(s);
        if (next !== s) entries.push({ i, s: next });
      });
      await commit(entries);
    }
  } finally {
    unsubscribe?.();
    transport.close();
    if (progressTimer) clearTimeout(progressTimer);
    emitProgress();
  }

  const summary = summarize(states);
  const base = { states, summary };
  if (stop === undefined) return states.some(isOpen) ? { ...base, status: 'paused', reason: 'user' } : { ...base, status: 'completed' };
  switch (stop.kind) {
    case 'user-pause':
      return { ...base, status: 'paused', reason: 'user' };
    case 'cancel':
      return { ...base, status: 'cancelled' };
    case 'failure':
      return { ...base, status: 'paused', reason: 'failure', failure: stop.failure };
    case 'quota':
      return { ...base, status: 'waiting-for-quota', resumeAt: stop.resumeAt, ...(stop.failure ? { failure: stop.failure } : {}) };
    default: {
      const never: never = stop;
      throw new Error(`Unhandled stop ${JSON.stringify(never)}`);
    }
  }
}

function bareId(messageId: string): string {
  return messageId.replace(/[<>\s]/g, '');
}

/** Which list headers a template's usage type gets (Notice/Generic: List-Id + List-Unsubscribe; sign-in kinds: Auto-Submitted); none when unknown. */
export function listHeaderKindOf(usageType: string | undefined): ListHeaderKind | null {
  switch ((usageType ?? '').toLowerCase().replace(/[\s_-]/g, '')) {
    case 'notice':
      return 'notice';
    case 'generic':
      return 'generic';
    case 'register':
      return 'register';
    case 'signin':
      return 'sign-in';
    case 'forgotpassword':
      return 'forgot-password';
    default:
      return null;
  }
}
