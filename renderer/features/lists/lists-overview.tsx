/** The saved lists: name, members, rows not imported, source and last change, each with Open and Import again. */
import { useTranslation } from 'react-i18next';
import type { MemberListSummary } from '../../../app/ipc/common/contract';
import { EmptyState } from '../../components/empty-state';
import { ListSource } from './list-source';

/** Props of ListsOverview. */
export interface ListsOverviewProps {
  /** The saved lists. */
  readonly lists: readonly MemberListSummary[];
  /** Opens a list. */
  readonly onOpen: (id: string) => void;
  /** Starts an import into a list. */
  readonly onImportInto: (id: string) => void;
}

/** Renders the lists, or the empty state. */
export function ListsOverview({ lists, onOpen, onImportInto }: ListsOverviewProps) {
  const { t, i18n } = useTranslation();
  if (lists.length === 0) return <EmptyState title={t('listsScreen.overview.emptyTitle')} body={t('listsScreen.overview.emptyBody')} />;
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <ul className="lists-overview" aria-label={t('listsScreen.overview.label')}>
      {lists.map((list) => (
        <li key={list.id} className="card lists-card" aria-label={list.name} data-list-id={list.id}>
          <div className="lists-card__main">
            <h2 className="lists-card__name">{list.name}</h2>
            <p className="lists-card__counts">
              <span data-member-count={list.memberCount}>{t('listsScreen.overview.members', { count: list.memberCount })}</span>
              {list.rejectedCount > 0 ? (
                <span className="lists-card__rejected" data-rejected-count={list.rejectedCount}>
                  {t('listsScreen.overview.rejected', { count: list.rejectedCount })}
                </span>
              ) : null}
            </p>
            <p className="muted lists-card__meta">
              <ListSource source={list.source} /> · {t('listsScreen.overview.updated', { time: when(list.updatedAt) })}
            </p>
          </div>
          <div className="lists-actions">
            <button type="button" className="button" onClick={() => onImportInto(list.id)}>
              {t('listsScreen.overview.reimport')}
            </button>
            <button type="button" className="button button--primary" onClick={() => onOpen(list.id)}>
              {t('listsScreen.overview.open')}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
