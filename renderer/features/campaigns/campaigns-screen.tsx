/** The Campaigns screen (being built). */
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/empty-state';

/** Renders the Campaigns screen. */
export function CampaignsScreen() {
  const { t } = useTranslation();
  return (
    <div className="screen">
      <header className="screen__header">
        <h1>{t('nav.campaigns')}</h1>
      </header>
      <EmptyState title={t('empty.campaigns.title')} body={t('empty.campaigns.body')} />
    </div>
  );
}
