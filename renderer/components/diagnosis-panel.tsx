/** Explains one SMTP failure: what happened, what it means, numbered steps, links, and the raw reply. */
import { useTranslation } from 'react-i18next';
import type { SmtpFailure } from '../../app/ipc/common/contract';
import { explainFailure } from '../../app/diagnosis/common/diagnosis-catalogue';
import type { PresetId } from '../../app/accounts/common/presets';
import { ExternalLinks } from './external-links';

/** Props of DiagnosisPanel. */
export interface DiagnosisPanelProps {
  /** The failure. */
  readonly failure: SmtpFailure;
  /** The account's preset, for provider-specific steps. */
  readonly presetId: PresetId;
  /** Heading above the explanation. */
  readonly heading: string;
  /** The heading's level, one below the section it sits in (4 unless told). */
  readonly level?: 2 | 3 | 4;
}

/** Renders the explanation. Links open in the system browser (Electron routes them through its allowlist). */
export function DiagnosisPanel({ failure, presetId, heading, level = 4 }: DiagnosisPanelProps) {
  const Heading = `h${level}` as const;
  const { t } = useTranslation();
  const explanation = explainFailure(failure.diagnosis, presetId);
  const steps = t(`${explanation.key}.steps`, { returnObjects: true }) as unknown;
  return (
    <section className="result result--failed" data-status="failed" data-diagnosis={failure.diagnosis} aria-live="polite">
      <Heading>{heading}</Heading>
      <p className="result__title">{t(`${explanation.key}.title`)}</p>
      <p>{t(`${explanation.key}.body`)}</p>
      {Array.isArray(steps) && steps.length > 0 ? (
        <>
          <p className="result__subhead">{t('diagnosis.stepsTitle')}</p>
          <ol className="steps">
            {steps.map((step) => (
              <li key={String(step)}>{String(step)}</li>
            ))}
          </ol>
        </>
      ) : null}
      <ExternalLinks links={explanation.links} label={t('diagnosis.linksTitle')} />
      <p className="result__meta">{t(`diagnosis.retry.${explanation.retry}`)}</p>
      <dl>
        <dt>{failure.response ? t('sendTest.reply') : t('sendTest.rawMessage')}</dt>
        <dd>
          <code className="result__reply">{failure.response ?? failure.message}</code>
        </dd>
        {failure.command ? (
          <>
            <dt>{t('sendTest.stage')}</dt>
            <dd>
              <code>{failure.command}</code>
            </dd>
          </>
        ) : null}
        {failure.code ? (
          <>
            <dt>{t('sendTest.errorCode')}</dt>
            <dd>
              <code>{failure.code}</code>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
