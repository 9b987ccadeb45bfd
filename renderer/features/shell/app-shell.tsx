/** The window's frame: navigation on the side, the chosen screen beside it. */
import { Fragment, lazy, Suspense, useEffect, useRef, useState, type MouseEvent } from 'react';
import { assertNever } from '../../../app/ipc/common/app-error';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../app/ipc/common/contract';
import { AccountsScreen } from '../accounts/accounts-screen';

// The first screen (accounts) comes with the shell; every other screen is its own chunk, loaded when opened.
const CampaignsScreen = lazy(() => import('../campaigns/campaigns-screen').then((m) => ({ default: m.CampaignsScreen })));
const ComposeScreen = lazy(() => import('../compose/compose-screen').then((m) => ({ default: m.ComposeScreen })));
const ListsScreen = lazy(() => import('../lists/lists-screen').then((m) => ({ default: m.ListsScreen })));
const SettingsScreen = lazy(() => import('../settings/settings-screen').then((m) => ({ default: m.SettingsScreen })));
const TemplatesScreen = lazy(() => import('../templates/templates-screen').then((m) => ({ default: m.TemplatesScreen })));
import { useViewFocus } from './view-focus';

/** The screens of the app, in navigation order. */
export const SCREENS = ['accounts', 'lists', 'templates', 'compose', 'campaigns', 'settings'] as const;
/** A screen id. */
export type ScreenId = (typeof SCREENS)[number];

/** Props of AppShell. */
export interface AppShellProps {
  /** Current settings. */
  readonly settings: Settings;
  /** Saves changed settings. */
  readonly onSettingsChange: (settings: Settings) => void;
}

/** Renders navigation and the current screen. */
export function AppShell({ settings, onSettingsChange }: AppShellProps) {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<ScreenId>('accounts');
  /** Counts visits, so choosing the current screen again starts it afresh. */
  const [visit, setVisit] = useState(0);
  const mainRef = useRef<HTMLElement>(null);
  const focusView = useViewFocus(mainRef);
  const go = (id: ScreenId) => {
    setScreen(id);
    setVisit((n) => n + 1);
  };
  const skipToContent = (event: MouseEvent) => {
    event.preventDefault();
    focusView();
  };
  useEffect(() => {
    if (visit > 0) focusView();
  }, [visit, focusView]);

  const content = (() => {
    switch (screen) {
      case 'accounts':
        return <AccountsScreen onNavigate={go} />;
      case 'settings':
        return <SettingsScreen settings={settings} onChange={onSettingsChange} />;
      case 'lists':
        return <ListsScreen />;
      case 'templates':
        return <TemplatesScreen />;
      case 'compose':
        return <ComposeScreen onCreated={() => go('campaigns')} />;
      case 'campaigns':
        return <CampaignsScreen onOpenAccounts={() => go('accounts')} onOpenCompose={() => go('compose')} />;
      default:
        return assertNever(screen);
    }
  })();

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={skipToContent}>
        {t('firstRun.skipToContent')}
      </a>
      <nav className="shell__nav" aria-label={t('nav.label')}>
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">
            ✉
          </span>
          <div>
            <div className="brand__name">{t('app.name')}</div>
            <div className="brand__tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <ul>
          {SCREENS.map((id) => (
            <li key={id}>
              <button type="button" className="nav-item" aria-current={screen === id ? 'page' : undefined} onClick={() => go(id)}>
                {t(`nav.${id}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="shell__main" id="main" ref={mainRef}>
        <Suspense fallback={<p className="muted" role="status">{t('shell.loadingScreen')}</p>}>
          <Fragment key={`${screen}:${visit}`}>{content}</Fragment>
        </Suspense>
      </main>
    </div>
  );
}
