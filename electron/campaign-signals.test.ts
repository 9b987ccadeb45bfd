import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../app/ipc/common/contract';
import { withCampaignSignals } from './campaign-signals';

type Progress = EventPayload<'campaigns:progress'>;
const counts = (c: Partial<Progress['counts']>): Progress['counts'] => ({ queued: 0, sending: 0, sent: 0, deferred: 0, failed: 0, skipped: 0, unknown: 0, cancelled: 0, bounced: 0, unsubscribed: 0, ...c });

function setup(locale = 'en-US') {
  const forwarded: unknown[] = [];
  const notices: Array<[string, string]> = [];
  const bar: Array<number | null> = [];
  const emit = withCampaignSignals((channel, payload) => forwarded.push([channel, payload]), {
    notify: (title, body) => notices.push([title, body]),
    setProgress: (fraction) => bar.push(fraction),
    locale: () => locale,
  });
  return { emit, forwarded, notices, bar };
}

describe('campaign signals (taskbar progress, native notifications)', () => {
  it('forwards every event, follows progress on the taskbar, and notifies once when a campaign finishes', () => {
    const { emit, forwarded, notices, bar } = setup();
    emit('campaigns:progress', { id: 'c1', changes: [], counts: counts({ queued: 30, sent: 10 }), status: 'running' });
    emit('campaigns:progress', { id: 'c1', changes: [], counts: counts({ queued: 10, sent: 29, failed: 1 }), status: 'running' });
    emit('campaigns:progress', { id: 'c1', changes: [], counts: counts({ sent: 38, failed: 2 }), status: 'completed' });
    emit('campaigns:progress', { id: 'c1', changes: [], counts: counts({ sent: 38, failed: 2 }), status: 'completed' });
    expect(forwarded).toHaveLength(4);
    expect(bar).toEqual([0.25, 0.75, null, null]);
    expect(notices).toEqual([['Campaign finished', '38 sent, 2 failed']]);
  });

  it('says a pause and a wait for the daily limit in Korean, and stays quiet on a cancel', () => {
    const { emit, notices } = setup('ko-KR');
    emit('campaigns:progress', { id: 'c1', changes: [], counts: counts({ queued: 49 }), status: 'paused' });
    emit('campaigns:progress', { id: 'c2', changes: [], counts: counts({ sent: 500, queued: 100 }), status: 'waiting-for-quota' });
    emit('campaigns:progress', { id: 'c3', changes: [], counts: counts({ cancelled: 5 }), status: 'cancelled' });
    expect(notices).toEqual([
      ['캠페인 일시 정지', '보냄 0, 남음 49. Mailroom을 열어 원인을 확인하세요.'],
      ['하루 한도로 발송 대기 중', '보냄 500, 남음 100'],
    ]);
  });

  it('adds up every running campaign on the bar, and a failing notifier never breaks the stream', () => {
    const forwarded: unknown[] = [];
    const bar: Array<number | null> = [];
    const emit = withCampaignSignals((channel, payload) => forwarded.push([channel, payload]), {
      notify: () => {
        throw new Error('no notification server');
      },
      setProgress: (fraction) => bar.push(fraction),
      locale: () => 'en',
    });
    emit('campaigns:progress', { id: 'a', changes: [], counts: counts({ queued: 10 }), status: 'running' });
    emit('campaigns:progress', { id: 'b', changes: [], counts: counts({ sent: 10 }), status: 'running' });
    emit('campaigns:progress', { id: 'b', changes: [], counts: counts({ sent: 10 }), status: 'completed' });
    emit('accounts:changed', { accounts: [] });
    expect(bar).toEqual([0, 0.5, 0]);
    expect(forwarded).toHaveLength(4);
  });
});
