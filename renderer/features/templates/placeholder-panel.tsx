/**
 * The editor's side panel, live: the placeholders the subject and message use, built in or from the
 * list's columns, and any syntax Mailroom cannot fill (which blocks saving).
 */
import { useTranslation } from 'react-i18next';
import type { TemplateAnalysis } from './template-editor-model';

/** Props of PlaceholderPanel. */
export interface PlaceholderPanelProps {
  /** What the template uses. */
  readonly analysis: TemplateAnalysis;
  /** Id of the unsupported-syntax message, for the Save button's description. */
  readonly unsupportedId: string;
}

/** An example placeholder for the words that show one (i18next would read it as interpolation). */
const EXAMPLE = '{{name}}';

/** Renders the panel. */
export function PlaceholderPanel({ analysis, unsupportedId }: PlaceholderPanelProps) {
  const { t } = useTranslation();
  const { placeholders, unsupported } = analysis;
  const fromList = placeholders.some((p) => p.source === 'list');
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
              {source === 'built-in' ? <span className="placeholder__help">{t(`templatesScreen.placeholders.builtInHelp.${path as 'name' | 'email' | 'code'}`)}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {fromList ? <p className="placeholder-panel__note">{t('templatesScreen.placeholders.listHelp')}</p> : null}
    </aside>
  );
}
