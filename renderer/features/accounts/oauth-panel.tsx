/**
 * "Connect Google account (OAuth)": read the client JSON (file or paste), choose how to send, then
 * wait for the consent in the browser (with the link, and Cancel), and show how it ended. The same
 * panel reconnects an existing OAuth account with its stored client.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../app/ipc/common/app-error';
import type { AccountView, ClientInspection, OAuthConnectResult } from '../../../app/ipc/common/contract';
import { SEND_METHODS, type SendMethod } from '../../../app/oauth/common/google-oauth';
import { DiagnosisPanel } from '../../components/diagnosis-panel';
import { Field } from '../../components/field';
import { useClient } from '../../state/client-context';
import './oauth.css';

/** Props of OAuthPanel. */
export interface OAuthPanelProps {
  /** The OAuth account to reconnect; absent: a new account. */
  readonly account?: AccountView | undefined;
  /** Closes the panel. */
  readonly onClose: () => void;
}

/** Where the panel is. */
type Phase =
  | { readonly kind: 'editing' }
  | { readonly kind: 'waiting'; readonly url: string | null; readonly opened: boolean }
  | { readonly kind: 'done'; readonly result: OAuthConnectResult }
  | { readonly kind: 'error'; readonly error: WireError };

/** Renders the panel. */
export function OAuthPanel({ account, onClose }: OAuthPanelProps) {
  const { t } = useTranslation();
  const client = useClient();
  const oauth = account?.auth?.kind === 'oauth' ? account.auth : undefined;
  const [json, setJson] = useState('');
  const [inspection, setInspection] = useState<ClientInspection | null>(null);
  const [method, setMethod] = useState<SendMethod>(oauth?.sendMethod ?? 'gmail-api');
  const [label, setLabel] = useState('');
  const [fromName, setFromName] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });

  useEffect(() => {
    if (json.trim() === '') return;
    let live = true;
    void client.request('oauth:import-client', { text: json }).then((result) => {
      if (live && result.ok) setInspection(result.value);
    });
    return () => {
      live = false;
    };
  }, [client, json]);

  useEffect(
    () =>
      client.subscribe('oauth:consent', ({ url, opened }) => {
        setPhase((current) => (current.kind === 'waiting' ? { kind: 'waiting', url, opened } : current));
      }),
    [client],
  );

  const hasClient = json.trim() !== '' ? inspection?.ok === true : oauth !== undefined;
  const connect = async (event: FormEvent) => {
    event.preventDefault();
    if (!hasClient) return;
    setPhase({ kind: 'waiting', url: null, opened: false });
    const result = await client.request('oauth:connect', {
      ...(account ? { accountId: account.id } : {}),
      ...(json.trim() !== '' ? { clientJson: json } : {}),
      sendMethod: method,
      label,
      fromName,
    });
    setPhase(result.ok ? { kind: 'done', result: result.value } : { kind: 'error', error: result.error });
  };
  const cancel = () => void client.request('oauth:cancel');

  const title = oauth ? t('oauth.screen.reconnectTitle', { address: oauth.googleAddress }) : t('oauth.screen.title');
  return (
    <form className="card oauth-panel" onSubmit={(event) => void connect(event)} aria-labelledby="oauth-title" data-oauth-phase={phase.kind}>
      <h2 id="oauth-title">{title}</h2>
      <p className="muted">{oauth ? t('oauth.screen.reconnectIntro') : t('oauth.screen.intro')}</p>

      {phase.kind === 'waiting' ? (
        <section className="oauth-waiting" role="status" aria-live="polite" aria-label={t('oauth.waiting.title')}>
          <p className="oauth-waiting__title">
            <span className="spinner" aria-hidden="true" /> {t('oauth.waiting.title')}
          </p>
          {phase.url === null ? null : phase.opened ? (
            <p>{t('oauth.waiting.opened')}</p>
          ) : (
            <>
              <p>{t('oauth.waiting.notOpened')}</p>
              <p>
                <a className="button button--primary" href={phase.url} target="_blank" rel="noreferrer noopener">
                  {t('oauth.waiting.openLink')}
                </a>
              </p>
            </>
          )}
          <p className="muted">{t('oauth.waiting.note')}</p>
          <div className="form-actions">
            <button type="button" className="button" onClick={cancel}>
              {t('oauth.actions.cancel')}
            </button>
          </div>
        </section>
      ) : (
        <>
          <fieldset className="oauth-panel__group">
            <legend>{t('oauth.client.legend')}</legend>
            {oauth ? <p className="muted">{t('oauth.client.keepStored')}</p> : null}
            <div className="form-grid">
              <Field label={t('oauth.client.file')}>
                <input type="file" accept=".json,application/json" onChange={(e) => void e.target.files?.[0]?.text().then(setJson)} />
              </Field>
              <Field label={t('oauth.client.paste')}>
                <textarea value={json} onChange={(e) => setJson(e.target.value)} rows={4} spellCheck={false} placeholder={t('oauth.client.pastePlaceholder')} />
              </Field>
            </div>
            {json.trim() !== '' && inspection ? <ClientSummary inspection={inspection} /> : null}
          </fieldset>

          <fieldset className="oauth-panel__group">
            <legend>{t('oauth.method.legend')}</legend>
            <div className="choice-list">
              {SEND_METHODS.map((m) => (
                <label key={m} className="choice">
                  <input type="radio" name="oauth-method" value={m} checked={method === m} onChange={() => setMethod(m)} />
                  <span>
                    <strong>{t(`oauth.method.${m}`)}</strong>
                    <span className="muted choice__hint">{t(`oauth.method.${m}Hint`)}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>

          {oauth ? null : (
            <fieldset className="oauth-panel__group">
              <legend>{t('oauth.account.legend')}</legend>
              <div className="form-grid">
                <Field label={t('oauth.account.label')} help={t('oauth.account.labelHint')}>
                  <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} />
                </Field>
                <Field label={t('oauth.account.fromName')}>
                  <input value={fromName} onChange={(e) => setFromName(e.target.value)} maxLength={120} />
                </Field>
              </div>
            </fieldset>
          )}

          {phase.kind === 'done' ? <ConnectOutcome result={phase.result} presetId={account?.presetId ?? 'gmail'} /> : null}
          {phase.kind === 'error' ? (
            <p className="form-alert" role="alert" data-oauth-result="error">
              {t(`errors.${phase.error.code}`)} {phase.error.hint ?? ''} <span className="result__meta">({phase.error.message})</span>
            </p>
          ) : null}

          <div className="form-actions">
            <button type="button" className="button" onClick={onClose}>
              {t('oauth.actions.close')}
            </button>
            <button type="submit" className="button button--primary" disabled={!hasClient}>
              {oauth ? t('oauth.actions.reconnect') : t('oauth.actions.connect')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}

/** What the client JSON holds, or what is wrong with it. */
function ClientSummary({ inspection }: { readonly inspection: ClientInspection }) {
  const { t } = useTranslation();
  if (!inspection.ok) {
    return (
      <p className="form-alert" role="alert" data-client-problem={inspection.problem}>
        {t(`oauth.clientProblems.${inspection.problem}`, { field: inspection.field ?? '' })}
      </p>
    );
  }
  return (
    <p className="result result--ok" data-client="ok">
      {t('oauth.client.readOk', { clientId: inspection.clientId })}
      {inspection.projectId ? ` · ${t('oauth.client.project', { project: inspection.projectId })}` : ''} · {t('oauth.client.authHost', { host: inspection.authHost })}
    </p>
  );
}

/** How the consent ended. */
function ConnectOutcome({ result, presetId }: { readonly result: OAuthConnectResult; readonly presetId: AccountView['presetId'] }) {
  const { t } = useTranslation();
  switch (result.status) {
    case 'connected':
      return (
        <p className="result result--ok" role="status" data-oauth-result="connected">
          {t('oauth.result.connected', { address: result.account.fromAddress })}
        </p>
      );
    case 'cancelled':
    case 'timed-out':
      return (
        <p className="form-alert" role="alert" data-oauth-result={result.status}>
          {t(`oauth.result.${result.status}`)}
        </p>
      );
    case 'denied':
      return (
        <p className="form-alert" role="alert" data-oauth-result="denied">
          {t('oauth.result.denied', { error: result.error })}
        </p>
      );
    case 'invalid-client':
      return (
        <p className="form-alert" role="alert" data-oauth-result="invalid-client">
          {t(`oauth.clientProblems.${result.problem}`, { field: result.field ?? '' })}
        </p>
      );
    case 'failed':
      return (
        <div data-oauth-result="failed">
          <DiagnosisPanel failure={result.failure} presetId={presetId} heading={t('oauth.result.failed')} level={3} />
        </div>
      );
  }
}
