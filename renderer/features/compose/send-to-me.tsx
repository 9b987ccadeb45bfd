/** "Send this notice to me": the member shown in the preview, sent to the admin's own address, subject marked as a test. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposeInput, SendTestResult } from '../../../app/ipc/common/contract';
import type { PresetId } from '../../../app/accounts/common/presets';
import { SendResult } from '../../components/send-result';
import { useClient } from '../../state/client-context';

/** Props of SendToMe. */
export interface SendToMeProps {
  /** The composed request, or null while something is missing. */
  readonly request: ComposeInput | null;
  /** Which member's message (0-based). */
  readonly memberIndex: number;
  /** Whether the shown member's message can be made. */
  readonly ready: boolean;
  /** The account's preset, for the words of a failure. */
  readonly presetId: PresetId;
}

type State =
  | { readonly status: 'idle' }
  | { readonly status: 'sending' }
  | { readonly status: 'done'; readonly to: string; readonly subject: string; readonly result: SendTestResult }
  | { readonly status: 'error'; readonly message: string };

/** Renders the button and what the send did. */
export function SendToMe({ request, memberIndex, ready, presetId }: SendToMeProps) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [state, setState] = useState<State>({ status: 'idle' });
  const send = async () => {
    if (!request) return;
    setState({ status: 'sending' });
    const language = i18n.language.startsWith('ko') ? 'ko' : 'en';
    const sent = await client.request('compose:send-to-me', { ...request, memberIndex, language });
    setState(sent.ok ? { status: 'done', ...sent.value } : { status: 'error', message: `${t(`errors.${sent.error.code}`)} ${sent.error.message}` });
  };
  return (
    <div className="compose__send-to-me" data-send-to-me={state.status}>
      <button type="button" className="button" disabled={!request || !ready || state.status === 'sending'} onClick={() => void send()}>
        {state.status === 'sending' ? t('workday.sendingToMe') : t('workday.sendToMe')}
      </button>
      {state.status === 'done' ? (
        <div role="status" data-sent-to={state.to}>
          {state.result.status === 'sent' ? <p>{t('workday.sentToMe', { to: state.to, subject: state.subject })}</p> : null}
          <SendResult result={state.result} presetId={presetId} />
        </div>
      ) : null}
      {state.status === 'error' ? (
        <p className="result result--failed" role="alert">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
