/** The starter templates by language, each with the list columns it needs; choosing one opens the editor. */
import { useTranslation } from 'react-i18next';
import { startersByLanguage, type Starter } from './template-editor-model';
import { usageLabel } from './usage-label';
import { useStarters } from './use-starters';

/** Props of StarterPicker. */
export interface StarterPickerProps {
  /** Opens the editor with a copy of the starter. */
  readonly onUse: (starter: Starter) => void;
  /** Closes the picker. */
  readonly onClose: () => void;
}

/** Renders the picker. */
export function StarterPicker({ onUse, onClose }: StarterPickerProps) {
  const { t } = useTranslation();
  const state = useStarters();
  return (
    <section className="card starter-picker" aria-labelledby="starter-picker-title">
      <div className="starter-picker__head">
        <div>
          <h2 id="starter-picker-title">{t('templatesScreen.starters.title')}</h2>
          <p className="muted">{t('templatesScreen.starters.intro')}</p>
        </div>
        <button type="button" className="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {state.status === 'loading' ? <p>{t('common.loading')}</p> : null}
      {state.status === 'failed' ? (
        <p className="form-alert" role="alert">
          {t('templatesScreen.starters.loadFailed')} {t(`errors.${state.error.code}`)}
        </p>
      ) : null}
      {state.status === 'loaded'
        ? startersByLanguage(state.starters).map((group) => (
            <section key={group.language} className="starter-picker__group" aria-labelledby={`starters-${group.language}`}>
              <h3 id={`starters-${group.language}`}>{t(`templatesScreen.starters.${group.language}`)}</h3>
              <ul className="starter-list">
                {group.starters.map((starter) => (
                  <li key={`${starter.language}-${starter.name}`} className="starter" aria-label={starter.name}>
                    <div className="starter__text">
                      <h4 lang={starter.language}>{starter.name}</h4>
                      <p className="starter__meta">
                        {usageLabel(t, starter.usageType)} · {starter.contentType === 'text/html' ? t('templatesScreen.html') : t('templatesScreen.plain')}
                      </p>
                      <p className="starter__subject" lang={starter.language}>
                        {starter.subject}
                      </p>
                      {starter.fields.length > 0 ? (
                        <p className="starter__needs">
                          {t('templatesScreen.starters.needs')}{' '}
                          {starter.fields.map((field) => (
                            <code key={field} className="chip" data-field={field}>
                              {field}
                            </code>
                          ))}
                        </p>
                      ) : (
                        <p className="starter__needs">{t('templatesScreen.starters.needsNothing')}</p>
                      )}
                    </div>
                    <button type="button" className="button" onClick={() => onUse(starter)}>
                      {t('templatesScreen.starters.use')}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))
        : null}
    </section>
  );
}
