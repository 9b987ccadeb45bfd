/**
 * Runs campaigns for the handlers: starts the engine over a snapshot with its journal, relays batched
 * progress as `campaigns:progress` events, takes pause and cancel, records where each campaign is, and
 * answers a window that opens mid-campaign with every row (then the event stream goes on).
 *
 * The journal (fsync'd before each hand-over) stays the durable log; the database holds every
 * recipient's current state as its index: written in one transaction per progress batch, rebuilt from
 * the journal when a run opens it and when it closes, and at start-up for campaigns caught running.
 * The history and a campaign's rows are read from the database only, never by replaying journals.
 */
import { mkdirSync } from 'node:fs';
import { AppError, assertNever } from '../../ipc/common/app-error';
import type { CampaignDetail, CampaignRow, CampaignSummary } from '../../ipc/common/contract';
import { writeCsv } from '../../exports/node/csv-writer';
import { fieldValue } from '../../lists/common/member-list';
import { attemptsOf, DELIVERY_STATUSES, isPermanentFailure, requeueState, type DeliveryState, type DeliveryStatus, type DeliverySummary } from '../common/delivery-state';
import type { AccountStore } from '../../accounts/node/account-store';
import { createCampaignControls, runCampaign, type CampaignControls } from './campaign-engine';
import { journalFileFor, openCampaignJournal, replay } from './campaign-journal';
import { acquireCampaignLock } from './campaign-lock';
import type { CampaignSnapshot, CampaignStore, RecipientRecord } from './campaign-store';
import type { Clock, EventSink, Logger } from '../../storage/node/ports';
import type { SendLedger } from '../../accounts/node/send-ledger';
import { checkScheduleTime, scheduleStep } from '../common/schedule';
import { fileNamePartOf } from '../common/campaign-name';

/** What the runner needs. */
export interface CampaignRunnerDeps {
  /** Campaign snapshots and their status. */
  readonly campaigns: CampaignStore;
  /** Accounts and their secrets. */
  readonly accounts: AccountStore;
  /** The rolling 24-hour ledger. */
  readonly ledger: SendLedger;
  /** Folder of the journals. */
  readonly journalDir: string;
  /** Pushes progress. */
  readonly emit: EventSink;
  /** Time. */
  readonly clock: Clock;
  /** Log sink (never secrets). */
  readonly log: Logger;
  /** How often (ms) a scheduled campaign's time is checked against the clock at most (default a minute): a clock that jumps is noticed. */
  readonly scheduleCheckMs?: number;
}

/** The runner. */
export interface CampaignRunner {
  /** Starts or resumes a campaign; returns at once, the run goes on in the background. */
  start(id: string): Promise<CampaignSummary>;
  /** Asks a running campaign to pause. */
  pause(id: string): CampaignSummary;
  /** Cancels a campaign: running ones stop, every member not handed over becomes cancelled. */
  cancel(id: string): Promise<CampaignSummary>;
  /** Every row of a campaign, as the journal has it now; or a window of them (of one state when `status` is given), with their number. */
  detail(id: string, window?: { readonly offset?: number | undefined; readonly limit?: number | undefined; readonly status?: DeliveryStatus | undefined }): CampaignDetail;
  /** The history: every campaign not archived, newest first, with its counts. */
  list(): CampaignSummary[];
  /** One page of the history, newest first, and how many campaigns there are. */
  history(offset: number, limit: number): { campaigns: CampaignSummary[]; total: number };
  /**
   * Puts the failed (or the unknown) rows back in the queue and starts the campaign again. Unknown rows
   * may already have been delivered: the user asks for this explicitly, after a warning. Failed rows that
   * are permanent (address gone, 5.1.x) are left out unless `includePermanent`.
   */
  requeue(id: string, which: 'failed' | 'unknown', includePermanent?: boolean): Promise<CampaignSummary>;
  /** Every row as CSV (UTF-8 with BOM, so Excel reads Korean), with the columns the table shows. */
  exportCsv(id: string): { fileName: string; content: string };
  /**
   * Sets (or changes) when a ready or scheduled campaign starts, or with `null` takes it back to ready.
   * It then waits as `scheduled`, across restarts, and starts like a user's start (after the account's
   * current campaign; the daily limit then applies as always).
   */
  schedule(id: string, at: number | null): CampaignSummary;
  /** Resolves when a campaign's current run ends (tests). */
  settled(id: string): Promise<void>;
  /**
   * At start-up: a campaign that was sending when the app stopped resumes (its journal turns rows
   * caught mid-hand-over into `unknown`); one waiting for the daily limit resumes when the window frees.
   */
  recover(): void;
  /** After the passphrase is entered: resumes the campaigns recovery left paused because it could not read their passwords. */
  secretsUnlocked(): void;
}

