/**
 * What a running campaign shows outside the window: the taskbar/dock progress bar while campaigns
 * send, and a native notification when one finishes, pauses or waits for the daily limit — the admin has
 * usually switched to other work by then. It listens to the same `campaigns:progress` events the
 * renderer gets, so it needs nothing from the core beyond them.
 */
import type { EventChannel } from '../app/ipc/common/channels';
import type { EventPayload } from '../app/ipc/common/contract';
import type { EventSink } from '../app/storage/node/ports';

type Progress = EventPayload<'campaigns:progress'>;
type Status = Progress['status'];

/** The host's side: Electron's Notification and BrowserWindow.setProgressBar, and the UI language. */
export interface CampaignSignalPorts {
  /** Shows a native notification. */
  notify(title: string, body: string): void;
  /** Sets the taskbar/dock progress (0–1), or removes it (null). */
  setProgress(fraction: number | null): void;
  /** The user's locale, e.g. `ko-KR`. */
  locale(): string;
}

const WORDS = {
  en: {
    completed: 'Campaign finished',
    paused: 'Campaign paused',
    'waiting-for-quota': 'Campaign waiting for the daily limit',
    counts: (sent: number, failed: number, unknown: number, left: number) =>
      [`${sent} sent`, failed ? `${failed} failed` : '', unknown ? `${unknown} unknown` : '', left ? `${left} not sent yet` : ''].filter(Boolean).join(', '),
    pausedWhy: 'Open Mailroom to see why.',
  },
  ko: {
    completed: '캠페인 발송 완료',
    paused: '캠페인 일시 정지',
    'waiting-for-quota': '하루 한도로 발송 대기 중',
    counts: (sent: number, failed: number, unknown: number, left: number) =>
      [`보냄 ${sent}`, failed ? `실패 ${failed}` : '', unknown ? `확인 불가 ${unknown}` : '', left ? `남음 ${left}` : ''].filter(Boolean).join(', '),
    pausedWhy: 'Mailroom을 열어 원인을 확인하세요.',
  },
} as const;

/** Wraps the event sink: every event still goes to the window; campaign progress also drives the signals. */
export function withCampaignSignals(emit: EventSink, ports: CampaignSignalPorts): EventSink {
  const campaigns = new Map<string, { status: Status; done: number; total: number }>();

  const updateBar = () => {
    let done = 0;
    let total = 0;
    for (const c of campaigns.values()) {
      if (c.status !== 'running') continue;
      done += c.done;
      total += c.total;
    }
    ports.setProgress(total > 0 ? done / total : null);
  };

  const observe = (progress: Progress) => {
    const counts = progress.counts;
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    const left = counts.queued + counts.sending + counts.deferred;
    const before = campaigns.get(progress.id)?.status;
    campaigns.set(progress.id, { status: progress.status, done: total - left, total });
    updateBar();
    // A run ends with one event carrying its final status. Cancelling is the user's own act: no notice.
    if (before === progress.status || (progress.status !== 'completed' && progress.status !== 'paused' && progress.status !== 'waiting-for-quota')) return;
    const words = ports.locale().toLowerCase().startsWith('ko') ? WORDS.ko : WORDS.en;
    const body = words.counts(counts.sent, counts.failed, counts.unknown, left);
    ports.notify(words[progress.status], progress.status === 'paused' ? `${body}. ${words.pausedWhy}` : body);
  };

  return <E extends EventChannel>(channel: E, payload: EventPayload<E>): void => {
    emit(channel, payload);
    if (channel === 'campaigns:progress') {
      try {
        observe(payload as Progress);
      } catch {
        // A notification that cannot be shown must never break the event stream.
      }
    }
  };
}
