/**
 * Closing the window while a campaign is sending (or waiting for its time or for the daily limit) must
 * not stop it by surprise. The first time, the app asks whether to keep sending in the background; the
 * answer is remembered. Kept in the background, the window hides and a tray icon (Windows, Linux) shows
 * the progress with "Open Mailroom" and "Quit"; on macOS the app stays in the Dock, as Mac apps do.
 * Quitting is always safe: the journal resumes the campaign at the next start.
 */
import type { EventPayload } from '../app/ipc/common/contract';

type Progress = EventPayload<'campaigns:progress'>;

/** The remembered answer to "keep sending in the background?". */
export type CloseChoice = 'background' | 'quit';

/** A cancellable close event. */
export interface CloseEvent {
  /** Keeps the window open. */
  preventDefault(): void;
}

/** A tray icon, as far as the keeper uses it. */
export interface TrayHandle {
  /** Sets the hover text. */
  setToolTip(text: string): void;
  /** Removes the icon. */
  destroy(): void;
}

/** One item of the tray menu. */
export interface TrayItem {
  /** The words shown. */
  readonly label: string;
  /** What a click does. */
  readonly click: () => void;
}

/** What the keeper needs from Electron and the stores. */
export interface BackgroundPorts {
  /** `process.platform`. */
  readonly platform: NodeJS.Platform;
  /** The UI locale, e.g. `ko-KR`. */
  locale(): string;
  /** The remembered answer, if the user asked to remember it. */
  readChoice(): CloseChoice | undefined;
  /** Remembers the answer. */
  saveChoice(choice: CloseChoice): void;
  /** Asks the question in a native dialog. */
  ask(words: BackgroundWords): Promise<{ readonly choice: CloseChoice; readonly remember: boolean }>;
  /** Creates the tray icon with its menu. */
  createTray(tooltip: string, items: readonly TrayItem[]): TrayHandle;
  /** Shows and focuses the main window. */
  showWindow(): void;
  /** Hides the main window. */
  hideWindow(): void;
  /** Quits the app, closing the window for real. */
  quit(): void;
  /** The time now (ms; default `Date.now`). */
  now?(): number;
}

/** What the active campaigns are doing, for the words of the question: sending, waiting for the daily limit until a time, scheduled at a time. */
export interface CloseSituation {
  /** Campaigns sending now. */
  readonly sending: number;
  /** The earliest time a campaign waiting for the daily limit can go on (ms), or null when none waits (or the time is unknown). */
  readonly waitingUntil: number | null;
  /** Whether any campaign waits for the daily limit. */
  readonly waiting: boolean;
  /** The earliest scheduled start (ms), or null when none is scheduled (or the time is unknown). */
  readonly scheduledAt: number | null;
  /** Whether any campaign is scheduled. */
  readonly scheduled: boolean;
}

/** A time as the admin reads it: `14:30` today, with the date on another day; in the locale's words. */
export function closeTime(at: number, now: number, locale: string): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay ? { hour: '2-digit', minute: '2-digit' } : { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, options).format(at);
  } catch {
    return new Intl.DateTimeFormat('en', options).format(at);
  }
}