/** The per-state counts of a summary. */
function countsOf(summary: DeliverySummary): CampaignDetail['counts'] {
  return Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, summary[status]])) as CampaignDetail['counts'];
}

/** The words of a row's state for the table. */
export function rowOf(member: { readonly email: string; readonly name: string }, index: number, state: DeliveryState): CampaignRow {
  const base = { index, email: member.email, name: member.name, status: state.status, attempts: attemptsOf(state) };
  const iso = (ms: number) => new Date(ms).toISOString();
  switch (state.status) {
    case 'queued':
    case 'cancelled':
      return { ...base, detail: '' };
    case 'sending':
      return { ...base, detail: `attempt ${state.attempt}`, messageId: state.messageId, at: iso(state.at) };
    case 'sent':
      return { ...base, detail: state.response, messageId: state.messageId, at: iso(state.at) };
    case 'deferred':
      return { ...base, detail: state.reason.response ?? state.reason.message, diagnosis: state.reason.diagnosis, failure: state.reason, at: iso(state.nextTryAt) };
    case 'failed':
      return { ...base, detail: state.failure.response ?? state.failure.message, diagnosis: state.failure.diagnosis, failure: state.failure, at: iso(state.at) };
    case 'skipped':
      return { ...base, detail: state.detail ? `${state.reason}: ${state.detail.join(', ')}` : state.reason };
    case 'unknown':
      return { ...base, detail: state.reason, ...(state.messageId ? { messageId: state.messageId } : {}), at: iso(state.at) };
    case 'bounced':
      return {
        ...base,
        detail: (state.diagnostic !== null && state.dsnStatus !== null && state.diagnostic.includes(state.dsnStatus) ? [state.diagnostic] : [state.dsnStatus, state.diagnostic]).filter((part) => part !== null && part !== '').join(' ') || state.bounce,
        diagnosis: state.diagnosis,
        bounce: state.bounce,
        addressGone: state.addressGone,
        ...(state.messageId ? { messageId: state.messageId } : {}),
        at: iso(state.at),
        ...(state.autoSuppressed ? { autoSuppressed: true } : {}),
      };
    case 'unsubscribed':
      return { ...base, detail: '', ...(state.messageId ? { messageId: state.messageId } : {}), at: iso(state.at), ...(state.autoSuppressed ? { autoSuppressed: true } : {}) };
    default:
      return assertNever(state);
  }
}

