/** The Accounts screen: the saved accounts, each with "Send test", and the add/edit form. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../app/core/contract';
import { useClient } from '../../state/client-context';
import { AccountForm } from './account-form';
import { SendTestPanel } from './send-test-panel';
import { useAccounts } from './use-accounts';

type Editor = { readonly kind: 'closed' } | { readonly kind: 'new' } | { readonly kind: 'edit'; readonly account: AccountView };

/** Renders the Accounts screen. */
export function AccountsScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const state = useAccounts();
  const [editor, setEditor] = useState<Editor>({ kind: 'closed' });

  const remove = async (account: AccountView) => {
    if (!window.confirm(t('accounts.confirmRemove', { label: account.label }))) return;
    await client.request('accounts:remove', { id: account.id });
  };

  return (
    <div className="screen">
      <header className="screen__header">
        <div>
          <h1>{t('accounts.title')}</h1>
          <p className="screen__intro">{t('accounts.intro')}</p>
        </div>
        {editor.kind === 'closed' ? (
          <button type="button" className="button button--primary" onClick={() => setEditor({ kind: 'new' })}>
            {t('accounts.add')}
          </button>
        ) : null}
      </header>

      {editor.kind !== 'closed' ? (
        <AccountForm
          key={editor.kind === 'edit' ? editor.account.id : 'new'}
          existing={editor.kind === 'edit' ? editor.account : undefined}
          onSaved={() => setEditor({ kind: 'closed' })}
          onCancel={() => setEditor({ kind: 'closed' })}
        />
      ) : null}

      {state.status === 'loading' ? <p>{t('common.loading')}</p> : null}
      {state.status === 'failed' ? (
        <p className="form-alert" role="alert">
          {t(`errors.${state.error.code}`)}
        </p>
      ) : null}
      {state.status === 'loaded' && state.accounts.length === 0 && editor.kind === 'closed' ? <p className="muted">{t('accounts.none')}</p> : null}
      {state.status === 'loaded' && state.accounts.length > 0 ? (
        <ul className="account-list" aria-label={t('accounts.listLabel')}>
          {state.accounts.map((account) => (
            <li key={account.id} className="card account-card" aria-label={account.label}>
              <div className="account-card__head">
                <div>
                  <h3>{account.label}</h3>
                  <p className="account-card__from">
                    {account.fromName ? `${account.fromName} <${account.fromAddress}>` : account.fromAddress}
                  </p>
                  <p className="muted">
                    {account.host}:{account.port} · {t(`accounts.securityShort.${account.security}`)} · {account.username || '—'} ·{' '}
                    {account.hasPassword ? t('accounts.passwordSaved') : t('accounts.noPassword')}
                  </p>
                </div>
                <div className="account-card__actions">
                  <button type="button" className="button" onClick={() => setEditor({ kind: 'edit', account })}>
                    {t('common.edit')}
                  </button>
                  <button type="button" className="button button--danger" onClick={() => void remove(account)}>
                    {t('common.remove')}
                  </button>
                </div>
              </div>
              <SendTestPanel account={account} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
