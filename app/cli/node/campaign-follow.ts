/**
 * Starts (or resumes) a campaign and follows it until its run ends: a live progress bar (cli-progress)
 * on a terminal, line-delimited JSON events with `--json`, a summary line otherwise. Ctrl-C pauses the
 * campaign (the messages in flight finish, the journal stays resumable); a second Ctrl-C exits at once.
 */
import { Presets, SingleBar } from 'cli-progress';
import type { CampaignRow, CampaignDetail, SmtpFailure } from '../../ipc/common/contract';
import type { PresetId } from '../../accounts/common/presets';
import { EXIT, exitForFailure } from '../common/exit-codes';
import { localTime, providerLimitLines, type CliLanguage, type CliWords } from '../common/cli-words';
import type { CliIo, Session } from './cli-session';

/** Counts by delivery state. */
type CampaignCounts = CampaignDetail['counts'];

/** Options of the follower. */
export interface FollowOptions {
  /** Line-delimited JSON on stdout instead of the bar. */
  readonly json: boolean;
  /** Streams and signals. */
  readonly io: CliIo;
  /** Words. */
  readonly words: CliWords;
  /** The language of the words (for the provider's name). */
  readonly language: CliLanguage;
  /** Prints a failure in the catalogue's words. */
  readonly explain: (failure: SmtpFailure, presetId: PresetId) => void;
}

/** Members whose fate is decided (no longer queued, sending or deferred). */
export function decided(counts: CampaignCounts): number {
  return counts.sent + counts.failed + counts.skipped + counts.unknown + counts.cancelled;
}

/** One JSON event line for a row. */
export function rowEvent(id: string, row: CampaignRow): Record<string, unknown> {
  return {
    event: 'row',
    campaign: id,
    index: row.index,
    email: row.email,
    status: row.status,
    detail: row.detail,
    ...(row.messageId === undefined ? {} : { messageId: row.messageId }),
    ...(row.diagnosis === undefined ? {} : { diagnosis: row.diagnosis }),
    ...(row.at === undefined ? {} : { at: row.at }),
  };
}

/** The exit code of a campaign whose run has ended. */
export function exitForCampaign(detail: CampaignDetail, interrupted: boolean): number {
  const { status } = detail.campaign;
  const c = detail.counts;
  switch (status) {
    case 'completed':
      return c.failed + c.unknown + c.cancelled > 0 ? EXIT.failed : EXIT.ok;
    case 'waiting-for-quota':
      return EXIT.dailyLimit;
    case 'paused':
      if (detail.failure) return exitForFailure(detail.failure.diagnosis);
      return interrupted ? EXIT.interrupted : EXIT.failed;
    case 'cancelled':
      return EXIT.failed;
    case 'ready':
    case 'running':
    case 'scheduled':
      return EXIT.error;
  }
}

/** Starts the campaign and follows it; resolves to the exit code. */
export async function followCampaign(session: Session, id: string, options: FollowOptions): Promise<number> {
  const { io, words, json } = options;
  const print = (event: Record<string, unknown>) => void io.stdout.write(`${JSON.stringify(event)}\n`);
  let ended!: () => void;
  const end = new Promise<void>((resolve) => (ended = resolve));
  let bar: SingleBar | undefined;
  const stopListening = session.on('campaigns:progress', (progress) => {
    if (progress.id !== id) return;
    if (json) {
      for (const row of progress.changes) print(rowEvent(id, row));
      print({ event: 'progress', campaign: id, status: progress.status, counts: progress.counts });
    }
    bar?.update(decided(progress.counts), { sent: progress.counts.sent, failed: progress.counts.failed, deferred: progress.counts.deferred, status: progress.status });
    if (progress.status !== 'running') ended();
  });
  let interrupted = false;
  const stopInterrupts = io.onInterrupt(() => {
    if (interrupted) {
      bar?.stop();
      process.exit(EXIT.interrupted);
    }
    interrupted = true;
    bar?.stop();
    if (!json) io.stderr.write(`\n${words.pausing}\n`);
    else print({ event: 'interrupt', campaign: id });
    void session.call('campaigns:pause', { id }).catch(() => undefined);
  });
  try {
    const started = await session.call('campaigns:start', { id });
    const recipients = started.recipients;
    if (json) print({ event: 'started', campaign: id, recipients, status: started.status });
    else if (io.stderr.isTTY) {
      const before = (await session.call('campaigns:get', { id })).counts;
      bar = new SingleBar({
        format: ' {bar} {percentage}% | {value}/{total} | sent {sent} · failed {failed} · deferred {deferred} | {status} | ETA {eta_formatted}',
        stream: io.stderr as NodeJS.WritableStream,
        hideCursor: true,
        barsize: 30,
        etaBuffer: 50,
      }, Presets.shades_classic);
      bar.start(recipients, decided(before), { sent: before.sent, failed: before.failed, deferred: before.deferred, status: started.status });
    }
    await end;
  } finally {
    stopListening();
    stopInterrupts();
    bar?.stop();
  }
  const detail = await session.call('campaigns:get', { id });
  const code = exitForCampaign(detail, interrupted);
  if (json) {
    print({
      event: 'done',
      campaign: id,
      status: detail.campaign.status,
      counts: detail.counts,
      exitCode: code,
      ...(detail.failure ? { failure: { diagnosis: detail.failure.diagnosis, response: detail.failure.response ?? detail.failure.message } } : {}),
      ...(detail.resumeAt ? { resumeAt: detail.resumeAt } : {}),
      ...(detail.providerLimit ? { providerLimit: detail.providerLimit } : {}),
    });
  } else {
    const counts = Object.entries(detail.counts)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${status} ${n}`)
      .join(', ');
    io.stderr.write(`${words.done(detail.campaign.status)} ${counts}\n`);
    for (const row of detail.rows.filter((r) => r.status === 'failed').slice(0, 20)) io.stderr.write(`  ✗ ${row.email}: ${row.detail}\n`);
  }
  if (detail.failure && detail.campaign.status !== 'completed') options.explain(detail.failure, detail.presetId ?? 'custom');
  if (detail.campaign.status === 'waiting-for-quota' && detail.providerLimit) {
    for (const line of providerLimitLines(options.language, detail.presetId ?? 'custom', detail.providerLimit)) io.stderr.write(`${line}\n`);
  }
  if (detail.campaign.status === 'waiting-for-quota' && detail.resumeAt) io.stderr.write(`${words.waiting(localTime(detail.resumeAt))}\n`);
  if (code === EXIT.interrupted) io.stderr.write(`${words.paused(id)}\n`);
  return code;
}
