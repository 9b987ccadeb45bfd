/** The saved templates as a table: name, usage type, format, last edit, and edit/delete. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateView } from '../../../app/ipc/common/contract';
import { usageLabel } from './usage-label';

/** Props of TemplateList. */
export interface TemplateListProps {
  /** The templates, in any order (shown most recently edited first). */
  readonly templates: readonly TemplateView[];
  /** Opens a template in the editor. */
  readonly onEdit: (template: TemplateView) => void;
  /** Asks to delete a template. */
  readonly onRemove: (template: TemplateView) => void;
}

/** Renders the table. */
export function TemplateList({ templates, onEdit, onRemove }: TemplateListProps) {
  const { t, i18n } = useTranslation();
  const when = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }), [i18n.language]);
  const sorted = useMemo(() => [...templates].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)), [templates]);
  return (
    <div className="card template-table__wrap">
      <table className="template-table">
        <caption className="template-table__caption">{t('templatesScreen.listLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('templatesScreen.columns.name')}</th>
            <th scope="col">{t('templatesScreen.columns.usageType')}</th>
            <th scope="col">{t('templatesScreen.columns.contentType')}</th>
            <th scope="col">{t('templatesScreen.columns.updated')}</th>
            <th scope="col">
              <span className="template-table__hidden">{t('templatesScreen.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((template) => (
            <tr key={template.id} data-template-id={template.id}>
              <th scope="row" className="template-table__name">
                {template.name}
              </th>
              <td>{usageLabel(t, template.usageType)}</td>
              <td>{template.contentType === 'text/html' ? t('templatesScreen.html') : t('templatesScreen.plain')}</td>
              <td>
                <time dateTime={template.updatedAt}>{when.format(new Date(template.updatedAt))}</time>
              </td>
              <td>
                <div className="template-table__actions">
                  <button type="button" className="button" onClick={() => onEdit(template)}>
                    {t('common.edit')}
                  </button>
                  <button type="button" className="button button--danger" onClick={() => onRemove(template)}>
                    {t('templatesScreen.remove')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
