/** Shows the outcome of a test send: the server's reply and message id, or the failure explained. */
import { useTranslation } from 'react-i18next';
import type { SendTestResult } from '../../app/core/contract';

/** Props of SendResult. */
export interface SendResultProps {
  /** The outcome to show. */
  readonly result: SendTestResult;
}

/** Renders a sent or failed result. */
export function SendResult({ result }: SendResultProps) {
  const { t } = useTranslation();
  if (result.status === 'sent') {
    return (
      <section className="result result--ok" data-status="sent" aria-live="polite">
        <h4>{t('sendTest.sent')}</h4>
        <dl>
          <dt>{t('sendTest.reply')}</dt>
          <dd>
            <code>{result.response}</code>
          </dd>
          <dt>{t('sendTest.messageId')}</dt>
          <dd>
            <code>{result.messageId}</code>
          </dd>
        </dl>
        <p className="result__meta">{t('sendTest.duration', { ms: Math.round(result.durationMs) })}</p>
      </section>
    );
  }
  const { failure } = result;
  return (
    <section className="result result--failed" data-status="failed" data-diagnosis={failure.diagnosis} aria-live="polite">
      <h4>{t('sendTest.failed')}</h4>
      <p className="result__title">{t(`diagnosis.${failure.diagnosis}.title`)}</p>
      <p>{t(`diagnosis.${failure.diagnosis}.body`)}</p>
      <dl>
        {failure.response ? (
          <>
            <dt>{t('sendTest.reply')}</dt>
            <dd>
              <code className="result__reply">{failure.response}</code>
            </dd>
          </>
        ) : (
          <>
            <dt>{t('sendTest.rawMessage')}</dt>
            <dd>
              <code className="result__reply">{failure.message}</code>
            </dd>
          </>
        )}
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
