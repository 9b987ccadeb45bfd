/** One account: who it sends as, its server, today's usage, "Check" with its report, and "Send test". */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../app/ipc/common/app-error';
import type { AccountView, CheckResult, SmtpFailure } from '../../../app/ipc/common/contract';
import { RECONNECT_DIAGNOSES } from '../../../app/diagnosis/common/diagnosis-catalogue';
import { CheckReport } from '../../components/check-report';
import { ProviderLimitNote } from '../../components/provider-limit-note';
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
  /** Opens the OAuth reconnect panel (OAuth accounts). */
  readonly onReconnect?: () => void;
}

type CheckState = { readonly status: 'idle' } | { readonly status: 'checking' } | { readonly status: 'done'; readonly result: CheckResult } | { readonly status: 'error'; readonly error: WireError };

/** Renders the card. */
export function AccountCard({ account, onEdit, onExportLogto, onRemove, onReconnect }: AccountCardProps) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [check, setCheck] = useState<CheckState>({ status: 'idle' });
  const [sendFailure, setSendFailure] = useState<SmtpFailure | undefined>(undefined);
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const runCheck = async () => {
    setCheck({ status: 'checking' });
    const result = await client.request('accounts:check', { id: account.id });
    setCheck(result.ok ? { status: 'done', result: result.value } : { status: 'error', error: result.error });
  };
  const oauth = account.auth?.kind === 'oauth' ? account.auth : undefined;
  const latest = check.status === 'done' ? check.result : account.lastCheck;
  const failures = [latest?.failure, sendFailure].filter((f): f is SmtpFailure => f !== undefined);
  const needsReconnect =
    oauth !== undefined && (!oauth.hasGrant || oauth.grantProblem !== undefined || !account.secretReadable || failures.some((f) => RECONNECT_DIAGNOSES.has(f.diagnosis)));

  return (
    <li className="card account-card" aria-label={account.label} data-account-id={account.id}>
      <div className="account-card__head">
        <div>
          <h3>{account.label}</h3>
          <p className="account-card__from">{account.fromName ? `${account.fromName} <${account.fromAddress}>` : account.fromAddress}</p>
          {oauth ? (
            <p className="muted" data-auth="oauth" data-send-method={oauth.sendMethod}>
              {t('oauth.card.signedIn', { address: oauth.googleAddress })} · {t('oauth.card.method', { method: t(`oauth.method.${oauth.sendMethod}`) })} ·{' '}
              {t('oauth.card.connectedAt', { when: when(oauth.connectedAt) })}
            </p>
          ) : (
            <p className="muted">
              {t(`presets.${account.presetId}.name`)} · {account.host}:{account.port} · {t(`accounts.securityShort.${account.security}`)} ·{' '}
              {account.hasPassword ? t('accounts.passwordSaved') : t('accounts.noPassword')}
            </p>
          )}
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
          {account.providerLimit ? <ProviderLimitNote limit={account.providerLimit} presetId={account.presetId} /> : null}
        </div>
        <div className="account-card__actions">
          <button type="button" className="button" onClick={() => void runCheck()} disabled={check.status === 'checking'}>
            {check.status === 'checking' ? t('accounts.checking') : t('accounts.check')}
          </button>
          {oauth ? (
            <button type="button" className={needsReconnect ? 'button button--primary' : 'button'} onClick={onReconnect}>
              {t('oauth.actions.reconnect')}
            </button>
          ) : (
            <>
              <button type="button" className="button" onClick={onEdit}>
                {t('common.edit')}
              </button>
              <button type="button" className="button" onClick={onExportLogto}>
                {t('logto.export')}
              </button>
            </>
          )}
          <button type="button" className="button button--danger" onClick={onRemove}>
            {t('common.remove')}
          </button>
        </div>
      </div>
      {needsReconnect ? (
        <p className="form-alert" role="alert" data-reconnect="needed">
          {t('oauth.card.reconnectHint')}{' '}
          <button type="button" className="button button--primary" onClick={onReconnect}>
            {t('oauth.actions.reconnect')}
          </button>
        </p>
      ) : null}
      {!account.secretReadable && !oauth ? (
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
      <SendTestPanel account={account} onResult={(result) => setSendFailure(result.status === 'failed' ? result.failure : undefined)} />
    </li>
  );
}