/** The question, its details and the keep button, by what is actually going on (sending first, then waiting, then scheduled). */
export function closeQuestion(situation: CloseSituation, locale: string, now: number): Pick<BackgroundWords, 'question' | 'detail' | 'keep'> {
  const ko = locale.toLowerCase().startsWith('ko');
  const time = (at: number | null) => (at === null ? null : closeTime(at, now, locale));
  const also: string[] = [];
  if (situation.sending > 0) {
    if (situation.waiting) also.push(ko ? `다른 캠페인은 일일 발송 한도를 기다리는 중입니다${time(situation.waitingUntil) ? ` (${time(situation.waitingUntil)}부터 계속)` : ''}.` : `Another campaign is waiting for the daily limit${time(situation.waitingUntil) ? ` (it can go on at ${time(situation.waitingUntil)})` : ''}.`);
    if (situation.scheduled) also.push(ko ? `예약된 캠페인이 있습니다${time(situation.scheduledAt) ? ` (${time(situation.scheduledAt)})` : ''}.` : `A campaign is scheduled${time(situation.scheduledAt) ? ` for ${time(situation.scheduledAt)}` : ''}.`);
    const base = ko ? WORDS.ko : WORDS.en;
    return { question: base.question, detail: [...also, base.detail].join(' '), keep: base.keep };
  }
  if (situation.waiting) {
    const at = time(situation.waitingUntil);
    if (situation.scheduled) also.push(ko ? `예약된 캠페인도 있습니다${time(situation.scheduledAt) ? ` (${time(situation.scheduledAt)})` : ''}.` : `A campaign is also scheduled${time(situation.scheduledAt) ? ` for ${time(situation.scheduledAt)}` : ''}.`);
    return ko
      ? {
          question: `캠페인이 일일 발송 한도를 기다리는 중입니다${at ? ` (${at}부터 계속 보낼 수 있음)` : ''}. 백그라운드에서 계속 실행할까요?`,
          detail: [...also, 'Mailroom이 창 없이 실행되고 있어야 그때 이어서 보냅니다. 대신 종료하면 다음에 Mailroom을 열 때 이어서 보냅니다.'].join(' '),
          keep: '백그라운드에서 계속 실행',
        }
      : {
          question: `A campaign is waiting for the daily sending limit${at ? ` and can go on at ${at}` : ''}. Keep Mailroom running in the background?`,
          detail: [...also, 'Mailroom goes on sending then only while it runs; it runs without its window. If you quit instead, the campaign goes on the next time you open Mailroom.'].join(' '),
          keep: 'Keep running in the background',
        };
  }
  const at = time(situation.scheduledAt);
  return ko
    ? {
        question: `${at ? `${at}에 보내도록 ` : ''}예약된 캠페인이 있습니다. 제시간에 시작하도록 백그라운드에서 계속 실행할까요?`,
        detail: 'Mailroom은 창 없이 실행되다가 예약한 시간에 보내기 시작합니다. 대신 종료하면 다음에 Mailroom을 열 때 시작합니다(시간이 지났으면 바로).',
        keep: '백그라운드에서 계속 실행',
      }
    : {
        question: `A campaign is scheduled to send${at ? ` at ${at}` : ''}. Keep Mailroom running in the background so it starts on time?`,
        detail: 'Mailroom runs without its window and starts sending at the time you set. If you quit instead, the campaign starts the next time you open Mailroom (at once, if its time has passed).',
        keep: 'Keep running in the background',
      };
}

/** The words of the question and the tray. */
export interface BackgroundWords {
  readonly question: string;
  readonly detail: string;
  readonly keep: string;
  readonly quit: string;
  readonly remember: string;
  readonly open: string;
  readonly trayQuit: string;
  readonly tooltip: (active: number, done: number, total: number) => string;
}

const WORDS: Readonly<Record<'en' | 'ko', BackgroundWords>> = {
  en: {
    question: 'A campaign is still sending. Keep sending in the background?',
    detail: 'Mailroom keeps running without its window and shows its progress in the tray. If you quit instead, the campaign stops now and continues from where it stopped the next time you open Mailroom.',
    keep: 'Keep sending in the background',
    quit: 'Quit Mailroom',
    remember: 'Do not ask again',
    open: 'Open Mailroom',
    trayQuit: 'Quit Mailroom',
    tooltip: (active, done, total) => `Mailroom — ${active === 1 ? 'a campaign' : `${active} campaigns`} sending: ${done} of ${total}`,
  },
  ko: {
    question: '캠페인을 아직 보내는 중입니다. 창을 닫고 백그라운드에서 계속 보낼까요?',
    detail: 'Mailroom은 창 없이 계속 실행되며 알림 영역(트레이)에 진행 상황을 보여 줍니다. 대신 종료하면 캠페인은 지금 멈추고, 다음에 Mailroom을 열 때 멈춘 곳부터 이어서 보냅니다.',
    keep: '백그라운드에서 계속 보내기',
    quit: 'Mailroom 종료',
    remember: '다시 묻지 않기',
    open: 'Mailroom 열기',
    trayQuit: 'Mailroom 종료',
    tooltip: (active, done, total) => `Mailroom — 캠페인 ${active}개 발송 중: ${total}명 중 ${done}명`,
  },
};

