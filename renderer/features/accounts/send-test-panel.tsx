/** "Send test" for one account: a recipient field, the button, and the result. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../app/ipc/common/app-error';
import type { AccountView, SendTestResult } from '../../../app/ipc/common/contract';
import { Field } from '../../components/field';
import { SendResult } from '../../components/send-result';
import { useClient } from '../../state/client-context';

type PanelState =
  | { readonly status: 'idle' }
  | { readonly status: 'sending' }
  | { readonly status: 'done'; readonly result: SendTestResult }
  | { readonly status: 'error'; readonly error: WireError };

/** Props of SendTestPanel. */
export interface SendTestPanelProps {
  /** The account to send from. */
  readonly account: AccountView;
  /** Told of every finished send (the card offers Reconnect after an OAuth failure). */
  readonly onResult?: (result: SendTestResult) => void;
}

/** Renders the send-test form for one account. */
export function SendTestPanel({ account, onResult }: SendTestPanelProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [to, setTo] = useState(account.fromAddress);
  const [state, setState] = useState<PanelState>({ status: 'idle' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ status: 'sending' });
    const result = await client.request('accounts:send-test', { accountId: account.id, to: to.trim() });
    setState(result.ok ? { status: 'done', result: result.value } : { status: 'error', error: result.error });
    if (result.ok) onResult?.(result.value);
  };

  return (
    <form className="send-test" onSubmit={(event) => void submit(event)} aria-label={t('sendTest.title')}>
      <div className="send-test__row">
        <Field label={t('sendTest.to')}>
          <input type="email" value={to} onChange={(event) => setTo(event.target.value)} required autoComplete="email" />
        </Field>
        <button type="submit" className="button button--primary" disabled={state.status === 'sending'}>
          {state.status === 'sending' ? t('sendTest.sending') : t('sendTest.send')}
        </button>
      </div>
      {state.status === 'done' ? <SendResult result={state.result} presetId={account.presetId} /> : null}
      {state.status === 'error' ? (
        <p className="result result--failed" role="alert" data-status="error">
          {t(`errors.${state.error.code}`)} {state.error.hint ?? ''}
          <span className="result__meta"> ({state.error.message})</span>
        </p>
      ) : null}
    </form>
  );
}
