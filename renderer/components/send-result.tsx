/** Shows the outcome of a test send: the server's reply and message id, or the failure explained. */
import { useTranslation } from 'react-i18next';
import type { SendTestResult } from '../../app/ipc/common/contract';
import type { PresetId } from '../../app/accounts/common/presets';
import { DiagnosisPanel } from './diagnosis-panel';

/** Props of SendResult. */
export interface SendResultProps {
  /** The outcome to show. */
  readonly result: SendTestResult;
  /** The account's preset, for provider-specific steps. */
  readonly presetId: PresetId;
}

/** Renders a sent or failed result. */
export function SendResult({ result, presetId }: SendResultProps) {
  const { t } = useTranslation();
  if (result.status === 'failed') return <DiagnosisPanel failure={result.failure} presetId={presetId} heading={t('sendTest.failed')} />;
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
