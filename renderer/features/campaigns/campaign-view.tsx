/** One campaign: counts and progress, start/pause/cancel, and every member's row, live. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from '../../components/confirm-dialog';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../../app/campaigns/common/delivery-state';
import type { CampaignDetail, CampaignRow } from '../../../app/ipc/common/contract';
import { DiagnosisPanel } from '../../components/diagnosis-panel';
import { VirtualTable } from '../../components/virtual-table';
import { useClient } from '../../state/client-context';
import { useRowPages } from '../../state/use-row-pages';
import { downloadText } from '../../state/download';
import { applyProgress, followSelected } from './campaign-model';
import { MailboxPanel } from './mailbox-panel';
import { RowDetails } from './row-details';
import { SchedulePanel } from './schedule-panel';
import { ProviderLimitNote } from '../../components/provider-limit-note';
import { CampaignNameHeading } from './campaign-name-heading';
import { useCampaignHousekeeping, type HousekeepingOutcome } from './use-campaign-housekeeping';

/** Renders the campaign. */
export function CampaignView({
  id,
  onBack,
  onOpenAccounts,
  onOpenCompose,
  onDeleted,
}: {
  readonly id: string;
  readonly onBack: () => void;
  readonly onOpenAccounts: () => void;
  /** Opens Compose (on the newest draft: a duplicate). */
  readonly onOpenCompose: () => void;
  /** The campaign was deleted: back to the history, with these words. */
  readonly onDeleted: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const confirm = useConfirm();
  const housekeeping = useCampaignHousekeeping();
  const [notice, setNotice] = useState<string | null>(null);
  const [detail, setDetail] = useState<CampaignDetail | null>(null);
  const [filter, setFilter] = useState<DeliveryStatus | 'all'>('all');
  const [error, setError] = useState<string | null>(null);
  /** The selected member's row, whose details show below the table. */
  const [selectedRow, setSelectedRow] = useState<CampaignRow | null>(null);
  const selected = selectedRow?.index ?? null;
  /** Whether "retry failed" also tries the permanent failures (address gone, 5.1.x). */
  const [includePermanent, setIncludePermanent] = useState(false);

  // The table asks for the rows it shows (of the state filtered on), page by page.
  const loadRows = useCallback(
    async (offset: number, limit: number) => {
      const result = await client.request('campaigns:get', { id, offset, limit, ...(filter === 'all' ? {} : { status: filter }) });
      return result.ok ? { rows: result.value.rows, total: result.value.total ?? result.value.rows.length } : null;
    },
    [client, id, filter],
  );
  const rows = useRowPages<CampaignRow>(`${id}\u0000${filter}`, loadRows);
  const { patch, refresh } = rows;

  // Load the campaign without its rows, then follow the stream of changed rows.
  useEffect(() => {
    let live = true;
    const loadHeader = () => client.request('campaigns:get', { id, offset: 0, limit: 1 });
    const off = client.subscribe('campaigns:progress', (progress) => {
      if (progress.id !== id) return;
      setDetail((d) => (d ? applyProgress(d, progress) : d));
      setSelectedRow((s) => followSelected(s, progress));
      // Every row is where its index says; a filtered view's rows move in and out, so its pages on screen load again.
      if (filter === 'all') for (const change of progress.changes) patch(change.index, change);
      else if (progress.changes.length > 0) refresh();
      if (progress.status !== 'running') {
        void loadHeader().then((r) => live && r.ok && setDetail(r.value));
        refresh();
      }
    });
    void loadHeader().then((r) => live && (r.ok ? setDetail(r.value) : setError(r.error.message)));
    return () => {
      live = false;
      off();
    };
  }, [client, id, filter, patch, refresh]);

  if (!detail) return error ? <p className="form-alert">{error}</p> : <p>{t('common.loading')}</p>;

  const { campaign, counts } = detail;
  const presetId = detail.presetId ?? 'custom';
  const rowCount = rows.total ?? (filter === 'all' ? campaign.recipients : counts[filter]);
  const done = campaign.recipients - counts.queued - counts.sending - counts.deferred;
  const act = async (channel: 'campaigns:start' | 'campaigns:pause' | 'campaigns:cancel') => {
    if (
      channel === 'campaigns:cancel' &&
      !(await confirm({ title: t('compose.campaign.confirmCancel'), confirmLabel: t('names.confirm.cancelCampaign'), cancelLabel: t('names.confirm.keepCampaign'), danger: true }))
    )
      return;
    setError(null);
    const result = await client.request(channel, { id });
    if (!result.ok) return setError(`${result.error.message} ${result.error.hint ?? ''}`);
    setDetail((d) => (d ? { ...d, campaign: result.value } : d));
  };
  const requeue = async (which: 'failed' | 'unknown') => {
    if (which === 'unknown' && !(await confirm({ title: t('compose.campaign.confirmUnknown', { count: counts.unknown }), confirmLabel: t('names.confirm.sendAgain') }))) return;
    setError(null);
    const result = await client.request('campaigns:requeue', { id, which, includePermanent: which === 'failed' && includePermanent });
    if (!result.ok) return setError(`${result.error.message} ${result.error.hint ?? ''}`);
    setDetail((d) => (d ? { ...d, campaign: result.value } : d));
  };
  const exportCsv = async () => {
    const result = await client.request('campaigns:export', { id });
    if (result.ok) downloadText(result.value.fileName, result.value.content, 'text/csv;charset=utf-8');
    else setError(result.error.message);
  };
  const showOutcome = (outcome: HousekeepingOutcome) => {
    if (outcome.kind === 'kept') return;
    if (outcome.kind === 'done') {
      setError(null);
      setNotice(outcome.message);
      if (outcome.summary) setDetail((d) => (d && outcome.summary ? { ...d, campaign: outcome.summary } : d));
    } else {
      setNotice(null);
      setError(outcome.message);
    }
  };
  const duplicate = async () => {
    const outcome = await housekeeping.duplicate(campaign);
    if (outcome.kind === 'done') onOpenCompose();
    else showOutcome(outcome);
  };
  const remove = async () => {
    const outcome = await housekeeping.remove(campaign);
    if (outcome.kind === 'done') onDeleted(outcome.message);
    else showOutcome(outcome);
  };
  const canStart = campaign.status === 'ready' || campaign.status === 'paused' || campaign.status === 'waiting-for-quota' || campaign.status === 'scheduled';
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="screen campaign" data-campaign-status={campaign.status}>
      <header className="screen__header">
        <div>
          <CampaignNameHeading campaign={campaign} onRenamed={(summary) => setDetail((d) => (d ? { ...d, campaign: summary } : d))} />
          <p className="screen__intro">
            {campaign.listName} · {campaign.accountLabel} · {t(`compose.campaign.statuses.${campaign.status}`)}
            {campaign.archivedAt ? <span className="campaign-badge">{t('names.archivedBadge')}</span> : null}
          </p>
          <p className="muted campaign-card__subject">{t('names.subjectAsWritten', { subject: campaign.subject })}</p>
        </div>
        <div className="screen__actions">
          <button type="button" className="button" onClick={onBack}>
            {t('compose.campaign.back')}
          </button>
          {canStart ? (
            <button type="button" className="button button--primary" onClick={() => void act('campaigns:start')}>
              {campaign.status === 'ready' || campaign.status === 'scheduled' ? t('compose.campaign.start') : t('compose.campaign.resume')}
            </button>
          ) : null}
          {campaign.status === 'running' ? (
            <button type="button" className="button" onClick={() => void act('campaigns:pause')}>
              {t('compose.campaign.pause')}
            </button>
          ) : null}
          {campaign.status !== 'running' && counts.failed > 0 ? (
            <button type="button" className="button" onClick={() => void requeue('failed')}>
              {t('compose.campaign.retryFailed', { count: counts.failed })}
            </button>
          ) : null}
          {campaign.status !== 'running' && counts.failed > 0 ? (
            <label className="campaign__include-permanent">
              <input type="checkbox" checked={includePermanent} onChange={(e) => setIncludePermanent(e.target.checked)} /> {t('schedule.includePermanent')}
            </label>
          ) : null}
          {campaign.status !== 'running' && counts.unknown > 0 ? (
            <button type="button" className="button" onClick={() => void requeue('unknown')}>
              {t('compose.campaign.resendUnknown', { count: counts.unknown })}
            </button>
          ) : null}
          <button type="button" className="button" onClick={() => void exportCsv()}>
            {t('compose.campaign.exportCsv')}
          </button>
          {campaign.status !== 'completed' && campaign.status !== 'cancelled' ? (
            <button type="button" className="button button--danger" onClick={() => void act('campaigns:cancel')}>
              {t('compose.campaign.cancel')}
            </button>
          ) : null}
          <button type="button" className="button" title={t('names.duplicateHint')} aria-label={t('names.duplicateLabel', { name: campaign.name })} onClick={() => void duplicate()}>
            {t('names.duplicate')}
          </button>
          {campaign.archivedAt ? (
            <button type="button" className="button" aria-label={t('names.restoreLabel', { name: campaign.name })} onClick={() => void housekeeping.archive(campaign, false).then(showOutcome)}>
              {t('names.restore')}
            </button>
          ) : (
            <button type="button" className="button" aria-label={t('names.archiveLabel', { name: campaign.name })} onClick={() => void housekeeping.archive(campaign, true).then(showOutcome)}>
              {t('names.archive')}
            </button>
          )}
          <button type="button" className="button button--danger" aria-label={t('names.deleteLabel', { name: campaign.name })} onClick={() => void remove()}>
            {t('names.delete')}
          </button>
        </div>
      </header>
      {notice ? (
        <p className="result result--ok campaigns__notice" role="status" data-housekeeping-notice>
          {notice}
        </p>
      ) : null}
      {campaign.archivedAt ? <p className="muted">{t('names.archivedNote')}</p> : null}
      {error ? (
        <p className="form-alert" role="alert">
          {error}
        </p>
      ) : null}
      {campaign.status === 'paused' && detail.failure ? (
        <div className="campaign__paused" role="alert" data-paused-diagnosis={detail.failure.diagnosis}>
          <DiagnosisPanel failure={detail.failure} presetId={presetId} heading={t('compose.campaign.pausedHeading')} level={2} />
          <p className="muted">{t('compose.campaign.pausedNext')}</p>
          <button type="button" className="button" onClick={onOpenAccounts}>
            {t('compose.campaign.openAccounts')}
          </button>
        </div>
      ) : null}
      {campaign.status === 'ready' || campaign.status === 'scheduled' ? (
        <SchedulePanel key={`${campaign.status}-${campaign.scheduledAt ?? ''}`} campaign={campaign} onChanged={(summary) => setDetail((d) => (d ? { ...d, campaign: summary } : d))} />
      ) : null}
      {detail.lateStart ? (
        <p className="form-warning" data-late-start>
          {t('schedule.lateStart', { scheduled: when(detail.lateStart.scheduledAt), started: when(detail.lateStart.startedAt) })}
        </p>
      ) : null}
      {campaign.status === 'waiting-for-quota' && detail.providerLimit ? (
        <ProviderLimitNote limit={detail.providerLimit} presetId={detail.presetId ?? 'custom'} after={t('limits.waitsUntil')} />
      ) : campaign.status === 'waiting-for-quota' && detail.resumeAt ? (
        <p className="form-warning" data-waiting-local>
          {t('compose.campaign.waiting', { when: when(detail.resumeAt) })}
        </p>
      ) : null}
      <section className="card campaign__counts" aria-label={t('compose.campaign.progress', { done, total: campaign.recipients })}>
        <progress max={campaign.recipients} value={done} />
        <p className="muted">{t('compose.campaign.progress', { done, total: campaign.recipients })}</p>
        <ul className="campaign__chips">
          {DELIVERY_STATUSES.map((status) => (
            <li key={status} data-count-status={status} data-count={counts[status]}>
              {t(`compose.campaign.states.${status}`)} <strong>{counts[status]}</strong>
            </li>
          ))}
        </ul>
      </section>
      {campaign.status !== 'ready' ? <MailboxPanel detail={detail} /> : null}
      <label className="campaign__filter">
        {t('compose.campaign.filter')}{' '}
        <select value={filter} onChange={(e) => setFilter(e.target.value as DeliveryStatus | 'all')}>
          <option value="all">{t('compose.campaign.all')}</option>
          {DELIVERY_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`compose.campaign.states.${status}`)} ({counts[status]})
            </option>
          ))}
        </select>
      </label>
      <VirtualTable
        label={t('compose.campaign.rowsLabel')}
        className="lists-vtable"
        columns={[
          { key: 'member', header: t('compose.campaign.member'), width: 280 },
          { key: 'state', header: t('compose.campaign.state'), width: 200 },
          { key: 'detail', header: t('compose.campaign.details') },
        ]}
        rowCount={rowCount}
        rowKey={(i) => rows.rowAt(i)?.index ?? `loading:${i}`}
        rowHeight={44}
        maxHeight={520}
        rowNavigation={{ hint: t('firstRun.rowsHint') }}
        row={(i, focus) => {
          const r = rows.rowAt(i);
          if (!r) return { className: 'campaign__row', cells: <td colSpan={3} className="muted" aria-busy="true">…</td> };
          return {
            data: { 'data-row-status': r.status, 'data-email': r.email, ...(r.suppressed === undefined ? {} : { 'data-suppressed': r.autoSuppressed ? 'auto' : String(r.suppressed) }) },
            className: r.index === selected ? 'campaign__row is-selected' : 'campaign__row',
            cells: (
              <>
                <td>
                  <button type="button" className="campaign__member" data-row-focus tabIndex={focus.tabIndex} aria-pressed={r.index === selected} onClick={() => setSelectedRow(r.index === selected ? null : r)}>
                    {r.name ? `${r.name} ` : ''}
                    <span className="muted">&lt;{r.email}&gt;</span>
                  </button>
                </td>
                <td className={`campaign__state campaign__state--${r.status}`} data-attempts={r.attempts ?? 0}>
                  {t(`compose.campaign.states.${r.status}`)}
                  {r.attempts ? <span className="muted campaign__attempts"> · {t('schedule.attempts', { count: r.attempts })}</span> : null}
                  {r.suppressed ? <span className="muted campaign__attempts"> · {t(r.autoSuppressed ? 'mailbox.row.onListAuto' : 'mailbox.row.onList')}</span> : null}
                </td>
                <td>
                  {r.status === 'sent' || r.status === 'failed' || r.status === 'deferred' || r.status === 'bounced' ? (
                    <code className="campaign__detail">{r.detail}</code>
                  ) : (
                    <span className="campaign__detail muted">
                      {r.status === 'unknown'
                        ? t(`compose.campaign.unknownReasons.${r.detail}`, { defaultValue: r.detail })
                        : t(`compose.campaign.why.${r.status}`, { detail: r.detail, defaultValue: r.detail })}
                    </span>
                  )}
                </td>
              </>
            ),
          };
        }}
      />
      {selectedRow ? <RowDetails campaignId={id} row={selectedRow} presetId={presetId} onClose={() => setSelectedRow(null)} /> : <p className="muted">{t('compose.campaign.selectHint')}</p>}
    </div>
  );
}
