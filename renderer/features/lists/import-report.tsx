/** The report of an import, a paste or a save: counts by reason, every row not accepted, and the CSV export. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../app/ipc/common/app-error';
import { REJECT_REASONS, type MemberListReport, type RejectedRow } from '../../../app/lists/common/member-list';
import { useClient } from '../../state/client-context';
import { downloadText } from '../../state/download';
import { RequestError } from './request-error';
import { VirtualTable } from '../../components/virtual-table';

/** How the first column numbers a rejected row. */
export type RowNumbering =
  /** `line` as it is: the line of the file or pasted text. */
  | 'line'
  /**
   * The position among the rows saved from the detail view. `lists:set-members` numbers the rows it
   * validates `index + 2` (as lines of a table with a header), so the row is `line - 1`.
   */
  | 'row';

/** Props of ReportSummary. */
export interface ReportSummaryProps {
  /** The counts. */
  readonly summary: MemberListReport['summary'];
}

/** Rows read, imported, and not imported by reason; each count carries `data-summary` and `data-count`. */
export function ReportSummary({ summary }: ReportSummaryProps) {
  const { t, i18n } = useTranslation();
  const items: { key: string; label: string; count: number; tone: 'plain' | 'ok' | 'bad' }[] = [
    { key: 'rows', label: t('listsScreen.report.rows'), count: summary.rows, tone: 'plain' },
    { key: 'accepted', label: t('listsScreen.report.accepted'), count: summary.accepted, tone: 'ok' },
    ...REJECT_REASONS.map((reason) => ({ key: reason, label: t(`listsScreen.reasons.${reason}`), count: summary.rejected[reason] ?? 0, tone: 'bad' as const })),
  ];
  return (
    <dl className="lists-summary" aria-label={t('listsScreen.report.summaryLabel')}>
      {items.map((item) => (
        <div key={item.key} className={`lists-summary__item lists-summary__item--${item.count === 0 && item.tone === 'bad' ? 'zero' : item.tone}`} data-summary={item.key} data-count={item.count}>
          <dt>{item.label}</dt>
          <dd>{item.count.toLocaleString(i18n.language)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Props of RejectedTable. */
export interface RejectedTableProps {
  /** The rows not accepted. */
  readonly rejected: readonly RejectedRow[];
  /** How the first column numbers them. */
  readonly numbering: RowNumbering;
}

/** Every rejected row: line (or row), the address as written, the reason in words and the host's detail; `data-reason` and `data-line` on each row. */
export function RejectedTable({ rejected, numbering }: RejectedTableProps) {
  const { t } = useTranslation();
  return (
    <VirtualTable
      label={t('listsScreen.report.tableLabel')}
      className="lists-rejected"
      columns={[
        { key: 'line', header: t(numbering === 'line' ? 'listsScreen.report.line' : 'listsScreen.report.row'), width: 72 },
        { key: 'address', header: t('listsScreen.report.address'), width: 250 },
        { key: 'reason', header: t('listsScreen.report.reason') },
      ]}
      rowCount={rejected.length}
      rowKey={(index) => `${rejected[index]?.line ?? index}-${index}`}
      rowHeight={58}
      measure
      maxHeight={360}
      row={(index) => {
        const item = rejected[index]!;
        const number = numbering === 'line' ? item.line : item.line - 1;
        return {
          data: { 'data-reason': item.reason, 'data-line': number },
          cells: (
            <>
              <td className="lists-table__number">{number}</td>
              <td className="lists-table__address">{item.email === '' ? <span className="muted">{t('listsScreen.report.empty')}</span> : item.email}</td>
              <td>
                <span className="lists-reason">{t(`listsScreen.reasons.${item.reason}`)}</span>
                <span className="lists-reason__detail" lang="en">
                  {item.detail}
                </span>
              </td>
            </>
          ),
        };
      }}
    />
  );
}

/** Props of ExportReportButton. */
export interface ExportReportButtonProps {
  /** The list whose last report is exported. */
  readonly listId: string;
}

/** "Export report (CSV)": asks the host for the report of the list's last import and saves it (UTF-8 with a BOM, so Excel reads Korean). */
export function ExportReportButton({ listId }: ExportReportButtonProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [state, setState] = useState<{ readonly status: 'idle' | 'busy' } | { readonly status: 'done'; readonly file: string } | { readonly status: 'failed'; readonly error: WireError }>({ status: 'idle' });
  const exportReport = async () => {
    setState({ status: 'busy' });
    const result = await client.request('lists:report-csv', { id: listId });
    if (!result.ok) return setState({ status: 'failed', error: result.error });
    downloadText(result.value.fileName, result.value.content, 'text/csv');
    setState({ status: 'done', file: result.value.fileName });
  };
  return (
    <div className="lists-export">
      <button type="button" className="button" onClick={() => void exportReport()} disabled={state.status === 'busy'}>
        {t('listsScreen.report.export')}
      </button>
      {state.status === 'done' ? (
        <span className="muted" role="status">
          {t('listsScreen.report.exported', { file: state.file })}
        </span>
      ) : null}
      {state.status === 'failed' ? <RequestError error={state.error} /> : null}
    </div>
  );
}

/** Props of ImportReportView. */
export interface ImportReportViewProps {
  /** The heading. */
  readonly title: string;
  /** The report. */
  readonly report: MemberListReport;
  /** The saved list. */
  readonly list: { readonly id: string; readonly name: string };
  /** How rejected rows are numbered. */
  readonly numbering: RowNumbering;
  /** Opens the saved list; absent when already in it. */
  readonly onOpenList?: () => void;
  /** A second action beside it, such as "Import another file". */
  readonly secondary?: { readonly label: string; readonly onClick: () => void };
}

/** The whole report: where it was saved, the counts, the rejected rows and the export. */
export function ImportReportView({ title, report, list, numbering, onOpenList, secondary }: ImportReportViewProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="card lists-report" aria-labelledby={titleId} data-report-list={list.id}>
      <div className="lists-section-head">
        <div>
          <h2 id={titleId}>{title}</h2>
          <p className="muted">{t('listsScreen.report.savedAs', { name: list.name })}</p>
        </div>
        <div className="lists-actions">
          {secondary ? (
            <button type="button" className="button" onClick={secondary.onClick}>
              {secondary.label}
            </button>
          ) : null}
          {onOpenList ? (
            <button type="button" className="button button--primary" onClick={onOpenList}>
              {t('listsScreen.report.openList')}
            </button>
          ) : null}
        </div>
      </div>
      <ReportSummary summary={report.summary} />
      {report.rejected.length === 0 ? (
        <p className="result result--ok" role="status">
          {t('listsScreen.report.noneRejected')}
        </p>
      ) : (
        <>
          <h3>{t('listsScreen.report.rejectedTitle', { count: report.rejected.length })}</h3>
          <RejectedTable rejected={report.rejected} numbering={numbering} />
        </>
      )}
      <ExportReportButton listId={list.id} />
    </section>
  );
}
