/** Add or edit an SMTP account, starting from a provider preset. The saved password is never loaded back. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView, Security } from '../../../app/ipc/common/contract';
import { PRESET_IDS, PRESETS, type PresetId } from '../../../app/accounts/common/presets';
import { ExternalLinks } from '../../components/external-links';
import { Field } from '../../components/field';
import { useClient } from '../../state/client-context';
import {
  checkAccountForm,
  DEFAULT_PORT,
  EMPTY_ACCOUNT_FORM,
  fieldOfServerError,
  formFromAccount,
  formWarnings,
  passwordNeededAgain,
  withPreset,
  withUsername,
  type AccountField,
  type AccountFormValues,
} from './account-form-model';

/** Props of AccountForm. */
export interface AccountFormProps {
  /** The account being edited; absent for a new one. */
  readonly existing?: AccountView | undefined;
  /** Called with the saved account. */
  readonly onSaved: (account: AccountView) => void;
  /** Called when the user cancels. */
  readonly onCancel: () => void;
  /** The fields a new account starts with (the first-run setup fills provider and address). */
  readonly initial?: AccountFormValues;
}

const SECURITY: readonly Security[] = ['starttls', 'tls', 'none'];
const ADVANCED_FIELDS: readonly AccountField[] = ['replyTo', 'ehloName', 'tlsServername', 'dailyLimit', 'unsubscribeUrl', 'caCertificate'];

