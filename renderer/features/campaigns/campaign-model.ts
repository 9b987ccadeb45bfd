/** Pure updates of a campaign's view from the progress stream. */
import type { CampaignDetail, CampaignRow, EventPayload } from '../../../app/ipc/common/contract';

/** Applies one batch of progress to the loaded campaign's header: its counts and status (the rows are the table's pages). */
export function applyProgress(detail: CampaignDetail, progress: EventPayload<'campaigns:progress'>): CampaignDetail {
  if (progress.status === detail.campaign.status) return { ...detail, counts: progress.counts };
  return { ...detail, counts: progress.counts, campaign: { ...detail.campaign, status: progress.status } };
}

/** The selected row as the latest progress has it. */
export function followSelected(selected: CampaignRow | null, progress: EventPayload<'campaigns:progress'>): CampaignRow | null {
  if (!selected) return selected;
  return progress.changes.findLast((change) => change.index === selected.index) ?? selected;
}
