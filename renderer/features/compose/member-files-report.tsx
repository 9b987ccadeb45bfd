/** The per-member attachments part of the pre-flight report: each problem with its members by row and count, and the largest message against the provider's limit. */
import { useTranslation } from 'react-i18next';
import { MEMBER_FILE_PROBLEMS, SENDABLE_WITHOUT, type MemberFilesReport as Report } from '../../../app/member-files/common/member-files';
import { formatBytes } from './compose-model';

/** Renders the part. */
export function MemberFilesReport({ report, onExclude }: { readonly report: Report; readonly onExclude: (emails: readonly string[], excluded: boolean) => void }) {
  const { t } = useTranslation();
  const groups = MEMBER_FILE_PROBLEMS.map((problem) => ({ problem, rows: report.problems.filter((p) => p.problem === problem) })).filter((g) => g.rows.length > 0);
  return (
    <div className="preflight__member-files" data-group="member-files" data-blocked={report.blocked}>
      <h3>{t('memberFiles.report.title')}</h3>
      {report.folderProblem ? (
        <p className="form-alert" role="alert" data-folder-problem={report.folderProblem}>
          {t(`memberFiles.folderProblems.${report.folderProblem}`)} <code>{report.folder}</code>
        </p>
      ) : null}
      {report.columnMissing ? (
        <p className="form-alert" role="alert">
          {t('memberFiles.report.columnMissing', { column: report.column })}
        </p>
      ) : null}
      {!report.folderProblem && !report.columnMissing ? (
        <>
          <p className="muted">{t('memberFiles.report.summary', { withFiles: report.withFiles, files: report.files, noFile: report.noFile })}</p>
          <p className="muted" data-largest={report.largestEncodedBytes}>
            {report.limitBytes === null
              ? t('memberFiles.report.largestNoLimit', { size: formatBytes(report.largestEncodedBytes) })
              : t('memberFiles.report.largest', { size: formatBytes(report.largestEncodedBytes), limit: formatBytes(report.limitBytes) })}
          </p>
        </>
      ) : null}
      {groups.map(({ problem, rows }) => {
        const allowed = report.sendWithoutMissing && SENDABLE_WITHOUT.has(problem);
        return (
          <details key={problem} open className={allowed ? 'preflight__group' : 'preflight__group preflight__group--blocking'} data-problem={problem}>
            <summary>
              {t(`memberFiles.report.problemTitle.${problem}`, { count: rows.length })} — {allowed ? t('memberFiles.report.allowed') : t('memberFiles.report.blocking')}
            </summary>
            <p className="muted">{t(`memberFiles.report.problemHelp.${problem}`)}</p>
            {allowed ? null : (
              <button type="button" className="button" onClick={() => onExclude(rows.map((r) => r.email), true)}>
                {t('compose.excludeAll')}
              </button>
            )}
            <ul>
              {rows.map((r) => (
                <li key={`${r.line}:${r.email}`}>
                  <span>
                    {t('compose.line', { line: r.line })} · {r.email} — {r.names.join('; ')}
                    {r.encodedBytes !== undefined ? ` (${t('memberFiles.report.size', { size: formatBytes(r.encodedBytes) })})` : ''}
                  </span>
                  {allowed ? null : (
                    <button type="button" className="button button--small" onClick={() => onExclude([r.email], true)}>
                      {t('compose.exclude')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </details>
        );
      })}
    </div>
  );
}
