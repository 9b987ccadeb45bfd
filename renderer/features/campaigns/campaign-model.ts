/** Pure updates of a campaign's view from the progress stream. */
import type { CampaignDetail, EventPayload } from '../../../app/ipc/common/contract';

/** Applies one batch of changed rows to the loaded campaign. */
export function applyProgress(detail: CampaignDetail, progress: EventPayload<'campaigns:progress'>): CampaignDetail {
  if (progress.changes.length === 0 && progress.status === detail.campaign.status) return { ...detail, counts: progress.counts };
  const rows = [...detail.rows];
  for (const change of progress.changes) rows[change.index] = change;
  return { ...detail, rows, counts: progress.counts, campaign: { ...detail.campaign, status: progress.status } };
}