/** Creates the runner. */
export function createCampaignRunner(deps: CampaignRunnerDeps): CampaignRunner {
  const { campaigns, accounts, ledger, journalDir, emit, clock, log } = deps;
  mkdirSync(journalDir, { recursive: true });
  const running = new Map<string, { accountId: string; controls: CampaignControls; done: Promise<void> }>();
  /**
   * One campaign at a time per account: two would each pace and count their own in-flight messages, so
   * together they would go twice as fast as the account's pace and could overshoot its daily limit.
   */
  // A run whose campaign no longer reads "running" has sent its last message and is only closing.
  const busyWith = (accountId: string) => [...running].find(([id, r]) => r.accountId === accountId && campaigns.header(id)?.status === 'running');
  /** Campaigns recovery could not resume because saved passwords were locked; resumed on unlock. */
  const waitingForSecrets = new Set<string>();
  /** Starts a campaign by itself (recovery, a freed quota window): after the account's current one. */
  const startWhenFree = (id: string) => {
    const snapshot = campaigns.header(id);
    const busy = snapshot ? busyWith(snapshot.accountId) : undefined;
    if (busy) {
      void busy[1].done.then(() => startWhenFree(id));
      return;
    }
    void runner.start(id).catch((error: unknown) => {
      // Another process runs it: its status is that process's to keep.
      if (error instanceof AppError && error.code === 'busy') return log(`[campaign] ${id} is running in another process`);
      const status = campaigns.header(id)?.status;
      if (status === 'running' || status === 'scheduled') campaigns.setStatus(id, 'paused');
      if (error instanceof AppError && error.code === 'secret-unavailable') waitingForSecrets.add(id);
      log(`[campaign] ${id} could not resume: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const scheduleCheckMs = deps.scheduleCheckMs ?? 60_000;
  /** Scheduled campaigns that started after their time (the app was closed or asleep): the note the campaign shows. */
  const lateStarts = new Map<string, { scheduledAt: number; startedAt: number }>();
  /** Waits for a scheduled campaign's time, rechecking the clock at least every `scheduleCheckMs`, then starts it. */
  const armSchedule = (id: string, at: number) => {
    clearTimeout(timers.get(id));
    timers.delete(id);
    const header = campaigns.header(id);
    // Changed or cancelled meanwhile: that decision stands.
    if (header?.status !== 'scheduled' || header.resumeAt !== at) return;
    const step = scheduleStep(at, clock.now(), scheduleCheckMs);
    if (step.kind === 'wait') {
      const timer = setTimeout(() => armSchedule(id, at), step.ms);
      timer.unref?.();
      timers.set(id, timer);
      return;
    }
    if (step.kind === 'start-late') {
      lateStarts.set(id, { scheduledAt: at, startedAt: clock.now() });
      log(`[campaign] ${id} was scheduled for ${new Date(at).toISOString()}; that time passed while the app was closed or the computer asleep, so it starts now`);
    }
    startWhenFree(id);
  };
  /**
   * Starts a campaign again when its quota window frees (the ledger's time, or the provider's), while the
   * app runs. The clock is checked again at least every `scheduleCheckMs`, as for a scheduled campaign: a
   * timer does not count the time a computer sleeps, so one 24-hour timer could fire hours late.
   */
  const resumeAt = (id: string, at: number) => {
    clearTimeout(timers.get(id));
    timers.delete(id);
    const header = campaigns.header(id);
    // Started, paused or cancelled meanwhile: that decision stands.
    if (header?.status !== 'waiting-for-quota' || header.resumeAt !== at) return;
    const step = scheduleStep(at, clock.now(), scheduleCheckMs);
    if (step.kind !== 'wait') return startWhenFree(id);
    // unref so a waiting campaign never keeps a process alive.
    const timer = setTimeout(() => resumeAt(id, at), step.ms);
    timer.unref?.();
    timers.set(id, timer);
  };

  const summaryOf = (id: string): CampaignSummary => campaigns.summary(id)!;
  /** Tells every window (and Electron's background keeper) where a campaign is now. */
  const announce = (summary: CampaignSummary) => {
    emit('campaigns:progress', { id: summary.id, changes: [], counts: summary.counts!, status: summary.status, ...(summary.scheduledAt ? { at: summary.scheduledAt } : {}) });
    return summary;
  };
  const accountPreset = (accountId: string) => accounts.list().find((a) => a.id === accountId)?.presetId;
  const snapshotOf = (id: string): CampaignSnapshot => {
    const snapshot = campaigns.get(id);
    if (!snapshot) throw new AppError('not-found', 'That campaign no longer exists.');
    return snapshot;
  };
  const headerOf = (id: string) => {
    const header = campaigns.header(id);
    if (!header) throw new AppError('not-found', 'That campaign no longer exists.');
    return header;
  };
  /**
   * Rebuilds the database's states of a campaign from its journal (a crash's `sending` rows read
   * `unknown`). A failure (another process holding the database too long) is logged: the journal keeps
   * the truth, and the next rebuild catches up.
   */
  const indexFromJournal = (id: string, recipientCount: number) => {
    try {
      campaigns.replaceStates(id, replay(journalFileFor(journalDir, id), recipientCount, clock.now()).states);
    } catch (error) {
      log(`[campaign] ${id}: the database's states were not re-read from the journal: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const countsNow = (id: string) => campaigns.summary(id)!.counts!;
  const rowsOf = (records: readonly RecipientRecord[]) => records.map((r) => rowOf(r.member, r.index, r.state));

  const run = async (snapshot: CampaignSnapshot, controls: CampaignControls) => {
    const { journal, recovered } = await openCampaignJournal(journalFileFor(journalDir, snapshot.id), snapshot.recipients.length, clock.now());
    try {
      campaigns.replaceStates(snapshot.id, recovered.states);
      const record = accounts.record(snapshot.accountId);
      const outcome = await runCampaign({
        snapshot,
        record,
        credentials: await accounts.credentialsOf(record.id),
        journal,
        states: recovered.states,
        ledger,
        clock,
        controls,
        onProgress: (progress) => {
          try {
            campaigns.saveStates(snapshot.id, progress.changes);
          } catch (error) {
            // The journal has these states; the rebuild when the run ends writes them.
            log(`[campaign] ${snapshot.id}: progress not written to the database: ${error instanceof Error ? error.message : String(error)}`);
          }
          emit('campaigns:progress', {
            id: snapshot.id,
            changes: progress.changes.map((c) => rowOf(snapshot.recipients[c.index]!, c.index, c.state)),
            counts: countsOf(progress.summary),
            status: 'running',
          });
        },
      });
      // Every outcome is on disk in the journal now; the database catches up before anyone is told.
      indexFromJournal(snapshot.id, snapshot.recipients.length);
      const status = outcome.status;
      const summary =
        status === 'paused' && outcome.reason === 'failure'
          ? campaigns.setStatus(snapshot.id, 'paused', { failure: outcome.failure })
          : status === 'waiting-for-quota'
            ? campaigns.setStatus(snapshot.id, status, { failure: outcome.failure, resumeAt: outcome.resumeAt })
            : campaigns.setStatus(snapshot.id, status);
      if (outcome.status === 'waiting-for-quota') resumeAt(snapshot.id, outcome.resumeAt);
      emit('campaigns:progress', {
        id: snapshot.id,
        changes: [],
        counts: countsOf(outcome.summary),
        status: summary.status,
        ...(outcome.status === 'waiting-for-quota' ? { at: new Date(outcome.resumeAt).toISOString() } : {}),
      });
    } finally {
      ledger.flush();
      await journal.close();
    }
  };

  const runner: CampaignRunner = {
    async start(id) {
      const snapshot = headerOf(id);
      const current = running.get(id);
      if (current) {
        // Still sending: nothing to do. Ending (a pause was asked, or the run is writing its last
        // status): wait for it, then decide on what it left.
        if (current.controls.requested === undefined && snapshot.status === 'running') return summaryOf(id);
        await current.done;
        return runner.start(id);
      }
      clearTimeout(timers.get(id));
      if (snapshot.status === 'completed' || snapshot.status === 'cancelled') {
        throw new AppError('invalid-input', 'This campaign has finished.', 'Create a new campaign from Compose.');
      }
      const busy = busyWith(snapshot.accountId);
      if (busy) {
        const other = campaigns.header(busy[0]);
        throw new AppError(
          'invalid-input',
          `Another campaign ("${other?.name ?? busy[0]}") is sending through ${snapshot.accountLabel} now.`,
          'One campaign per account sends at a time, so the account keeps its pace and daily limit. Start this one when that one has finished, or pause that one first.',
        );
      }
      // Fails here, before anything starts, when the password cannot be read.
      await accounts.credentialsOf(snapshot.accountId);
      const lock = acquireCampaignLock(journalDir, id);
      const controls = createCampaignControls();
      const summary = campaigns.setStatus(id, 'running');
      const done = Promise.resolve()
        .then(() => run(snapshotOf(id), controls))
        .catch((error: unknown) => {
          log(`[campaign] ${id} stopped: ${error instanceof Error ? error.message : String(error)}`);
          indexFromJournal(id, snapshot.recipientCount);
          const stopped = campaigns.setStatus(id, 'paused');
          emit('campaigns:progress', { id, changes: [], counts: countsNow(id), status: stopped.status });
        })
        .finally(() => {
          lock.release();
          running.delete(id);
        });
      running.set(id, { accountId: snapshot.accountId, controls, done });
      return summary;
    },
    pause(id) {
      headerOf(id);
      running.get(id)?.controls.pause();
      return summaryOf(id);
    },
    async cancel(id) {
      headerOf(id);
      const current = running.get(id);
      if (current) {
        current.controls.cancel();
        await current.done;
        return summaryOf(id);
      }
      // Not running: run once with cancel already asked, so the journal records every cancelled row.
      const lock = acquireCampaignLock(journalDir, id);
      const controls = createCampaignControls();
      controls.cancel();
      await run(snapshotOf(id), controls).finally(() => lock.release());
      return summaryOf(id);
    },
    detail(id, window = {}) {
      /** The provider's word on the account's daily limit, for a campaign that has members left to send. */
      const providerLimitFor = (accountId: string, status: string) => {
        if (status === 'completed' || status === 'cancelled') return {};
        const held = ledger.providerLimit(accountId);
        return held === undefined ? {} : { providerLimit: held };
      };
      const snapshot = headerOf(id);
      const summary = summaryOf(id);
      const paged = window.offset !== undefined || window.limit !== undefined || window.status !== undefined;
      const offset = window.offset ?? 0;
      const limit = window.limit ?? 1000;
      const records = !paged
        ? campaigns.recipients(id)
        : window.status === undefined
          ? campaigns.recipients(id, offset, limit)
          : campaigns.recipientsIn(id, window.status, offset, limit);
      return {
        campaign: summary,
        rows: rowsOf(records),
        total: window.status === undefined ? snapshot.recipientCount : summary.counts![window.status],
        counts: summary.counts!,
        ...(snapshot.failure ? { failure: snapshot.failure } : {}),
        ...(snapshot.resumeAt !== undefined ? { resumeAt: new Date(snapshot.resumeAt).toISOString() } : {}),
        ...(accountPreset(snapshot.accountId) ? { presetId: accountPreset(snapshot.accountId) } : {}),
        ...providerLimitFor(snapshot.accountId, summary.status),
        ...(lateStarts.has(id) ? { lateStart: { scheduledAt: new Date(lateStarts.get(id)!.scheduledAt).toISOString(), startedAt: new Date(lateStarts.get(id)!.startedAt).toISOString() } } : {}),
      };
    },
    list() {
      return campaigns.list('current');
    },
    history(offset, limit) {
      return campaigns.page(offset, limit);
    },
    async requeue(id, which, includePermanent = false) {
      const snapshot = headerOf(id);
      if (running.has(id)) throw new AppError('invalid-input', 'The campaign is sending now.', 'Pause it first.');
      const lock = acquireCampaignLock(journalDir, id);
      const opened = openCampaignJournal(journalFileFor(journalDir, snapshot.id), snapshot.recipientCount, clock.now());
      opened.catch(() => lock.release());
      const { journal, recovered } = await opened;
      try {
        const wanted = (state: DeliveryState) => state.status === which && (includePermanent || state.status !== 'failed' || !isPermanentFailure(state.failure));
        const entries = recovered.states.flatMap((state, i) => (wanted(state) ? [{ i, s: requeueState(state, which) }] : []));
        if (entries.length === 0) {
          const permanent = recovered.states.filter((s) => s.status === 'failed' && isPermanentFailure(s.failure)).length;
          throw new AppError(
            'invalid-input',
            permanent > 0 ? `Every failed row (${permanent}) failed because its address is gone or wrong.` : `No ${which} rows to send again.`,
            permanent > 0 ? 'Tick “Include addresses that do not exist” to try those too.' : undefined,
          );
        }
        await journal.append(entries);
      } finally {
        await journal.close();
        lock.release();
        indexFromJournal(id, snapshot.recipientCount);
      }
      campaigns.setStatus(id, 'paused');
      return runner.start(id);
    },
    exportCsv(id) {
      const snapshot = headerOf(id);
      const records = campaigns.recipients(id);
      const rows = rowsOf(records);
      const fields = Object.keys(records[0]?.member.fields ?? {});
      const data = rows.map((r) => {
        const member = records[r.index]!.member;
        return [r.email, r.name, ...fields.map((f) => fieldValue(member.fields, f)), r.status, r.diagnosis ?? '', r.detail, r.messageId ?? '', r.at ?? '', r.bounce ?? '', String(r.attempts ?? 0)];
      });
      const header = ['email', 'name', ...fields, 'status', 'diagnosis', 'reply', 'messageId', 'at', 'bounce', 'attempts'];
      return { fileName: `${fileNamePartOf(snapshot.name) || `campaign-${snapshot.createdAt.slice(0, 10)}`}-results.csv`, content: writeCsv(header, data) };
    },
    schedule(id, at) {
      const header = headerOf(id);
      if (running.has(id) || (header.status !== 'ready' && header.status !== 'scheduled')) {
        throw new AppError('invalid-input', 'Only a campaign that has not started can be scheduled.', 'Pause or cancel it instead.');
      }
      clearTimeout(timers.get(id));
      timers.delete(id);
      if (at === null) return announce(campaigns.setStatus(id, 'ready'));
      const check = checkScheduleTime(at, clock.now());
      if (check === 'past') throw new AppError('invalid-input', 'That time has passed, or is too close to set.', 'Pick a later time, or press Start to send now.');
      if (check === 'too-far') throw new AppError('invalid-input', 'That time is more than a year away.', 'Pick a time within a year.');
      const summary = campaigns.setStatus(id, 'scheduled', { resumeAt: at });
      armSchedule(id, at);
      return announce(summary);
    },
    settled: async (id) => {
      await running.get(id)?.done;
    },
    secretsUnlocked() {
      const ids = [...waitingForSecrets];
      waitingForSecrets.clear();
      // Only those still paused as recovery left them: one the user has since resumed or cancelled is theirs.
      for (const id of ids) if (campaigns.header(id)?.status === 'paused' && !running.has(id)) startWhenFree(id);
    },
    recover() {
      for (const summary of campaigns.list()) {
        const snapshot = campaigns.header(summary.id);
        if (!snapshot) continue;
        if (snapshot.status === 'running') {
          // Caught sending when the app stopped: the journal is ahead of the database; it tells the truth.
          indexFromJournal(snapshot.id, snapshot.recipientCount);
          startWhenFree(snapshot.id);
        } else if (snapshot.status === 'waiting-for-quota' && snapshot.resumeAt !== undefined) {
          // Electron's close question words what this campaign waits for.
          emit('campaigns:progress', { id: summary.id, changes: [], counts: summary.counts!, status: summary.status, at: new Date(snapshot.resumeAt).toISOString() });
          resumeAt(snapshot.id, snapshot.resumeAt);
        } else if (snapshot.status === 'scheduled' && snapshot.resumeAt !== undefined) {
          announce(summary);
          armSchedule(snapshot.id, snapshot.resumeAt);
        }
      }
    },
  };
  return runner;
}
