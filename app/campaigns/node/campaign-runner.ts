/**
 * Runs campaigns for the handlers: starts the engine over a snapshot with its journal, relays batched
 * progress as `campaigns:progress` events, takes pause and cancel, records where each campaign is, and
 * answers a window that opens mid-campaign with every row (then the event stream goes on).
 */
import { mkdirSync } from 'node:fs';
import { AppError, assertNever } from '../../ipc/common/app-error';
import type { CampaignDetail, CampaignRow, CampaignSummary } from '../../ipc/common/contract';
import { writeCsv } from '../../exports/node/csv-writer';
import { fieldValue } from '../../lists/common/member-list';
import { DELIVERY_STATUSES, requeueState, summarize, type DeliveryState, type DeliverySummary } from '../common/delivery-state';
import type { AccountStore } from '../../accounts/node/account-store';
import { createCampaignControls, runCampaign, type CampaignControls } from './campaign-engine';
import { journalFileFor, openCampaignJournal, replay } from './campaign-journal';
import { acquireCampaignLock } from './campaign-lock';
import type { CampaignSnapshot, CampaignStore } from './campaign-store';
import type { Clock, EventSink, Logger } from '../../storage/node/ports';
import type { SendLedger } from '../../accounts/node/send-ledger';

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
}

/** The runner. */
export interface CampaignRunner {
  /** Starts or resumes a campaign; returns at once, the run goes on in the background. */
  start(id: string): Promise<CampaignSummary>;
  /** Asks a running campaign to pause. */
  pause(id: string): CampaignSummary;
  /** Cancels a campaign: running ones stop, every member not handed over becomes cancelled. */
  cancel(id: string): Promise<CampaignSummary>;
  /** Every row of a campaign, as the journal has it now. */
  detail(id: string): CampaignDetail;
  /** The history: every campaign, newest first, with its counts. */
  list(): CampaignSummary[];
  /**
   * Puts the failed (or the unknown) rows back in the queue and starts the campaign again. Unknown rows
   * may already have been delivered: the user asks for this explicitly, after a warning.
   */
  requeue(id: string, which: 'failed' | 'unknown'): Promise<CampaignSummary>;
  /** Every row as CSV (UTF-8 with BOM, so Excel reads Korean), with the columns the table shows. */
  exportCsv(id: string): { fileName: string; content: string };
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
export function rowOf(snapshot: CampaignSnapshot, index: number, state: DeliveryState): CampaignRow {
  const member = snapshot.recipients[index]!;
  const base = { index, email: member.email, name: member.name, status: state.status };
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
  const busyWith = (accountId: string) => [...running].find(([id, r]) => r.accountId === accountId && campaigns.get(id)?.status === 'running');
  /** Campaigns recovery could not resume because saved passwords were locked; resumed on unlock. */
  const waitingForSecrets = new Set<string>();
  /** Starts a campaign by itself (recovery, a freed quota window): after the account's current one. */
  const startWhenFree = (id: string) => {
    const snapshot = campaigns.get(id);
    const busy = snapshot ? busyWith(snapshot.accountId) : undefined;
    if (busy) {
      void busy[1].done.then(() => startWhenFree(id));
      return;
    }
    void runner.start(id).catch((error: unknown) => {
      // Another process runs it: its status is that process's to keep.
      if (error instanceof AppError && error.code === 'busy') return log(`[campaign] ${id} is running in another process`);
      if (campaigns.get(id)?.status === 'running') campaigns.setStatus(id, 'paused');
      if (error instanceof AppError && error.code === 'secret-unavailable') waitingForSecrets.add(id);
      log(`[campaign] ${id} could not resume: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Starts a campaign again when its quota window frees, while the app runs. */
  const resumeAt = (id: string, at: number) => {
    clearTimeout(timers.get(id));
    // setTimeout holds at most 2^31-1 ms (~24.8 days); unref so a waiting campaign never keeps a process alive.
    const timer = setTimeout(() => {
      timers.delete(id);
      startWhenFree(id);
    }, Math.min(Math.max(0, at - clock.now()), 2 ** 31 - 1));
    timer.unref?.();
    timers.set(id, timer);
  };

  const summaryOf = (id: string): CampaignSummary => campaigns.list().find((c) => c.id === id)!;
  const accountPreset = (accountId: string) => accounts.list().find((a) => a.id === accountId)?.presetId;
  const snapshotOf = (id: string): CampaignSnapshot => {
    const snapshot = campaigns.get(id);
    if (!snapshot) throw new AppError('not-found', 'That campaign no longer exists.');
    return snapshot;
  };
  /** Every member's state from the journal; rows of a campaign sending now may be `sending`. */
  const statesOf = (snapshot: CampaignSnapshot) =>
    replay(journalFileFor(journalDir, snapshot.id), snapshot.recipients.length, clock.now(), { recover: !running.has(snapshot.id) }).states;

  const run = async (snapshot: CampaignSnapshot, controls: CampaignControls) => {
    const { journal, recovered } = await openCampaignJournal(journalFileFor(journalDir, snapshot.id), snapshot.recipients.length, clock.now());
    try {
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
        onProgress: (progress) =>
          emit('campaigns:progress', {
            id: snapshot.id,
            changes: progress.changes.map((c) => rowOf(snapshot, c.index, c.state)),
            counts: countsOf(progress.summary),
            status: 'running',
          }),
      });
      const status = outcome.status;
      const summary =
        status === 'paused' && outcome.reason === 'failure'
          ? campaigns.setStatus(snapshot.id, 'paused', { failure: outcome.failure })
          : status === 'waiting-for-quota'
            ? campaigns.setStatus(snapshot.id, status, { failure: outcome.failure, resumeAt: outcome.resumeAt })
            : campaigns.setStatus(snapshot.id, status);
      if (outcome.status === 'waiting-for-quota') resumeAt(snapshot.id, outcome.resumeAt);
      emit('campaigns:progress', { id: snapshot.id, changes: [], counts: countsOf(outcome.summary), status: summary.status });
    } finally {
      ledger.flush();
      await journal.close();
    }
  };

  const runner: CampaignRunner = {
    async start(id) {
      const snapshot = snapshotOf(id);
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
        const other = campaigns.get(busy[0]);
        throw new AppError(
          'invalid-input',
          `Another campaign ("${other?.template.subject ?? busy[0]}") is sending through ${snapshot.accountLabel} now.`,
          'One campaign per account sends at a time, so the account keeps its pace and daily limit. Start this one when that one has finished, or pause that one first.',
        );
      }
      // Fails here, before anything starts, when the password cannot be read.
      await accounts.credentialsOf(snapshot.accountId);
      const lock = acquireCampaignLock(journalDir, id);
      const controls = createCampaignControls();
      const summary = campaigns.setStatus(id, 'running');
      const done = run(snapshot, controls)
        .catch((error: unknown) => {
          log(`[campaign] ${id} stopped: ${error instanceof Error ? error.message : String(error)}`);
          const stopped = campaigns.setStatus(id, 'paused');
          emit('campaigns:progress', { id, changes: [], counts: countsOf(summarize(statesOf(snapshot))), status: stopped.status });
        })
        .finally(() => {
          lock.release();
          running.delete(id);
        });
      running.set(id, { accountId: snapshot.accountId, controls, done });
      return summary;
    },
    pause(id) {
      snapshotOf(id);
      running.get(id)?.controls.pause();
      return campaigns.list().find((c) => c.id === id)!;
    },
    async cancel(id) {
      const snapshot = snapshotOf(id);
      const current = running.get(id);
      if (current) {
        current.controls.cancel();
        await current.done;
        return campaigns.list().find((c) => c.id === id)!;
      }
      // Not running: run once with cancel already asked, so the journal records every cancelled row.
      const lock = acquireCampaignLock(journalDir, id);
      const controls = createCampaignControls();
      controls.cancel();
      await run(snapshot, controls).finally(() => lock.release());
      return campaigns.list().find((c) => c.id === id)!;
    },
    detail(id) {
      const snapshot = snapshotOf(id);
      const states = statesOf(snapshot);
      const summary = campaigns.list().find((c) => c.id === id)!;
      return {
        campaign: summary,
        rows: states.map((state, index) => rowOf(snapshot, index, state)),
        counts: countsOf(summarize(states)),
        ...(snapshot.failure ? { failure: snapshot.failure } : {}),
        ...(snapshot.resumeAt !== undefined ? { resumeAt: new Date(snapshot.resumeAt).toISOString() } : {}),
        ...(accountPreset(snapshot.accountId) ? { presetId: accountPreset(snapshot.accountId) } : {}),
      };
    },
    list() {
      return campaigns.list().map((summary) => {
        const snapshot = campaigns.get(summary.id);
        return snapshot ? { ...summary, counts: countsOf(summarize(statesOf(snapshot))) } : summary;
      });
    },
    async requeue(id, which) {
      const snapshot = snapshotOf(id);
      if (running.has(id)) throw new AppError('invalid-input', 'The campaign is sending now.', 'Pause it first.');
      const lock = acquireCampaignLock(journalDir, id);
      const opened = openCampaignJournal(journalFileFor(journalDir, snapshot.id), snapshot.recipients.length, clock.now());
      opened.catch(() => lock.release());
      const { journal, recovered } = await opened;
      try {
        const entries = recovered.states.flatMap((state, i) => (state.status === which ? [{ i, s: requeueState(state, which) }] : []));
        if (entries.length === 0) throw new AppError('invalid-input', `No ${which} rows to send again.`);
        await journal.append(entries);
      } finally {
        await journal.close();
        lock.release();
      }
      campaigns.setStatus(id, 'paused');
      return runner.start(id);
    },
    exportCsv(id) {
      const snapshot = snapshotOf(id);
      const rows = statesOf(snapshot).map((state, index) => rowOf(snapshot, index, state));
      const fields = Object.keys(snapshot.recipients[0]?.fields ?? {});
      const data = rows.map((r) => {
        const member = snapshot.recipients[r.index]!;
        return [r.email, r.name, ...fields.map((f) => fieldValue(member.fields, f)), r.status, r.diagnosis ?? '', r.detail, r.messageId ?? '', r.at ?? ''];
      });
      const header = ['email', 'name', ...fields, 'status', 'diagnosis', 'reply', 'messageId', 'at'];
      return { fileName: `campaign-${snapshot.createdAt.slice(0, 10)}-results.csv`, content: writeCsv(header, data) };
    },
    settled: async (id) => {
      await running.get(id)?.done;
    },
    secretsUnlocked() {
      const ids = [...waitingForSecrets];
      waitingForSecrets.clear();
      // Only those still paused as recovery left them: one the user has since resumed or cancelled is theirs.
      for (const id of ids) if (campaigns.get(id)?.status === 'paused' && !running.has(id)) startWhenFree(id);
    },
    recover() {
      for (const summary of campaigns.list()) {
        const snapshot = campaigns.get(summary.id);
        if (!snapshot) continue;
        if (snapshot.status === 'running') {
          startWhenFree(snapshot.id);
        } else if (snapshot.status === 'waiting-for-quota' && snapshot.resumeAt !== undefined) {
          resumeAt(snapshot.id, snapshot.resumeAt);
        }
      }
    },
  };
  return runner;
}
