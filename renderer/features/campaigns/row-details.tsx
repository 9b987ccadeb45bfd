/**
 * One member's result, shown when its row is selected: the state, Message-ID and time, the server's
 * reply and, for a failure or a deferral, the explanation with its steps. A recipient the server
 * refused for good can be added to the suppression list from here.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignRow } from '../../../app/ipc/common/contract';
import type { PresetId } from '../../../app/accounts/common/presets';
import { isAddressGone } from '../../../app/diagnosis/common/smtp-diagnosis';
import { DiagnosisPanel } from '../../components/diagnosis-panel';
import { useClient } from '../../state/client-context';

/** Props of RowDetails. */
export interface RowDetailsProps {
  /** The campaign the row belongs to. */
  readonly campaignId: string;
  /** The selected row. */
  readonly row: CampaignRow;
  /** The account's preset, for provider-specific steps. */
  readonly presetId: PresetId;
  /** Closes the panel. */
  readonly onClose: () => void;
}

/** Renders the details of one row. */
export function RowDetails({ campaignId, row, presetId, onClose }: RowDetailsProps) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [suppressed, setSuppressed] = useState<'idle' | 'done' | string>('idle');
  const offerSuppression = row.status === 'failed' && isAddressGone(row.diagnosis);
  const suppress = async () => {
    const reason = `${t('compose.campaign.suppressReason')}: ${row.failure?.response ?? row.detail}`.slice(0, 200);
    const result = await client.request('suppression:add', { text: row.email, reason });
    setSuppressed(result.ok ? 'done' : result.error.message);
  };
  const [bounceProblem, setBounceProblem] = useState<string | null>(null);
  const suppressBounced = async () => {
    setBounceProblem(null);
    const result = await client.request('mailbox:suppress-bounced', { id: campaignId, index: row.index });
    // The row comes back through the progress stream with `suppressed` set.
    if (!result.ok) setBounceProblem(result.error.message);
  };
  return (
    <section className="card campaign__row-details" aria-label={t('compose.campaign.rowDetails', { email: row.email })} data-row-details={row.email}>
      <header className="campaign__row-details-head">
        <h2>
          {row.name ? `${row.name} ` : ''}&lt;{row.email}&gt;
        </h2>
        <button type="button" className="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </header>
      <dl className="campaign__facts">
        <dt>{t('compose.campaign.state')}</dt>
        <dd className={`campaign__state campaign__state--${row.status}`}>{t(`compose.campaign.states.${row.status}`)}</dd>
        {row.at ? (
          <>
            <dt>{row.status === 'deferred' ? t('compose.campaign.nextTry') : t('compose.campaign.when')}</dt>
            <dd>{new Date(row.at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' })}</dd>
          </>
        ) : null}
        {row.messageId ? (
          <>
            <dt>Message-ID</dt>
            <dd>
              <code>{row.messageId}</code>
            </dd>
          </>
        ) : null}
        {row.status === 'bounced' && row.bounce ? (
          <>
            <dt>{t('mailbox.row.kind')}</dt>
            <dd data-bounce-kind={row.bounce}>{t(`mailbox.bounceKinds.${row.bounce}`)}</dd>
          </>
        ) : null}
        {row.detail && !row.failure ? (
          <>
            <dt>{t('compose.campaign.details')}</dt>
            <dd>
              <code className="result__reply">{row.status === 'unknown' ? t('compose.campaign.unknownWhy') : row.detail}</code>
            </dd>
          </>
        ) : null}
      </dl>
      {row.failure ? <DiagnosisPanel failure={row.failure} presetId={presetId} heading={t('compose.campaign.whyFailed')} level={3} /> : null}
      {offerSuppression ? (
        <div className="campaign__suppress">
          {suppressed === 'done' ? (
            <p className="campaign__ok" role="status">
              {t('compose.campaign.suppressed', { email: row.email })}
            </p>
          ) : (
            <>
              <p>{t('compose.campaign.suppressOffer')}</p>
              <button type="button" className="button" onClick={() => void suppress()}>
                {t('compose.campaign.suppress', { email: row.email })}
              </button>
              {suppressed !== 'idle' ? (
                <p className="form-alert" role="alert">
                  {suppressed}
                </p>
              ) : null}
            </>
          )}
        </div>
      ) : null}
      {row.status === 'bounced' || row.status === 'unsubscribed' ? (
        <div className="campaign__suppress" data-row-suppressed={row.suppressed ? (row.autoSuppressed ? 'auto' : 'yes') : 'no'}>
          {row.suppressed ? (
            <p className="campaign__ok" role="status">
              {t('mailbox.row.suppressed', { email: row.email })} {row.autoSuppressed ? t('mailbox.row.autoSuppressed') : null}
            </p>
          ) : row.status === 'bounced' ? (
            <>
              <p>{t('mailbox.row.offer')}</p>
              <button type="button" className="button" onClick={() => void suppressBounced()}>
                {t('mailbox.row.suppress', { email: row.email })}
              </button>
              {bounceProblem ? (
                <p className="form-alert" role="alert">
                  {bounceProblem}
                </p>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
