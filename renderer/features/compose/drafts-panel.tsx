/** Compose's drafts: the saved ones, newest first, each reopened or deleted; and a fresh message. */
import { useTranslation } from 'react-i18next';
import type { DraftSummary } from '../../../app/ipc/common/contract';

/** Props of DraftsPanel. */
export interface DraftsPanelProps {
  /** Saved drafts, newest first. */
  readonly drafts: readonly DraftSummary[];
  /** The draft being edited, if it is saved. */
  readonly currentId: string | null;
  /** Whether the current draft's last change is saved. */
  readonly status: 'idle' | 'saving' | 'saved' | 'failed';
  /** Opens a draft. */
  readonly onOpen: (id: string) => void;
  /** Deletes a draft. */
  readonly onRemove: (id: string) => void;
  /** Starts a new message. */
  readonly onNew: () => void;
}

/** Renders the drafts panel. */
export function DraftsPanel({ drafts, currentId, status, onOpen, onRemove, onNew }: DraftsPanelProps) {
  const { t, i18n } = useTranslation();
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="card compose-drafts" aria-labelledby="compose-drafts-title" data-drafts={drafts.length}>
      <div className="compose-drafts__head">
        <h2 id="compose-drafts-title">{t('workday.draftsTitle')}</h2>
        <p className="muted" role="status" data-draft-status={status}>
          {status === 'saving' ? t('workday.draftSaving') : status === 'saved' ? t('workday.draftSaved') : status === 'failed' ? t('workday.draftFailed') : ''}
        </p>
        <button type="button" className="button button--small" onClick={onNew}>
          {t('workday.newMessage')}
        </button>
      </div>
      {drafts.length === 0 ? (
        <p className="muted">{t('workday.noDrafts')}</p>
      ) : (
        <ul className="compose-drafts__list">
          {drafts.map((d) => {
            const title = d.title.trim() || t('workday.untitled');
            return (
              <li key={d.id} data-draft={d.id} aria-current={d.id === currentId ? 'true' : undefined}>
                <span className="compose-drafts__title">{title}</span>
                <span className="muted">{time(d.updatedAt)}</span>
                {d.id === currentId ? (
                  <span className="compose-drafts__current">{t('workday.editing')}</span>
                ) : (
                  <button type="button" className="button button--small" aria-label={t('workday.openDraft', { title })} onClick={() => onOpen(d.id)}>
                    {t('workday.open')}
                  </button>
                )}
                <button type="button" className="button button--small" aria-label={t('workday.deleteDraft', { title })} onClick={() => onRemove(d.id)}>
                  {t('workday.delete')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
