/** The root: providers, language and theme from the settings, and the shell. */
import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Settings } from '../app/ipc/common/contract';
import type { Client } from './bridge/client';
import { AppShell } from './features/shell/app-shell';
import { resolveLanguage, type createI18n } from './i18n/i18n';
import { ClientProvider } from './state/client-context';
import { ConfirmProvider } from './components/confirm-dialog';
import { applyTheme } from './state/theme';

/** Props of App. */
export interface AppProps {
  /** The typed client. */
  readonly client: Client;
  /** The i18next instance. */
  readonly i18n: ReturnType<typeof createI18n>;
  /** Settings loaded before the first render. */
  readonly initialSettings: Settings;
}

/** Renders the whole app. */
export function App({ client, i18n, initialSettings }: AppProps) {
  const [settings, setSettings] = useState(initialSettings);
  const [connectionLost, setConnectionLost] = useState(false);

  useEffect(() => applyTheme(settings.theme), [settings.theme]);
  useEffect(() => {
    const language = resolveLanguage(settings.language, navigator.languages);
    document.documentElement.lang = language;
    void i18n.changeLanguage(language);
  }, [settings.language, i18n]);
  useEffect(() => {
    const onLost = () => setConnectionLost(true);
    window.addEventListener('mailroom:connection-lost', onLost);
    return () => window.removeEventListener('mailroom:connection-lost', onLost);
  }, []);

  const changeSettings = (next: Settings) => {
    setSettings(next);
    void client.request('settings:save', next);
  };

  return (
    <ClientProvider client={client}>
      <I18nextProvider i18n={i18n}>
        {connectionLost ? (
          <div className="banner" role="alert">
            {i18n.t('errors.connectionLost')}
          </div>
        ) : null}
        <ConfirmProvider>
          <AppShell settings={settings} onSettingsChange={changeSettings} />
        </ConfirmProvider>
      </I18nextProvider>
    </ClientProvider>
  );
}
