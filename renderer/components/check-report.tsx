/** The step-by-step report of "Check": each step's status, duration and detail, then the diagnosis. */
import { useTranslation } from 'react-i18next';
import type { CheckResult } from '../../app/ipc/common/contract';
import type { PresetId } from '../../app/accounts/common/presets';
import { DiagnosisPanel } from './diagnosis-panel';

/** Props of CheckReport. */
export interface CheckReportProps {
  /** The check to show. */
  readonly result: CheckResult;
  /** The account's preset, for provider-specific steps. */
  readonly presetId: PresetId;
}

const MARK = { ok: '✓', failed: '✕', skipped: '–' } as const;

/** Renders the report. */
export function CheckReport({ result, presetId }: CheckReportProps) {
  const { t } = useTranslation();
  const failedStep = result.steps.find((step) => step.status === 'failed');
  return (
    <section className="check-report" data-check={result.status} aria-label={t('check.title')}>
      <ol className="check-steps">
        {result.steps.map((step) => (
          <li key={step.step} className={`check-step check-step--${step.status}`} data-step={step.step} data-step-status={step.status}>
            <span className="check-step__mark" aria-hidden="true">
              {MARK[step.status]}
            </span>
            <span className="check-step__name">{t(`check.steps.${step.step}`)}</span>
            <span className="check-step__status">{t(`check.status.${step.status}`)}</span>
            <span className="check-step__time">{step.status === 'skipped' ? '' : t('sendTest.duration', { ms: Math.round(step.durationMs) })}</span>
            {step.detail ? <code className="check-step__detail">{step.detail}</code> : null}
          </li>
        ))}
      </ol>
      {result.status === 'passed' ? (
        <p className="result result--ok" data-status="passed">
          {t('check.passed')}
        </p>
      ) : result.failure ? (
        <DiagnosisPanel
          failure={result.failure}
          presetId={presetId}
          heading={t('check.failed', { step: failedStep ? t(`check.steps.${failedStep.step}`) : '' })}
        />
      ) : null}
    </section>
  );
}
