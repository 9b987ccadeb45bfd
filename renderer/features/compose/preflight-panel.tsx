/** The pre-flight report: counts, who is skipped or blocked and why, size, quota and finish time. */
import { useTranslation } from 'react-i18next';
import { PlaceholderHints } from './placeholder-hints';
import type { PreflightReport } from '../../../app/ipc/common/contract';
import { formatBytes } from './compose-model';
import { MemberFilesReport } from './member-files-report';
import type { PresetId } from '../../../app/accounts/common/presets';
import { ProviderLimitNote } from '../../components/provider-limit-note';

/** Props of PreflightPanel. */
export interface PreflightPanelProps {
  /** The report. */
  readonly report: PreflightReport;
  /** Leaves members out (or puts them back). */
  readonly onExclude: (emails: readonly string[], excluded: boolean) => void;
  /** The sending account's preset (names the provider in its daily-limit reply). */
  readonly presetId?: PresetId | undefined;
}

/** Renders the report. */
export function PreflightPanel({ report, onExclude, presetId }: PreflightPanelProps) {
  const { t, i18n } = useTranslation();
  const finish = new Date(report.quota.estimatedFinish).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const quota = report.quota;
  return (
    <section className="card preflight" aria-label={t('compose.preflightTitle')} data-blocked={report.blocked} data-will-send={report.willSend}>
      <h2>{t('compose.preflightTitle')}</h2>
      <p className="preflight__count">{t('compose.willSend', { count: report.willSend })}</p>
      {report.unsupported.length > 0 ? (
        <p className="form-alert" role="alert">
          {t('compose.unsupported', { syntax: report.unsupported.join(', '), example: '{{name}}' })}
        </p>
      ) : null}
      {report.unfillable.length > 0 ? (
        <details open className="preflight__group preflight__group--blocking" data-group="unfillable">
          <summary>{t('compose.unfillableTitle', { count: report.unfillable.length })}</summary>
          <PlaceholderHints offered={report.offered} hints={report.hints} />
          <button type="button" className="button" onClick={() => onExclude(report.unfillable.map((u) => u.email), true)}>
            {t('compose.excludeAll')}
          </button>
          <ul>
            {report.unfillable.map((u) => (
              <li key={`${u.line}:${u.email}`}>
                <span>
                  {t('compose.line', { line: u.line })} · {u.email} — {u.missing.join(', ')}
                </span>
                <button type="button" className="button button--small" onClick={() => onExclude([u.email], true)}>
                  {t('compose.exclude')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {report.skipped.length > 0 ? (
        <details className="preflight__group" data-group="skipped">
          <summary>{t('compose.skippedTitle', { count: report.skipped.length })}</summary>
          <ul>
            {report.skipped.map((s) => (
              <li key={`${s.line}:${s.email}:${s.reason}`} data-reason={s.reason}>
                {t('compose.line', { line: s.line })} · {s.email || '—'} — {t(`compose.reasons.${s.reason}`)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {report.excluded.length > 0 ? (
        <details className="preflight__group" data-group="excluded">
          <summary>{t('compose.excludedTitle', { count: report.excluded.length })}</summary>
          <ul>
            {report.excluded.map((e) => (
              <li key={`${e.line}:${e.email}`}>
                <span>
                  {t('compose.line', { line: e.line })} · {e.email}
                </span>
                <button type="button" className="button button--small" onClick={() => onExclude([e.email], false)}>
                  {t('compose.include')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {report.emptyValues.length > 0 ? (
        <details className="preflight__group" data-group="empty">
          <summary>{t('compose.emptyTitle', { count: report.emptyValues.length })}</summary>
          <ul>
            {report.emptyValues.map((e) => (
              <li key={`${e.line}:${e.email}`}>
                {t('compose.line', { line: e.line })} · {e.email} — {e.empty.join(', ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {report.size.encodedBytes > 0 ? (
        <p className={report.size.tooLarge ? 'form-alert' : 'muted'} role={report.size.tooLarge ? 'alert' : undefined}>
          {report.size.tooLarge
            ? t('compose.sizeTooLarge', { size: formatBytes(report.size.encodedBytes), limit: formatBytes(report.size.limitBytes ?? 0) })
            : t('compose.sizeOk', { size: formatBytes(report.size.encodedBytes) })}
        </p>
      ) : null}
      {report.memberFiles ? <MemberFilesReport report={report.memberFiles} onExclude={onExclude} /> : null}
      {report.fromRewritten ? <p className="form-warning">{t('compose.fromRewritten')}</p> : null}
      {(report.fromIssues ?? []).map((issue) => (
        <p key={issue.kind} className={issue.severity === 'block' ? 'form-alert' : 'form-warning'} role={issue.severity === 'block' ? 'alert' : undefined} data-from-issue={issue.kind}>
          {issue.kind === 'free-mail-domain'
            ? t('outgrow.freeMailDomain', { domain: issue.domain })
            : t(issue.severity === 'block' ? 'outgrow.fromMismatchBlock' : 'outgrow.fromMismatchWarn', { from: issue.fromAddress, login: issue.login })}
        </p>
      ))}
      {report.providerLimit ? <ProviderLimitNote limit={report.providerLimit} presetId={presetId ?? 'custom'} after={t('limits.preflight')} /> : null}
      <p className={quota.fitsToday ? 'muted' : 'form-warning'} data-fits-today={quota.fitsToday}>
        {quota.dailyLimit === null
          ? t('compose.noLimit', { perMinute: quota.perMinute, finish })
          : quota.fitsToday
            ? t('compose.fitsToday', { sent: quota.sentLast24h, limit: quota.dailyLimit, perMinute: quota.perMinute, finish })
            : t('compose.overLimit', { sent: quota.sentLast24h, limit: quota.dailyLimit, finish })}
      </p>
      {quota.outgrown ? (
        <p className="form-warning" data-outgrown="true">
          {t('outgrow.outgrown', { days: quota.daysNeeded })}
        </p>
      ) : null}
    </section>
  );
}
