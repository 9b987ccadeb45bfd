/** The Accounts screen: the passphrase gate when needed, the saved accounts, and the add/edit form. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from '../../components/confirm-dialog';
import type { AccountView } from '../../../app/ipc/common/contract';
import { useClient } from '../../state/client-context';
import { FirstRun } from '../first-run/first-run';
import { AccountCard } from './account-card';
import { AccountForm } from './account-form';
import { LogtoPanel } from './logto-panel';
import { OAuthPanel } from './oauth-panel';
import { SecretsGate } from './secrets-gate';
import { TransferPanel } from './transfer-panel';
import { useAccounts } from './use-accounts';
import { useSecretsStatus } from './use-secrets-status';

/** Session key: the first-run setup was finished or skipped in this window. */
const FIRST_RUN_ENDED = 'mailroom.firstRunEnded';

type Editor =
  | { readonly kind: 'closed' }
  | { readonly kind: 'new' }
  | { readonly kind: 'edit'; readonly account: AccountView }
  | { readonly kind: 'transfer'; readonly mode: 'export' | 'import' }
  | { readonly kind: 'logto-import' }
  | { readonly kind: 'logto-export'; readonly account: AccountView }
  | { readonly kind: 'oauth'; readonly account?: AccountView };

/** Props of AccountsScreen. */
export interface AccountsScreenProps {
  /** Goes to another screen (the first-run setup ends on Lists). */
  readonly onNavigate?: (screen: 'lists') => void;
}

/** The first-run setup: offered while there is no account, kept until it ends, gone once skipped. */
type FirstRunState = 'offered' | 'running' | 'ended';

/** Renders the Accounts screen. */
export function AccountsScreen({ onNavigate }: AccountsScreenProps = {}) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const client = useClient();
  const state = useAccounts();
  const secrets = useSecretsStatus();
  const [editor, setEditor] = useState<Editor>({ kind: 'closed' });
  const [firstRun, setFirstRun] = useState<FirstRunState>(() => (sessionStorage.getItem(FIRST_RUN_ENDED) ? 'ended' : 'offered'));
  const noAccounts = state.status === 'loaded' && state.accounts.length === 0;
  const showFirstRun = state.status === 'loaded' && editor.kind === 'closed' && (firstRun === 'running' || (firstRun === 'offered' && noAccounts));
  const endFirstRun = (next: 'accounts' | 'lists') => {
    sessionStorage.setItem(FIRST_RUN_ENDED, '1');
    setFirstRun('ended');
    if (next === 'lists') onNavigate?.('lists');
  };

  const remove = async (account: AccountView) => {
    if (!(await confirm({ title: t('accounts.confirmRemove', { label: account.label }), confirmLabel: t('names.confirm.removeAccount'), danger: true }))) return;
    await client.request('accounts:remove', { id: account.id });
  };
  const unlock = async (passphrase: string) => {
    const error = await secrets.unlock(passphrase);
    return error ? `${error.message} ${error.hint ?? ''}`.trim() : null;
  };

  return (
    <div className="screen">
      <header className="screen__header">
        <div>
          <h1>{t('accounts.title')}</h1>
          <p className="screen__intro">{t('accounts.intro')}</p>
        </div>
        {editor.kind === 'closed' && firstRun !== 'running' ? (
          <div className="screen__actions">
            <button type="button" className="button" onClick={() => setEditor({ kind: 'logto-import' })}>
              {t('logto.import')}
            </button>
            <button type="button" className="button" onClick={() => setEditor({ kind: 'transfer', mode: 'import' })}>
              {t('transfer.import')}
            </button>
            {state.status === 'loaded' && state.accounts.length > 0 ? (
              <button type="button" className="button" onClick={() => setEditor({ kind: 'transfer', mode: 'export' })}>
                {t('transfer.export')}
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => setEditor({ kind: 'oauth' })}>
              {t('oauth.screen.connect')}
            </button>
            <button type="button" className="button button--primary" onClick={() => setEditor({ kind: 'new' })}>
              {t('accounts.add')}
            </button>
          </div>
        ) : null}
      </header>

      {secrets.status ? <SecretsGate status={secrets.status} onUnlock={unlock} /> : null}

      {editor.kind === 'transfer' ? <TransferPanel mode={editor.mode} onClose={() => setEditor({ kind: 'closed' })} /> : null}
      {editor.kind === 'logto-import' ? <LogtoPanel mode="import" onClose={() => setEditor({ kind: 'closed' })} /> : null}
      {editor.kind === 'logto-export' ? <LogtoPanel mode="export" account={editor.account} onClose={() => setEditor({ kind: 'closed' })} /> : null}
      {editor.kind === 'oauth' ? <OAuthPanel key={editor.account?.id ?? 'new'} account={editor.account} onClose={() => setEditor({ kind: 'closed' })} /> : null}

      {editor.kind === 'new' || editor.kind === 'edit' ? (
        <AccountForm
          key={editor.kind === 'edit' ? editor.account.id : 'new'}
          existing={editor.kind === 'edit' ? editor.account : undefined}
          onSaved={() => setEditor({ kind: 'closed' })}
          onCancel={() => setEditor({ kind: 'closed' })}
        />
      ) : null}

      {showFirstRun && state.status === 'loaded' ? (
        <FirstRun accounts={state.accounts} onStart={() => setFirstRun('running')} onFinish={endFirstRun} />
      ) : null}

      {state.status === 'loading' ? <p>{t('common.loading')}</p> : null}
      {state.status === 'failed' ? (
        <p className="form-alert" role="alert">
          {t(`errors.${state.error.code}`)}
        </p>
      ) : null}
      {noAccounts && editor.kind === 'closed' && !showFirstRun ? <p className="muted">{t('accounts.none')}</p> : null}
      {state.status === 'loaded' && state.accounts.length > 0 && firstRun !== 'running' ? (
        <>
          <h2 id="accounts-list-title" className="visually-hidden">
            {t('accounts.listLabel')}
          </h2>
          <ul className="account-list" aria-labelledby="accounts-list-title">
            {state.accounts.map((account) => (
              <AccountCard
                // A new consent starts the card afresh: an old check or send failure no longer applies.
                key={account.auth?.kind === 'oauth' ? `${account.id}:${account.auth.connectedAt}` : account.id}
                account={account}
                onEdit={() => setEditor({ kind: 'edit', account })}
                onExportLogto={() => setEditor({ kind: 'logto-export', account })}
                onReconnect={() => setEditor({ kind: 'oauth', account })}
                onRemove={() => void remove(account)}
              />
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
