/** A failed request, in words: the app-wide sentence for its code, then the host's English message as a secondary line. */
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../app/ipc/common/app-error';

/** Renders the error as an alert. */
export function RequestError({ error }: { readonly error: WireError }) {
  const { t } = useTranslation();
  return (
    <div className="form-alert lists-problem" role="alert" data-error={error.code}>
      <p className="lists-problem__title">{t('listsScreen.errors.request')}</p>
      <p>{t(`errors.${error.code}`)}</p>
      <p className="lists-problem__detail" lang="en">
        {[error.message, error.hint].filter(Boolean).join(' ')}
      </p>
    </div>
  );
}
