/** Campaigns: the history of campaigns created from Compose, each with its counts; opening one shows its live results. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HISTORY_PAGE_SIZE, type CampaignSummary } from '../../../app/ipc/common/contract';
import { EmptyState } from '../../components/empty-state';
import { useClient } from '../../state/client-context';
import { CampaignView } from './campaign-view';
import './campaigns.css';

/** The states a campaign's history line counts (the rest are in the campaign itself). */
const HISTORY_STATES = ['sent', 'failed', 'unknown', 'skipped', 'deferred', 'queued', 'cancelled'] as const;

/** Renders the Campaigns screen. */
export function CampaignsScreen({ onOpenAccounts }: { readonly onOpenAccounts: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [campaigns, setCampaigns] = useState<readonly CampaignSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    if (open !== null) return;
    let current = true;
    void client.request('campaigns:history', { offset, limit: HISTORY_PAGE_SIZE }).then((result) => {
      if (!current) return;
      const page = result.ok ? result.value : { campaigns: [], total: 0 };
      // A page emptied by a change elsewhere (campaigns removed) falls back to the last page that has any.
      if (page.campaigns.length === 0 && offset > 0 && page.total > 0) {
        setOffset(Math.floor((page.total - 1) / HISTORY_PAGE_SIZE) * HISTORY_PAGE_SIZE);
        return;
      }
      setCampaigns(page.campaigns);
      setTotal(page.total);
    });
    return () => {
      current = false;
    };
  }, [client, open, offset]);
  if (open !== null) return <CampaignView id={open} onBack={() => setOpen(null)} onOpenAccounts={onOpenAccounts} />;
  return (
    <div className="screen">
      <header className="screen__header">
        <div>
          <h1>{t('compose.campaignsTitle')}</h1>
          <p className="screen__intro">{t('compose.campaignsIntro')}</p>
        </div>
      </header>
      {campaigns && campaigns.length === 0 ? <EmptyState title={t('empty.campaigns.title')} body={t('compose.noCampaigns')} /> : null}
      {campaigns && campaigns.length > 0 ? (
        <ul className="account-list" aria-label={t('compose.campaignsTitle')}>
          {campaigns.map((c) => (
            <li key={c.id} className="card campaign-card" data-campaign-status={c.status}>
              <div>
                <h2 className="campaign-card__title">{t('compose.campaignRow', { subject: c.subject, list: c.listName, account: c.accountLabel })}</h2>
                <p className="muted">
                  {t('compose.recipients', { count: c.recipients })} · {t(`compose.campaign.statuses.${c.status}`)} ·{' '}
                  {new Date(c.createdAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })}
                </p>
                {c.counts ? (
                  <ul className="campaign-card__counts" aria-label={t('compose.campaign.countsLabel')}>
                    {HISTORY_STATES.filter((state) => (c.counts?.[state] ?? 0) > 0).map((state) => (
                      <li key={state} data-history-count={state}>
                        {t(`compose.campaign.states.${state}`)} <strong>{c.counts?.[state]}</strong>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
              <button type="button" className="button" onClick={() => setOpen(c.id)}>
                {t('compose.campaign.open')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {campaigns && total > HISTORY_PAGE_SIZE ? (
        <nav className="campaign-history__pages" aria-label={t('historyPages.pages')}>
          <button type="button" className="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - HISTORY_PAGE_SIZE))}>
            {t('historyPages.newer')}
          </button>
          <p className="muted" aria-live="polite">
            {t('historyPages.showing', { from: offset + 1, to: offset + campaigns.length, total })}
          </p>
          <button type="button" className="button" disabled={offset + HISTORY_PAGE_SIZE >= total} onClick={() => setOffset(offset + HISTORY_PAGE_SIZE)}>
            {t('historyPages.older')}
          </button>
        </nav>
      ) : null}
    </div>
  );
}
