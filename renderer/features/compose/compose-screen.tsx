/** The Compose screen (being built). */
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/empty-state';

/** Renders the Compose screen. */
export function ComposeScreen({ onCreated: _onCreated }: { readonly onCreated: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="screen">
      <header className="screen__header">
        <h1>{t('nav.compose')}</h1>
      </header>
      <EmptyState title={t('empty.compose.title')} body={t('empty.compose.body')} />
    </div>
  );
}
