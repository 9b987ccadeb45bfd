/** The Lists screen (being built). */
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/empty-state';

/** Renders the Lists screen. */
export function ListsScreen() {
  const { t } = useTranslation();
  return (
    <div className="screen">
      <header className="screen__header">
        <h1>{t('nav.lists')}</h1>
      </header>
      <EmptyState title={t('empty.lists.title')} body={t('empty.lists.body')} />
    </div>
  );
}
