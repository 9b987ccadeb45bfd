/** One account: who it sends as, its server, today's usage, "Check" with its report, and "Send test". */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../app/core/app-error';
import type { AccountView, CheckResult } from '../../../app/core/contract';
import { CheckReport } from '../../components/check-report';
import { useClient } from '../../state/client-context';
import { SendTestPanel } from './send-test-panel';

/** Props of AccountCard. */
export interface AccountCardProps {
  /** The account. */
  readonly account: AccountView;
  /** Opens the edit form. */
  readonly onEdit: () => void;
  /** Opens the Logto export for this account. */
  readonly onExportLogto: () => void;
  /** Removes the account (after confirmation). */
  readonly onRemove: () => void;
}

type CheckState = { readonly status: 'idle' } | { readonly status: 'checking' } | { readonly status: 'done'; readonly result: CheckResult } | { readonly status: 'error'; readonly error: WireError };

/** Renders the card. */
export function AccountCard({ account, onEdit, onExportLogto, onRemove }: AccountCardProps) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [check, setCheck] = useState<CheckState>({ status: 'idle' });
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const runCheck = async () => {
    setCheck({ status: 'checking' });
    const result = await client.request('accounts:check', { id: account.id });
    setCheck(result.ok ? { status: 'done', result: result.value } : { status: 'error', error: result.error });
  };

  return (
    <li className="card account-card" aria-label={account.label} data-account-id={account.id}>
      <div className="account-card__head">
        <div>
          <h3>{account.label}</h3>
          <p className="account-card__from">{account.fromName ? `${account.fromName} <${account.fromAddress}>` : account.fromAddress}</p>
          <p className="muted">
            {t(`presets.${account.presetId}.name`)} · {account.host}:{account.port} · {t(`accounts.securityShort.${account.security}`)} ·{' '}
            {account.hasPassword ? t('accounts.passwordSaved') : t('accounts.noPassword')}
          </p>
          <p className="muted account-card__usage">
            {account.effectiveDailyLimit === null
              ? t('accounts.usageNoLimit', { sent: account.sentLast24h })
              : t('accounts.usage', { sent: account.sentLast24h, limit: account.effectiveDailyLimit })}
            {' · '}
            <span data-last-check={account.lastCheck?.status ?? 'never'}>
              {account.lastCheck
                ? t(account.lastCheck.status === 'passed' ? 'accounts.lastCheckPassed' : 'accounts.lastCheckFailed', { when: when(account.lastCheck.checkedAt) })
                : t('accounts.neverChecked')}
            </span>
          </p>
        </div>
        <div className="account-card__actions">
          <button type="button" className="button" onClick={() => void runCheck()} disabled={check.status === 'checking'}>
            {check.status === 'checking' ? t('accounts.checking') : t('accounts.check')}
          </button>
          <button type="button" className="button" onClick={onEdit}>
            {t('common.edit')}
          </button>
          <button type="button" className="button" onClick={onExportLogto}>
            {t('logto.export')}
          </button>
          <button type="button" className="button button--danger" onClick={onRemove}>
            {t('common.remove')}
          </button>
        </div>
      </div>
      {!account.secretReadable ? (
        <p className="form-alert" role="alert">
          {t('accounts.secretUnreadable')}
        </p>
      ) : null}
      {check.status === 'done' ? <CheckReport result={check.result} presetId={account.presetId} /> : null}
      {check.status === 'error' ? (
        <p className="form-alert" role="alert">
          {t(`errors.${check.error.code}`)} {check.error.hint ?? ''}
        </p>
      ) : null}
      <SendTestPanel account={account} />
    </li>
  );
}
