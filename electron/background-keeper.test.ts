import { describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../app/ipc/common/contract';
import { closeQuestion, closeTime, createBackgroundKeeper, type BackgroundPorts, type CloseChoice, type TrayItem } from './background-keeper';

type Progress = EventPayload<'campaigns:progress'>;

const progress = (id: string, status: Progress['status'], sent: number, queued: number): Progress =>
  ({ id, status, counts: { queued, sending: 0, sent, failed: 0, deferred: 0, skipped: 0, unknown: 0, cancelled: 0 }, rows: [] }) as unknown as Progress;

function setup(overrides: Partial<BackgroundPorts> & { answer?: { choice: CloseChoice; remember: boolean } } = {}) {
  let saved: CloseChoice | undefined;
  const trays: { tooltip: string; items: readonly TrayItem[]; destroyed: boolean }[] = [];
  const ports: BackgroundPorts = {
    platform: 'linux',
    locale: () => 'en-US',
    readChoice: () => saved,
    saveChoice: (choice) => void (saved = choice),
    ask: vi.fn(async () => overrides.answer ?? { choice: 'background' as const, remember: false }),
    createTray: (tooltip, items) => {
      const tray = { tooltip, items, destroyed: false };
      trays.push(tray);
      return { setToolTip: (text: string) => void (tray.tooltip = text), destroy: () => void (tray.destroyed = true) };
    },
    showWindow: vi.fn(),
    hideWindow: vi.fn(),
    quit: vi.fn(),
    ...overrides,
  };
  const keeper = createBackgroundKeeper(ports);
  const close = async () => {
    const event = { preventDefault: vi.fn() };
    keeper.onCloseRequested(event);
    await new Promise((resolve) => setImmediate(resolve));
    return event.preventDefault.mock.calls.length > 0;
  };
  return { keeper, ports, trays, close, saved: () => saved };
}

describe('closing the window while campaigns send', () => {
  it('closes as usual when nothing is sending, paused or finished', async () => {
    const { keeper, ports, close } = setup();
    expect(await close()).toBe(false);
    keeper.observe(progress('a', 'paused', 3, 7));
    keeper.observe(progress('b', 'completed', 10, 0));
    expect(await close()).toBe(false);
    expect(ports.ask).not.toHaveBeenCalled();
  });

  it.each(['running', 'waiting-for-quota', 'scheduled'] as const)('asks when a campaign is %s, then hides the window behind a tray icon', async (status) => {
    const { keeper, ports, trays, close } = setup();
    keeper.observe(progress('a', status, 40, 60));
    expect(await close()).toBe(true);
    expect(ports.ask).toHaveBeenCalledOnce();
    expect(ports.hideWindow).toHaveBeenCalledOnce();
    expect(trays).toHaveLength(1);
    expect(trays[0]?.tooltip).toBe('Mailroom — a campaign sending: 40 of 100');
    expect(trays[0]?.items.map((item) => item.label)).toEqual(['Open Mailroom', 'Quit Mailroom']);
    keeper.observe(progress('a', status, 70, 30));
    expect(trays[0]?.tooltip).toBe('Mailroom — a campaign sending: 70 of 100');
    trays[0]?.items[0]?.click();
    expect(ports.showWindow).toHaveBeenCalledOnce();
    trays[0]?.items[1]?.click();
    expect(ports.quit).toHaveBeenCalledOnce();
    expect(trays[0]?.destroyed).toBe(true);
  });

  it('asks once when told to remember, and does what was answered from then on', async () => {
    const { keeper, ports, close, saved } = setup({ answer: { choice: 'background', remember: true } });
    keeper.observe(progress('a', 'running', 1, 9));
    await close();
    expect(saved()).toBe('background');
    await close();
    expect(ports.ask).toHaveBeenCalledOnce();
    expect(ports.hideWindow).toHaveBeenCalledTimes(2);
  });

  it('asks again next time when not told to remember', async () => {
    const { keeper, ports, close, saved } = setup();
    keeper.observe(progress('a', 'running', 1, 9));
    await close();
    await close();
    expect(saved()).toBeUndefined();
    expect(ports.ask).toHaveBeenCalledTimes(2);
  });

  it('quits when the user chooses to quit (the journal resumes the campaign at the next start)', async () => {
    const { keeper, ports, trays, close } = setup({ answer: { choice: 'quit', remember: false } });
    keeper.observe(progress('a', 'running', 1, 9));
    await close();
    expect(ports.quit).toHaveBeenCalledOnce();
    expect(ports.hideWindow).not.toHaveBeenCalled();
    expect(trays).toHaveLength(0);
    // Quitting closes the window for real.
    expect(await close()).toBe(false);
  });

  it('on macOS hides the window and leaves the app in the Dock, without a tray icon', async () => {
    const { keeper, ports, trays, close } = setup({ platform: 'darwin' });
    keeper.observe(progress('a', 'running', 1, 9));
    await close();
    expect(ports.hideWindow).toHaveBeenCalledOnce();
    expect(trays).toHaveLength(0);
  });

  it('lets the window close once the app is quitting (menu, Cmd+Q, system shutdown)', async () => {
    const { keeper, ports, close } = setup();
    keeper.observe(progress('a', 'running', 1, 9));
    keeper.allowClose();
    expect(await close()).toBe(false);
    expect(ports.ask).not.toHaveBeenCalled();
  });

  it('speaks Korean to a Korean user', async () => {
    const { keeper, ports, trays, close } = setup({ locale: () => 'ko-KR' });
    keeper.observe(progress('a', 'running', 2, 3));
    keeper.observe(progress('b', 'waiting-for-quota', 0, 5));
    await close();
    expect(vi.mocked(ports.ask).mock.calls[0]?.[0].keep).toBe('백그라운드에서 계속 보내기');
    expect(trays[0]?.tooltip).toBe('Mailroom — 캠페인 2개 발송 중: 10명 중 2명');
  });
});

describe('closeQuestion', () => {
  const now = Date.parse('2026-11-30T05:00:00Z');
  const at = now + 90 * 60_000;
  const none = { sending: 0, waiting: false, waitingUntil: null, scheduled: false, scheduledAt: null };
  it('words the question by what is going on, sending first, in ko and en', () => {
    const time = closeTime(at, now, 'en-US');
    expect(closeQuestion({ ...none, sending: 1, scheduled: true, scheduledAt: at }, 'en-US', now).question).toBe('A campaign is still sending. Keep sending in the background?');
    expect(closeQuestion({ ...none, sending: 1, scheduled: true, scheduledAt: at }, 'en-US', now).detail).toContain(`scheduled for ${time}`);
    expect(closeQuestion({ ...none, waiting: true, waitingUntil: at }, 'en-US', now).question).toBe(`A campaign is waiting for the daily sending limit and can go on at ${time}. Keep Mailroom running in the background?`);
    expect(closeQuestion({ ...none, scheduled: true, scheduledAt: at }, 'en-US', now).question).toBe(`A campaign is scheduled to send at ${time}. Keep Mailroom running in the background so it starts on time?`);
    expect(closeQuestion({ ...none, scheduled: true, scheduledAt: at }, 'ko-KR', now).question).toBe(`${closeTime(at, now, 'ko-KR')}에 보내도록 예약된 캠페인이 있습니다. 제시간에 시작하도록 백그라운드에서 계속 실행할까요?`);
    expect(closeQuestion({ ...none, waiting: true, waitingUntil: null }, 'ko-KR', now).question).toBe('캠페인이 일일 발송 한도를 기다리는 중입니다. 백그라운드에서 계속 실행할까요?');
    // Another day: the date comes with the time.
    expect(closeTime(now + 3 * 86_400_000, now, 'en-US')).toMatch(/Dec 3, 2026/);
  });
});
