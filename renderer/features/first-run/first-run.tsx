/**
 * The first-run setup, shown on Accounts while there is no account: welcome → the provider (Gmail
 * first; an address typed first picks its preset) → the provider's own steps (the account form with
 * its setup steps, or Google sign-in when app passwords are off) → Save runs Check → a test to
 * myself → "import your member list". Every step reuses the Accounts pieces; it can be skipped.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../app/ipc/common/app-error';
import type { AccountView, CheckResult } from '../../../app/ipc/common/contract';
import { isGooglePreset, PRESET_IDS, type PresetId } from '../../../app/accounts/common/presets';
import { presetForAddress, usernameForAddress } from '../../../app/accounts/common/first-run';
import { CheckReport } from '../../components/check-report';
import { Field } from '../../components/field';
import { useClient } from '../../state/client-context';
import { AccountForm } from '../accounts/account-form';
import { formForPreset } from '../accounts/account-form-model';
import { OAuthPanel } from '../accounts/oauth-panel';
import { SendTestPanel } from '../accounts/send-test-panel';

/** Where the setup is. */
type Step =
  | { readonly kind: 'welcome' }
  | { readonly kind: 'provider' }
  | { readonly kind: 'connect'; readonly how: 'password' | 'oauth'; readonly account?: AccountView }
  | { readonly kind: 'check'; readonly account: AccountView }
  | { readonly kind: 'test'; readonly account: AccountView }
  | { readonly kind: 'done'; readonly account: AccountView };

/** Props of FirstRun. */
export interface FirstRunProps {
  /** The saved accounts (to notice the one a Google sign-in creates). */
  readonly accounts: readonly AccountView[];
  /** Told when the user starts the setup (past the welcome). */
  readonly onStart: () => void;
  /** Leaves the setup: `lists` goes on to import the member list. */
  readonly onFinish: (next: 'accounts' | 'lists') => void;
}

type CheckState = { readonly status: 'checking' } | { readonly status: 'done'; readonly result: CheckResult } | { readonly status: 'error'; readonly error: WireError };

