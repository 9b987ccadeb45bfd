/** Words under an unfillable placeholder: which placeholders the list offers, and the closest one to what was written. */
import { useTranslation } from 'react-i18next';

/** Props of PlaceholderHints. */
export interface PlaceholderHintsProps {
  /** What the list offers (column headers, then the aliases). */
  readonly offered?: readonly string[] | undefined;
  /** Each unfillable placeholder with its nearest offered one. */
  readonly hints?: readonly { readonly path: string; readonly suggestion: string | null }[] | undefined;
}

const braces = (path: string) => `{{${path}}}`;

/** Renders the hints, or nothing when the report has none. */
export function PlaceholderHints({ offered, hints }: PlaceholderHintsProps) {
  const { t } = useTranslation();
  if (!offered || !hints || hints.length === 0) return null;
  return (
    <div className="placeholder-hints" data-placeholder-hints={hints.length}>
      <ul>
        {hints.map(({ path, suggestion }) => (
          <li key={path} data-hint={path} data-suggestion={suggestion ?? ''}>
            {suggestion === null
              ? t('workday.noSuchColumn', { path: braces(path), interpolation: { escapeValue: false } })
              : t('workday.didYouMean', { path: braces(path), suggestion: braces(suggestion), interpolation: { escapeValue: false } })}
          </li>
        ))}
      </ul>
      <p data-offered={offered.join(',')}>{t('workday.offered', { columns: offered.map(braces).join(', '), interpolation: { escapeValue: false } })}</p>
    </div>
  );
}
