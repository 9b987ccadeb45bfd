/** Campaigns: the history of campaigns created from Compose, each with its counts; opening one shows its live results. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HISTORY_PAGE_SIZE, type CampaignSummary } from '../../../app/ipc/common/contract';
import { EmptyState } from '../../components/empty-state';
import { useClient } from '../../state/client-context';
import { CampaignView } from './campaign-view';
import { useCampaignHousekeeping, type HousekeepingOutcome } from './use-campaign-housekeeping';
import './campaigns.css';

/** The states a campaign's history line counts (the rest are in the campaign itself). */
const HISTORY_STATES = ['sent', 'failed', 'unknown', 'skipped', 'deferred', 'queued', 'cancelled'] as const;

/** Renders the Campaigns screen. */
export function CampaignsScreen({ onOpenAccounts, onOpenCompose }: { readonly onOpenAccounts: () => void; readonly onOpenCompose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const housekeeping = useCampaignHousekeeping();
  const [campaigns, setCampaigns] = useState<readonly CampaignSummary[] | null>(null);
  const [archived, setArchived] = useState<readonly CampaignSummary[] | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ readonly kind: 'ok' | 'error'; readonly message: string } | null>(null);
  const [total, setTotal] = useState(0);
  const [offset, setOffset] = useState(0);
  // The history asks for the page it shows (archived campaigns are not in it).
  const load = useCallback(() => {
    void client.request('campaigns:history', { offset, limit: HISTORY_PAGE_SIZE }).then((result) => {
      const page = result.ok ? result.value : { campaigns: [], total: 0 };
      // A page emptied by a change (campaigns archived or deleted) falls back to the last page that has any.
      if (page.campaigns.length === 0 && offset > 0 && page.total > 0) {
        setOffset(Math.floor((page.total - 1) / HISTORY_PAGE_SIZE) * HISTORY_PAGE_SIZE);
        return;
      }
      setCampaigns(page.campaigns);
      setTotal(page.total);
    });
  }, [client, offset]);
  const loadArchived = useCallback(() => {
    void client.request('campaigns:list-archived').then((result) => setArchived(result.ok ? result.value : []));
  }, [client]);
  useEffect(() => {
    if (open === null) load();
  }, [load, open]);
  useEffect(() => {
    if (open === null && showArchived) loadArchived();
  }, [loadArchived, open, showArchived]);
  const show = (outcome: HousekeepingOutcome) => {
    if (outcome.kind === 'kept') return;
    setNotice(outcome.kind === 'done' ? { kind: 'ok', message: outcome.message } : { kind: 'error', message: outcome.message });
    if (outcome.kind === 'done') {
      load();
      if (showArchived) loadArchived();
    }
  };
  const duplicate = async (c: CampaignSummary) => {
    const outcome = await housekeeping.duplicate(c);
    if (outcome.kind === 'done') onOpenCompose();
    else show(outcome);
  };
  if (open !== null) {
    return (
      <CampaignView
        id={open}
        onBack={() => setOpen(null)}
        onOpenAccounts={onOpenAccounts}
        onOpenCompose={onOpenCompose}
        onDeleted={(message) => {
          setNotice({ kind: 'ok', message });
          setOpen(null);
        }}
      />
    );
  }

  const card = (c: CampaignSummary) => (
    <li key={c.id} className="card campaign-card" data-campaign-status={c.status} data-campaign-id={c.id} data-archived={c.archivedAt ? 'true' : undefined}>
      <div>
        <h3 className="campaign-card__title" id={`campaign-name-${c.id}`} data-campaign-name>
          {c.name}
          {c.archivedAt ? <span className="campaign-badge">{t('names.archivedBadge')}</span> : null}
        </h3>
        <p className="muted">
          {c.listName} · {c.accountLabel} · {t('compose.recipients', { count: c.recipients })} · {t(`compose.campaign.statuses.${c.status}`)}
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
      <div className="campaign-card__actions">
        <button type="button" className="button" aria-describedby={`campaign-name-${c.id}`} onClick={() => setOpen(c.id)}>
          {t('compose.campaign.open')}
        </button>
        <button type="button" className="button" title={t('names.duplicateHint')} aria-label={t('names.duplicateLabel', { name: c.name })} onClick={() => void duplicate(c)}>
          {t('names.duplicate')}
        </button>
        {c.archivedAt ? (
          <button type="button" className="button" aria-label={t('names.restoreLabel', { name: c.name })} onClick={() => void housekeeping.archive(c, false).then(show)}>
            {t('names.restore')}
          </button>
        ) : c.status === 'completed' || c.status === 'cancelled' ? (
          <button type="button" className="button" aria-label={t('names.archiveLabel', { name: c.name })} onClick={() => void housekeeping.archive(c, true).then(show)}>
            {t('names.archive')}
          </button>
        ) : null}
        {c.status === 'completed' || c.status === 'cancelled' ? (
          <button type="button" className="button button--danger" aria-label={t('names.deleteLabel', { name: c.name })} onClick={() => void housekeeping.remove(c).then(show)}>
            {t('names.delete')}
          </button>
        ) : null}
      </div>
    </li>
  );

  return (
    <div className="screen">
      <header className="screen__header">
        <div>
          <h1>{t('compose.campaignsTitle')}</h1>
          <p className="screen__intro">{t('compose.campaignsIntro')}</p>
        </div>
        <div className="screen__actions">
          <label className="campaigns__show-archived">
            <input type="checkbox" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} /> {t('names.showArchived')}
          </label>
        </div>
      </header>
      {notice ? (
        notice.kind === 'ok' ? (
          <p className="result result--ok campaigns__notice" role="status" data-housekeeping-notice>
            {notice.message}
          </p>
        ) : (
          <p className="form-alert" role="alert">
            {notice.message}
          </p>
        )
      ) : null}
      {campaigns && campaigns.length === 0 ? <EmptyState title={t('empty.campaigns.title')} body={t('compose.noCampaigns')} /> : null}
      {campaigns && campaigns.length > 0 ? (
        <section aria-labelledby="campaigns-history">
          <h2 id="campaigns-history" className="visually-hidden">
            {t('compose.campaignsTitle')}
          </h2>
          <ul className="account-list" aria-label={t('compose.campaignsTitle')}>
            {campaigns.map(card)}
          </ul>
        </section>
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
      {showArchived ? (
        <section className="campaigns__archived" aria-labelledby="campaigns-archived" data-archived-section>
          <h2 id="campaigns-archived">{t('names.archivedTitle')}</h2>
          {archived && archived.length === 0 ? <p className="muted">{t('names.noArchived')}</p> : null}
          {archived && archived.length > 0 ? (
            <ul className="account-list" aria-label={t('names.archivedTitle')}>
              {archived.map(card)}
            </ul>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