/** The tray icon: a 32×32 envelope (PNG), small enough to keep inline. */
export const TRAY_ICON_DATA_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAdUlEQVR42u3WywnAIBCEYZuxMsu3CD0JIYg7uw7qYX4I5ODjCzGQlJRSL9UOBQFyqdQLBnwHszcf9yaAifivAwMYkNlcNyCKWK3lBngQ1rgwANkAQW4DVu8WfYBtwOzT8uApAOuwHQNEwAII8Dbg6g+JUupGHQbUMWS6CnnNAAAAAElFTkSuQmCC';

/** Statuses in which a campaign still has work to do without the user. */
const ACTIVE = new Set<Progress['status']>(['running', 'waiting-for-quota', 'scheduled']);

/** The keeper: feed it every progress event and every close request of the main window. */
export interface BackgroundKeeper {
  /** Records a campaign's progress (status and counts). */
  observe(progress: Progress): void;
  /** Whether any campaign is active. */
  isBusy(): boolean;
  /** Call from the window's `close` event; may cancel it and hide the window instead. */
  onCloseRequested(event: CloseEvent): void;
  /** Lets the next close through (the app is quitting). */
  allowClose(): void;
}

/** Creates the keeper. */
export function createBackgroundKeeper(ports: BackgroundPorts): BackgroundKeeper {
  const campaigns = new Map<string, { active: boolean; status: Progress['status']; at: number | null; done: number; total: number }>();
  let tray: TrayHandle | undefined;
  let quitting = false;
  let asking = false;
  const words = () => (ports.locale().toLowerCase().startsWith('ko') ? WORDS.ko : WORDS.en);

  const totals = () => {
    let active = 0;
    let done = 0;
    let total = 0;
    for (const c of campaigns.values()) {
      if (!c.active) continue;
      active += 1;
      done += c.done;
      total += c.total;
    }
    return { active, done, total };
  };
  const tooltip = () => {
    const { active, done, total } = totals();
    return active > 0 ? words().tooltip(active, done, total) : 'Mailroom';
  };

  const situation = (): CloseSituation => {
    const all = [...campaigns.values()];
    const earliest = (status: Progress['status']) => {
      const times = all.filter((c) => c.status === status && c.at !== null).map((c) => c.at!);
      return times.length > 0 ? Math.min(...times) : null;
    };
    return {
      sending: all.filter((c) => c.status === 'running').length,
      waiting: all.some((c) => c.status === 'waiting-for-quota'),
      waitingUntil: earliest('waiting-for-quota'),
      scheduled: all.some((c) => c.status === 'scheduled'),
      scheduledAt: earliest('scheduled'),
    };
  };

  const quit = () => {
    quitting = true;
    tray?.destroy();
    tray = undefined;
    ports.quit();
  };
  const goBackground = () => {
    ports.hideWindow();
    // macOS keeps the app in the Dock; a tray icon is the convention on Windows and Linux.
    if (ports.platform === 'darwin' || tray) return;
    const w = words();
    tray = ports.createTray(tooltip(), [
      { label: w.open, click: () => ports.showWindow() },
      { label: w.trayQuit, click: quit },
    ]);
  };

  return {
    observe(progress) {
      const counts = progress.counts;
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      const left = counts.queued + counts.sending + counts.deferred;
      const at = progress.at === undefined ? Number.NaN : Date.parse(progress.at);
      campaigns.set(progress.id, { active: ACTIVE.has(progress.status), status: progress.status, at: Number.isFinite(at) ? at : null, done: total - left, total });
      tray?.setToolTip(tooltip());
    },
    isBusy: () => totals().active > 0,
    onCloseRequested(event) {
      if (quitting || totals().active === 0) return;
      event.preventDefault();
      const remembered = ports.readChoice();
      if (remembered === 'background') return goBackground();
      if (remembered === 'quit') return quit();
      if (asking) return;
      asking = true;
      ports.ask({ ...words(), ...closeQuestion(situation(), ports.locale(), ports.now?.() ?? Date.now()) }).then(
        ({ choice, remember }) => {
          asking = false;
          if (remember) ports.saveChoice(choice);
          if (choice === 'background') goBackground();
          else quit();
        },
        () => {
          asking = false;
        },
      );
    },
    allowClose() {
      quitting = true;
    },
  };
}
