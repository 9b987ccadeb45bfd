/**
 * The editor's side panel, live: the placeholders the subject and message use, built in or from the
 * list's columns, and any syntax Mailroom cannot fill (which blocks saving).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listPlaceholders } from '../../../app/templates/common/list-placeholders';
import type { MemberListSummary } from '../../../app/ipc/common/contract';
import type { TemplateAnalysis } from './template-editor-model';

/** Props of PlaceholderPanel. */
export interface PlaceholderPanelProps {
  /** What the template uses. */
  readonly analysis: TemplateAnalysis;
  /** Id of the unsupported-syntax message, for the Save button's description. */
  readonly unsupportedId: string;
  /** Saved lists, to show what one offers (none: the list part is left out). */
  readonly lists?: readonly MemberListSummary[] | undefined;
}

/** An example placeholder for the words that show one (i18next would read it as interpolation). */
const EXAMPLE = '{{name}}';

/** Renders the panel. */
export function PlaceholderPanel({ analysis, unsupportedId, lists = [] }: PlaceholderPanelProps) {
  const { t } = useTranslation();
  const { placeholders, unsupported } = analysis;
  const fromList = placeholders.some((p) => p.source === 'list');
  const [listId, setListId] = useState<string | null>(null);
  const chosenList = listId === '' ? undefined : (lists.find((l) => l.id === listId) ?? lists[0]);
  const offered = chosenList ? listPlaceholders(chosenList) : null;
  const offeredPaths = new Set(offered?.map((p) => p.path));
  const selectId = useId();
  return (
    <aside className="placeholder-panel" aria-labelledby="placeholder-panel-title" data-placeholder-count={placeholders.length}>
      {unsupported.length > 0 ? (
        <div className="placeholder-panel__unsupported result result--failed" role="alert" id={unsupportedId} data-unsupported={unsupported.length}>
          <h4>{t('templatesScreen.unsupported.title')}</h4>
          <p>{t('templatesScreen.unsupported.body', { example: EXAMPLE })}</p>
          <ul>
            {unsupported.map((source) => (
              <li key={source}>
                <code>{source}</code>
              </li>
            ))}
          </ul>
          <p>{t('templatesScreen.unsupported.blocked')}</p>
        </div>
      ) : null}
      <h3 id="placeholder-panel-title">{t('templatesScreen.placeholders.title')}</h3>
      {placeholders.length === 0 ? (
        <p className="muted">{t('templatesScreen.placeholders.none', { example: EXAMPLE })}</p>
      ) : (
        <ul className="placeholder-list">
          {placeholders.map(({ path, source }) => (
            <li key={path} className={`placeholder placeholder--${source}`} data-placeholder={path} data-source={source}>
              <code className="placeholder__path">{`{{${path}}}`}</code>
              <span className="placeholder__source">{source === 'built-in' ? t('templatesScreen.placeholders.builtIn') : t('templatesScreen.placeholders.fromList')}</span>
              {source === 'built-in' ? <span className="placeholder__help">{t(`templatesScreen.placeholders.builtInHelp.${path as 'name' | 'email' | 'code' | 'unsubscribe'}`)}</span> : null}
              {offered && path !== 'code' && path !== 'unsubscribe' && !offeredPaths.has(path) ? (
                <span className="placeholder__missing" data-not-offered={path}>
                  {t('workday.panelNotOffered')}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {fromList ? <p className="placeholder-panel__note">{t('templatesScreen.placeholders.listHelp')}</p> : null}
      {lists.length > 0 ? (
        <div className="placeholder-panel__list">
          <label htmlFor={selectId}>{t('workday.panelList')}</label>
          <select id={selectId} value={chosenList?.id ?? ''} onChange={(event) => setListId(event.target.value)}>
            <option value="">{t('workday.panelNoList')}</option>
            {lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
          {offered ? (
            <>
              <h4>{t('workday.panelOffered')}</h4>
              <ul className="placeholder-list" data-offered-by={chosenList?.id}>
                {offered.map(({ path, kind, role }) => (
                  <li key={path} className="placeholder" data-offered={path}>
                    <code className="placeholder__path">{`{{${path}}}`}</code>
                    {kind === 'alias' && role === 'unsubscribe' ? <span className="placeholder__help">{t('templatesScreen.placeholders.builtInHelp.unsubscribe')}</span> : null}
                    {kind === 'alias' && role && role !== 'unsubscribe' ? <span className="placeholder__help">{t('workday.aliasOf', { role: t(role === 'name' ? 'workday.roleName' : 'workday.roleAddress') })}</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </aside>
  );
}
