/** The Templates screen (being built). */
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/empty-state';

/** Renders the Templates screen. */
export function TemplatesScreen() {
  const { t } = useTranslation();
  return (
    <div className="screen">
      <header className="screen__header">
        <h1>{t('nav.templates')}</h1>
      </header>
      <EmptyState title={t('empty.templates.title')} body={t('empty.templates.body')} />
    </div>
  );
}
