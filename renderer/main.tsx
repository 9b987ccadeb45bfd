/** Renderer entry: pick the bridge, load the settings, then render. */
import { createRoot } from 'react-dom/client';
import { DEFAULT_SETTINGS } from '../app/ipc/common/contract';
import { App } from './app';
import { selectBridge } from './bridge/bridge';
import { createClient } from './bridge/client';
import { createI18n, loadMessages, resolveLanguage } from './i18n/i18n';
import './styles.css';

const client = createClient(selectBridge());
const loaded = await client.request('settings:get');
const settings = loaded.ok ? loaded.value : DEFAULT_SETTINGS;
const language = resolveLanguage(settings.language, navigator.languages);
const i18n = createI18n(language, await loadMessages(language));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(<App client={client} i18n={i18n} initialSettings={settings} />);
