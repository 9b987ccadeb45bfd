import { describe, expect, it } from 'vitest';
import type { CampaignDetail } from '../../../app/ipc/common/contract';
import { applyProgress } from './campaign-model';

const counts = { queued: 2, sending: 0, sent: 0, deferred: 0, failed: 0, skipped: 0, unknown: 0, cancelled: 0, bounced: 0, unsubscribed: 0 };
const detail: CampaignDetail = {
  campaign: { id: 'c', accountLabel: 'A', listName: 'L', subject: 'S', recipients: 2, status: 'running', createdAt: '2026-11-22T00:00:00.000Z' },
  rows: [
    { index: 0, email: 'a@x.kr', name: '', status: 'queued', detail: '' },
    { index: 1, email: 'b@x.kr', name: '', status: 'queued', detail: '' },
  ],
  counts,
};

describe('applyProgress', () => {
  it('replaces only the changed rows and takes the new counts and status', () => {
    const next = applyProgress(detail, {
      id: 'c',
      changes: [{ index: 1, email: 'b@x.kr', name: '', status: 'sent', detail: '250 OK', messageId: '<m>' }],
      counts: { ...counts, queued: 1, sent: 1 },
      status: 'completed',
    });
    expect(next.rows[0]).toBe(detail.rows[0]);
    expect(next.rows[1]).toMatchObject({ status: 'sent', detail: '250 OK' });
    expect(next.counts.sent).toBe(1);
    expect(next.campaign.status).toBe('completed');
    expect(detail.rows[1]!.status).toBe('queued');
  });
});
