/** Settings: language and theme (saved by the main process), and facts about this installation. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, SecretsStatus, Settings } from '../../../app/ipc/common/contract';
import { Field } from '../../components/field';
import { useClient } from '../../state/client-context';

/** Props of SettingsScreen. */
export interface SettingsScreenProps {
  /** Current settings. */
  readonly settings: Settings;
  /** Saves changed settings. */
  readonly onChange: (settings: Settings) => void;
}

/** Renders the Settings screen. */
export function SettingsScreen({ settings, onChange }: SettingsScreenProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [secrets, setSecrets] = useState<SecretsStatus | null>(null);
  useEffect(() => {
    void client.request('app:info').then((result) => result.ok && setInfo(result.value));
    void client.request('secrets:status').then((result) => result.ok && setSecrets(result.value));
  }, [client]);
  const protection = (status: SecretsStatus) =>
    status.protection.startsWith('keychain:')
      ? t('secrets.protection.keychain', { backend: status.protection.slice('keychain:'.length) })
      : t('secrets.protection.passphrase');

  return (
    <div className="screen">
      <header className="screen__header">
        <h1>{t('settings.title')}</h1>
      </header>
      <div className="card form-grid settings">
        <Field label={t('settings.language')}>
          <select value={settings.language} onChange={(e) => onChange({ ...settings, language: e.target.value as Settings['language'] })}>
            <option value="system">{t('settings.languageSystem')}</option>
            <option value="ko">한국어</option>
            <option value="en">English</option>
          </select>
        </Field>
        <Field label={t('settings.theme')}>
          <select value={settings.theme} onChange={(e) => onChange({ ...settings, theme: e.target.value as Settings['theme'] })}>
            <option value="system">{t('settings.themeSystem')}</option>
            <option value="light">{t('settings.themeLight')}</option>
            <option value="dark">{t('settings.themeDark')}</option>
          </select>
        </Field>
      </div>
      {info ? (
        <section className="card about" aria-label={t('settings.about')}>
          <h2>{t('settings.about')}</h2>
          <p>{t('settings.version', { version: info.version })}</p>
          <p>{info.host === 'electron' ? t('settings.hostElectron') : t('settings.hostWeb')}</p>
          {secrets ? <p>{t('settings.secretProtection', { protection: protection(secrets) })}</p> : null}
        </section>
      ) : null}
    </div>
  );
}
