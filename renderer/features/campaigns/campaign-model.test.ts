import { describe, expect, it } from 'vitest';
import type { CampaignDetail } from '../../../app/ipc/common/contract';
import { applyProgress, followSelected } from './campaign-model';

const counts = { queued: 2, sending: 0, sent: 0, deferred: 0, failed: 0, skipped: 0, unknown: 0, cancelled: 0, bounced: 0, unsubscribed: 0 };
const detail: CampaignDetail = {
  campaign: { id: 'c', name: 'S · Nov 22, 2026', accountLabel: 'A', listName: 'L', subject: 'S', recipients: 2, status: 'running', createdAt: '2026-11-22T00:00:00.000Z' },
  rows: [{ index: 0, email: 'a@x.kr', name: '', status: 'queued', detail: '' }],
  total: 2,
  counts,
};
const progress = {
  id: 'c',
  changes: [{ index: 1, email: 'b@x.kr', name: '', status: 'sent' as const, detail: '250 OK', messageId: '<m>' }],
  counts: { ...counts, queued: 1, sent: 1 },
  status: 'completed' as const,
};

describe('applyProgress', () => {
  it('takes the new counts and status and leaves the detail it was given alone', () => {
    const next = applyProgress(detail, progress);
    expect(next.counts.sent).toBe(1);
    expect(next.campaign.status).toBe('completed');
    expect(detail.campaign.status).toBe('running');
    expect(applyProgress(detail, { ...progress, status: 'running' }).campaign).toBe(detail.campaign);
  });

  it('follows the selected row through the changes, and keeps it when it did not change', () => {
    expect(followSelected({ index: 1, email: 'b@x.kr', name: '', status: 'queued', detail: '' }, progress)).toMatchObject({ status: 'sent', detail: '250 OK' });
    const other = { index: 0, email: 'a@x.kr', name: '', status: 'queued' as const, detail: '' };
    expect(followSelected(other, progress)).toBe(other);
    expect(followSelected(null, progress)).toBeNull();
  });
});
