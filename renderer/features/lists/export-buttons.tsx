/** Export buttons of the Lists screen: a member list or the suppression list, for listmonk or as a plain CSV. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../app/ipc/common/app-error';
import { useClient } from '../../state/client-context';
import { downloadText } from '../../state/download';
import { RequestError } from './request-error';

/** What is exported: one member list, or the suppression list. */
export type ExportTarget = { readonly kind: 'list'; readonly listId: string } | { readonly kind: 'suppression' };

/** Props of ExportButtons. */
export interface ExportButtonsProps {
  /** The list or the suppression list. */
  readonly target: ExportTarget;
}

type ExportState =
  | { readonly status: 'idle' | 'busy' }
  | { readonly status: 'done'; readonly file: string; readonly count: number; readonly suppressed: number }
  | { readonly status: 'failed'; readonly error: WireError };

/** "Export for listmonk" and "Export as CSV": asks the host for the file and saves it. */
export function ExportButtons({ target }: ExportButtonsProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const run = async (format: 'listmonk' | 'csv') => {
    setState({ status: 'busy' });
    const result = target.kind === 'list' ? await client.request('lists:export', { id: target.listId, format }) : await client.request('suppression:export', { format });
    if (!result.ok) return setState({ status: 'failed', error: result.error });
    downloadText(result.value.fileName, result.value.content, 'text/csv;charset=utf-8');
    setState({ status: 'done', file: result.value.fileName, count: result.value.exported, suppressed: result.value.suppressed });
  };
  const list = target.kind === 'list';
  return (
    <div className="lists-export" data-export={target.kind}>
      <button type="button" className="button" onClick={() => void run('listmonk')} disabled={state.status === 'busy'}>
        {t(list ? 'outgrow.exportListmonk' : 'outgrow.exportSuppressionListmonk')}
      </button>
      <button type="button" className="button" onClick={() => void run('csv')} disabled={state.status === 'busy'}>
        {t(list ? 'outgrow.exportCsv' : 'outgrow.exportSuppressionCsv')}
      </button>
      {state.status === 'done' ? (
        <span className="muted" role="status">
          {state.suppressed > 0 ? t('outgrow.exportedSuppressed', { file: state.file, count: state.count, suppressed: state.suppressed }) : t('outgrow.exported', { file: state.file, count: state.count })}
        </span>
      ) : null}
      {state.status === 'failed' ? <RequestError error={state.error} /> : null}
      <p className="muted">{t('outgrow.exportHint')}</p>
    </div>
  );
}