/** Renders the account form. */
export function AccountForm({ existing, onSaved, onCancel, initial }: AccountFormProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [values, setValues] = useState<AccountFormValues>(existing ? formFromAccount(existing) : (initial ?? EMPTY_ACCOUNT_FORM));
  const [errors, setErrors] = useState<ReadonlySet<AccountField>>(new Set());
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const preset = PRESETS[values.presetId];
  const warnings = formWarnings(values);
  const steps = t(`presets.${values.presetId}.steps`, { returnObjects: true }) as unknown;

  const set = <K extends keyof AccountFormValues>(key: K, value: AccountFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const errorOf = (field: AccountField) =>
    !errors.has(field) ? undefined : field === 'password' && passwordNeededAgain(values, existing) ? t('secretSafety.account.passwordAgain') : t(`accountForm.errors.${field}`);
  const onSecurity = (security: Security) =>
    setValues((v) => ({ ...v, security, port: Object.values(DEFAULT_PORT).includes(v.port) || v.port === '' ? DEFAULT_PORT[security] : v.port }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setServerError(null);
    const check = checkAccountForm(values, existing);
    if (!check.ok) {
      setErrors(new Set(check.fields));
      return;
    }
    setErrors(new Set());
    setSaving(true);
    const result = await client.request('accounts:save', check.draft);
    setSaving(false);
    if (result.ok) return onSaved(result.value);
    const field = result.error.code === 'invalid-input' ? fieldOfServerError(result.error.message) : undefined;
    if (field) setErrors(new Set([field]));
    else setServerError(`${t(`errors.${result.error.code}`)} ${result.error.hint ?? ''}`);
  };

  return (
    <form className="card account-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="account-form-title">
      <h2 id="account-form-title">{existing ? t('accountForm.editTitle', { label: existing.label }) : t('accountForm.newTitle')}</h2>
      {errors.size > 0 ? (
        <p className="form-alert" role="alert">
          {t('accountForm.fixErrors')}
        </p>
      ) : null}
      {serverError ? (
        <p className="form-alert" role="alert">
          {serverError}
        </p>
      ) : null}
      <div className="form-grid">
        <Field label={t('accountForm.preset')} error={errorOf('presetId')}>
          <select value={values.presetId} onChange={(e) => setValues((v) => withPreset(v, e.target.value as PresetId))}>
            {PRESET_IDS.map((id) => (
              <option key={id} value={id}>
                {t(`presets.${id}.name`)}
              </option>
            ))}
          </select>
        </Field>
        {Array.isArray(steps) && steps.length > 0 ? (
          <aside className="setup" aria-label={t('accountForm.setupTitle')}>
            <p className="result__subhead">{t('accountForm.setupTitle')}</p>
            <ol className="steps">
              {steps.map((step) => (
                <li key={String(step)}>{String(step)}</li>
              ))}
            </ol>
            <ExternalLinks links={preset.links} />
          </aside>
        ) : null}
        <Field label={t('accountForm.label')} help={t('accountForm.labelHelp')} error={errorOf('label')}>
          <input value={values.label} onChange={(e) => set('label', e.target.value)} />
        </Field>
        <Field label={t('accountForm.username')} help={t(`presets.${values.presetId}.username`)} error={errorOf('username')}>
          <input value={values.username} onChange={(e) => setValues((v) => withUsername(v, e.target.value))} autoComplete="username" spellCheck={false} autoCapitalize="off" />
        </Field>
        <Field
          label={t('accountForm.password')}
          help={existing?.hasPassword ? t('accountForm.passwordKeep') : t(`presets.${values.presetId}.password`)}
          error={errorOf('password')}
        >
          <input type="password" value={values.password} onChange={(e) => set('password', e.target.value)} autoComplete="new-password" />
        </Field>
        {warnings.appPasswordShape ? (
          <p className="form-warning" role="status">
            {t('accountForm.appPasswordShape')}
          </p>
        ) : null}
        <Field label={t('accountForm.fromAddress')} error={errorOf('fromAddress')}>
          <input type="email" value={values.fromAddress} onChange={(e) => set('fromAddress', e.target.value)} spellCheck={false} />
        </Field>
        {warnings.gmailFromRewrite ? (
          <p className="form-warning" role="status">
            {t('accountForm.gmailFromRewrite', { login: values.username, from: values.fromAddress })}
          </p>
        ) : null}
        <Field label={t('accountForm.fromName')} help={t('accountForm.fromNameHelp')} error={errorOf('fromName')}>
          <input value={values.fromName} onChange={(e) => set('fromName', e.target.value)} />
        </Field>
        <fieldset className="server">
          <legend>{t('accountForm.server')}</legend>
          <div className="form-grid__row">
            <Field label={t('accountForm.host')} error={errorOf('host')}>
              <input value={values.host} onChange={(e) => set('host', e.target.value)} placeholder="smtp.example.com" spellCheck={false} autoCapitalize="off" />
            </Field>
            <Field label={t('accountForm.port')} error={errorOf('port')}>
              <input value={values.port} onChange={(e) => set('port', e.target.value)} inputMode="numeric" />
            </Field>
          </div>
          <div className="radio-group" role="radiogroup" aria-label={t('accountForm.security')}>
            <span className="radio-group__label">{t('accountForm.security')}</span>
            {SECURITY.map((security) => (
              <label key={security}>
                <input type="radio" name="security" value={security} checked={values.security === security} onChange={() => onSecurity(security)} />
                {t(`accounts.security.${security}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <details className="advanced" open={ADVANCED_FIELDS.some((f) => errors.has(f)) || undefined}>
          <summary>{t('accountForm.advanced')}</summary>
          <div className="form-grid">
            <Field label={t('accountForm.replyTo')} help={t('accountForm.replyToHelp')} error={errorOf('replyTo')}>
              <input type="email" value={values.replyTo} onChange={(e) => set('replyTo', e.target.value)} spellCheck={false} />
            </Field>
            <Field
              label={t('accountForm.dailyLimit')}
              help={preset.dailyLimit === null ? t('accountForm.dailyLimitUnknown') : t('accountForm.dailyLimitKnown', { limit: preset.dailyLimit })}
              error={errorOf('dailyLimit')}
            >
              <input value={values.dailyLimit} onChange={(e) => set('dailyLimit', e.target.value)} inputMode="numeric" placeholder={preset.dailyLimit?.toString() ?? ''} />
            </Field>
            <Field label={t('accountForm.unsubscribeUrl')} help={t('accountForm.unsubscribeUrlHelp')} error={errorOf('unsubscribeUrl')}>
              <input type="url" value={values.unsubscribeUrl} onChange={(e) => set('unsubscribeUrl', e.target.value)} spellCheck={false} placeholder="https://example.org/unsubscribe?t={token}" />
            </Field>
            <Field label={t('accountForm.ehloName')} help={t('accountForm.ehloNameHelp')} error={errorOf('ehloName')}>
              <input value={values.ehloName} onChange={(e) => set('ehloName', e.target.value)} spellCheck={false} />
            </Field>
            <Field label={t('accountForm.tlsServername')} help={t('accountForm.tlsServernameHelp')} error={errorOf('tlsServername')}>
              <input value={values.tlsServername} onChange={(e) => set('tlsServername', e.target.value)} spellCheck={false} />
            </Field>
            <Field
              label={t('accountForm.caCertificate')}
              help={existing?.hasCaCertificate ? t('accountForm.caCertificateSaved') : t('accountForm.caCertificateHelp')}
              error={errorOf('caCertificate')}
            >
              <textarea value={values.caCertificate} onChange={(e) => set('caCertificate', e.target.value)} rows={5} spellCheck={false} />
            </Field>
          </div>
        </details>
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
