/** Duplicate, archive, restore and delete a campaign from the history or its view: asked in the app's dialog, refused in words while it has not finished. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isFinishedStatus } from '../../../app/campaigns/common/campaign-name';
import type { CampaignSummary } from '../../../app/ipc/common/contract';
import { useConfirm } from '../../components/confirm-dialog';
import { useClient } from '../../state/client-context';

/** How an action ended: done (with the summary when one is returned), refused or failed (with words), or the admin said no. */
export type HousekeepingOutcome =
  | { readonly kind: 'done'; readonly message: string; readonly summary?: CampaignSummary }
  | { readonly kind: 'refused' | 'failed'; readonly message: string }
  | { readonly kind: 'kept' };

/** The campaign's housekeeping actions. */
export function useCampaignHousekeeping() {
  const { t } = useTranslation();
  const client = useClient();
  const confirm = useConfirm();
  const refusal = useCallback(
    (campaign: CampaignSummary, action: 'archive' | 'delete'): HousekeepingOutcome | null =>
      isFinishedStatus(campaign.status)
        ? null
        : { kind: 'refused', message: t(`names.refused.${campaign.status}`, { action: t(action === 'archive' ? 'names.actionArchived' : 'names.actionDeleted') }) },
    [t],
  );
  const failed = useCallback((error: { code: string; message: string; hint?: string | undefined }): HousekeepingOutcome => ({ kind: 'failed', message: t(`errors.${error.code}`, { defaultValue: `${error.message} ${error.hint ?? ''}`.trim() }) }), [t]);

  const duplicate = useCallback(
    async (campaign: CampaignSummary): Promise<HousekeepingOutcome> => {
      const result = await client.request('campaigns:duplicate', { id: campaign.id });
      return result.ok ? { kind: 'done', message: '' } : failed(result.error);
    },
    [client, failed],
  );
  const archive = useCallback(
    async (campaign: CampaignSummary, archived: boolean): Promise<HousekeepingOutcome> => {
      if (archived) {
        const refused = refusal(campaign, 'archive');
        if (refused) return refused;
        const yes = await confirm({ title: t('names.confirmArchive.title', { name: campaign.name }), body: t('names.confirmArchive.body'), confirmLabel: t('names.confirmArchive.confirm') });
        if (!yes) return { kind: 'kept' };
      }
      const result = await client.request('campaigns:archive', { id: campaign.id, archived });
      if (!result.ok) return failed(result.error);
      return { kind: 'done', summary: result.value, message: t(archived ? 'names.archivedDone' : 'names.restored', { name: campaign.name }) };
    },
    [client, confirm, failed, refusal, t],
  );
  const remove = useCallback(
    async (campaign: CampaignSummary): Promise<HousekeepingOutcome> => {
      const refused = refusal(campaign, 'delete');
      if (refused) return refused;
      const yes = await confirm({
        title: t('names.confirmDelete.title', { name: campaign.name }),
        body: t('names.confirmDelete.body', { count: campaign.recipients }),
        confirmLabel: t('names.confirmDelete.confirm'),
        danger: true,
      });
      if (!yes) return { kind: 'kept' };
      const result = await client.request('campaigns:delete', { id: campaign.id });
      return result.ok ? { kind: 'done', message: t('names.deletedDone', { name: campaign.name }) } : failed(result.error);
    },
    [client, confirm, failed, refusal, t],
  );
  return { duplicate, archive, remove };
}
