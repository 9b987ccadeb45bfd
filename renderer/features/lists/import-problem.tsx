/** Why a file cannot be imported, in the person's language, with the host's English detail as a secondary line. */
import { useTranslation } from 'react-i18next';
import type { ListImportErrorCode } from '../../../app/lists/common/member-list';

/** A file that was refused: by the host (a `ListImportError`) or here (too large, unreadable). */
export interface ImportProblem {
  /** The reason: a `ListImportError` code, or `unreadable` when the browser could not read the file. */
  readonly code: ListImportErrorCode | 'unreadable';
  /** The host's English sentence, when the host refused the file. */
  readonly detail?: string;
  /** The line the problem is on, when known. */
  readonly line?: number;
  /** The file's name and size, shown with a size problem. */
  readonly file?: { readonly name: string; readonly size: string };
}

/** Renders the problem as an alert that also says the saved lists are untouched. */
export function ImportProblemAlert({ problem }: { readonly problem: ImportProblem }) {
  const { t } = useTranslation();
  return (
    <div className="form-alert lists-problem" role="alert" data-error={problem.code}>
      <p className="lists-problem__title">{t('listsScreen.errors.title')}</p>
      <p>
        {t(`listsScreen.errors.${problem.code}`)}
        {problem.line !== undefined ? ` ${t('listsScreen.errors.atLine', { line: problem.line })}` : ''}
        {problem.code === 'too-large' && problem.file ? ` ${t('listsScreen.errors.size', problem.file)}` : ''}
      </p>
      {problem.detail ? (
        <p className="lists-problem__detail" lang="en">
          {problem.detail}
        </p>
      ) : null}
      <p className="lists-problem__unchanged">{t('listsScreen.errors.unchanged')}</p>
    </div>
  );
}