/** Renders the setup. */
export function FirstRun({ accounts, onStart, onFinish }: FirstRunProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'welcome' });
  const [address, setAddress] = useState('');
  const [presetId, setPresetId] = useState<PresetId>('gmail');
  const [picked, setPicked] = useState(false);
  const known = useRef<ReadonlySet<string>>(new Set(accounts.map((a) => a.id)));

  // Google sign-in saves the account itself: the new one is the one to check.
  useEffect(() => {
    if (step.kind !== 'connect' || step.how !== 'oauth') return;
    const added = accounts.find((a) => !known.current.has(a.id));
    if (added) setStep({ kind: 'check', account: added });
  }, [accounts, step]);

  const typeAddress = (value: string) => {
    setAddress(value);
    const preset = presetForAddress(value);
    if (preset) setPresetId(preset);
    setPicked(preset !== null);
  };
  const providerName = t(`presets.${presetId}.name`);
  const toProvider = (event: FormEvent) => {
    event.preventDefault();
    known.current = new Set(accounts.map((a) => a.id));
    setStep({ kind: 'connect', how: 'password' });
  };

  return (
    <section className="card first-run" aria-labelledby="first-run-title" data-first-run={step.kind}>
      {step.kind === 'welcome' ? (
        <>
          <h2 id="first-run-title">{t('firstRun.welcome.title')}</h2>
          <p>{t('firstRun.welcome.body')}</p>
          <ol className="first-run__steps">
            {(t('firstRun.welcome.steps', { returnObjects: true }) as string[]).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
          <div className="first-run__actions">
            <button type="button" className="button button--primary" onClick={() => {
                onStart();
                setStep({ kind: 'provider' });
              }}
            >
              {t('firstRun.welcome.start')}
            </button>
            <button type="button" className="button" onClick={() => onFinish('accounts')}>
              {t('firstRun.welcome.skip')}
            </button>
          </div>
        </>
      ) : null}

      {step.kind === 'provider' ? (
        <form className="first-run" onSubmit={toProvider}>
          <h2 id="first-run-title">{t('firstRun.provider.title')}</h2>
          <Field label={t('firstRun.provider.address')} help={t('firstRun.provider.addressHelp')}>
            <input type="email" value={address} onChange={(e) => typeAddress(e.target.value)} autoComplete="email" spellCheck={false} autoCapitalize="off" />
          </Field>
          {picked ? (
            <p className="first-run__picked" role="status" data-picked={presetId}>
              {t('firstRun.provider.picked', { name: providerName })}
            </p>
          ) : null}
          <fieldset className="first-run__providers">
            <legend>{t('firstRun.provider.choose')}</legend>
            {PRESET_IDS.map((id) => (
              <label key={id}>
                <input type="radio" name="first-run-provider" value={id} checked={presetId === id} onChange={() => setPresetId(id)} />
                {t(`presets.${id}.name`)}
              </label>
            ))}
          </fieldset>
          <div className="first-run__actions">
            <button type="button" className="button" onClick={() => setStep({ kind: 'welcome' })}>
              {t('firstRun.provider.back')}
            </button>
            <button type="submit" className="button button--primary">
              {t('firstRun.provider.next')}
            </button>
          </div>
        </form>
      ) : null}

      {step.kind === 'connect' ? (
        <>
          <h2 id="first-run-title">{t('firstRun.connect.title', { name: providerName })}</h2>
          {isGooglePreset(presetId) && !step.account ? (
            <fieldset className="first-run__how">
              <legend>{t('firstRun.connect.how')}</legend>
              <label>
                <input type="radio" name="first-run-how" checked={step.how === 'password'} onChange={() => setStep({ kind: 'connect', how: 'password' })} />
                {t('firstRun.connect.appPassword')}
              </label>
              <label>
                <input type="radio" name="first-run-how" checked={step.how === 'oauth'} onChange={() => setStep({ kind: 'connect', how: 'oauth' })} />
                {t('firstRun.connect.oauth')}
              </label>
            </fieldset>
          ) : null}
          {step.how === 'password' ? (
            <>
              <p className="muted">{t('firstRun.connect.saveChecks')}</p>
              <AccountForm
                key={`${presetId}:${step.account?.id ?? 'new'}`}
                existing={step.account}
                initial={{ ...formForPreset(presetId), label: providerName, username: usernameForAddress(presetId, address), fromAddress: address.trim() }}
                onSaved={(account) => setStep({ kind: 'check', account })}
                onCancel={() => setStep({ kind: 'provider' })}
              />
            </>
          ) : (
            <OAuthPanel account={step.account} onClose={() => setStep({ kind: 'provider' })} />
          )}
        </>
      ) : null}

      {step.kind === 'check' ? (
        <CheckStep
          key={step.account.id}
          account={step.account}
          onFix={() => setStep({ kind: 'connect', how: step.account.auth?.kind === 'oauth' ? 'oauth' : 'password', account: step.account })}
          onNext={() => setStep({ kind: 'test', account: step.account })}
        />
      ) : null}

      {step.kind === 'test' ? (
        <>
          <h2 id="first-run-title">{t('firstRun.test.title')}</h2>
          <p>{t('firstRun.test.body')}</p>
          <h3>{step.account.label}</h3>
          <SendTestPanel account={step.account} />
          <div className="first-run__actions">
            <button type="button" className="button button--primary" onClick={() => setStep({ kind: 'done', account: step.account })}>
              {t('firstRun.test.next')}
            </button>
          </div>
        </>
      ) : null}

      {step.kind === 'done' ? (
        <>
          <h2 id="first-run-title">{t('firstRun.done.title')}</h2>
          <p>{t('firstRun.done.body', { label: step.account.label })}</p>
          <div className="first-run__actions">
            <button type="button" className="button button--primary" onClick={() => onFinish('lists')}>
              {t('firstRun.done.importList')}
            </button>
            <button type="button" className="button" onClick={() => onFinish('accounts')}>
              {t('firstRun.done.finish')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}

/** "Save runs Check": checks the saved account at once and shows the report. */
function CheckStep({ account, onFix, onNext }: { readonly account: AccountView; readonly onFix: () => void; readonly onNext: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [state, setState] = useState<CheckState>({ status: 'checking' });
  const [run, setRun] = useState(0);
  useEffect(() => {
    let live = true;
    void client.request('accounts:check', { id: account.id }).then((result) => {
      if (live) setState(result.ok ? { status: 'done', result: result.value } : { status: 'error', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [client, account.id, run]);
  const passed = state.status === 'done' && state.result.status === 'passed';
  return (
    <>
      <h2 id="first-run-title">{t('firstRun.check.title', { label: account.label })}</h2>
      <h3>{account.fromName ? `${account.fromName} <${account.fromAddress}>` : account.fromAddress}</h3>
      {state.status === 'checking' ? (
        <p role="status" data-check="running">
          {t('firstRun.check.running')}
        </p>
      ) : null}
      {state.status === 'done' ? <CheckReport result={state.result} presetId={account.presetId} /> : null}
      {state.status === 'error' ? (
        <p className="form-alert" role="alert">
          {t(`errors.${state.error.code}`)} {state.error.hint ?? ''}
        </p>
      ) : null}
      {state.status !== 'checking' ? (
        <div className="first-run__actions">
          {passed ? (
            <button type="button" className="button button--primary" onClick={onNext}>
              {t('firstRun.check.next')}
            </button>
          ) : (
            <>
              <button type="button" className="button button--primary" onClick={onFix}>
                {t('firstRun.check.fix')}
              </button>
              <button type="button" className="button" onClick={() => {
                  setState({ status: 'checking' });
                  setRun((n) => n + 1);
                }}
              >
                {t('firstRun.check.again')}
              </button>
            </>
          )}
        </div>
      ) : null}
    </>
  );
}
