/** Paste addresses into a new list; the host validates them like a file and the same report follows. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../app/ipc/common/app-error';
import type { RequestOutput } from '../../../app/ipc/common/contract';
import { Field } from '../../components/field';
import { useClient } from '../../state/client-context';
import { BusyIndicator } from './busy-indicator';
import { ImportReportView } from './import-report';
import { RequestError } from './request-error';

type PasteState =
  | { readonly step: 'edit'; readonly tried: boolean; readonly error: WireError | null }
  | { readonly step: 'saving' }
  | { readonly step: 'saved'; readonly result: RequestOutput<'lists:paste'> };

/** Props of PastePanel. */
export interface PastePanelProps {
  /** Opens a list's detail view. */
  readonly onOpenList: (id: string) => void;
}

/** Renders the paste form, then its report. */
export function PastePanel({ onOpenList }: PastePanelProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [text, setText] = useState('');
  const [name, setName] = useState(() => t('listsScreen.paste.defaultName'));
  const [state, setState] = useState<PasteState>({ step: 'edit', tried: false, error: null });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '' || name.trim() === '') return setState({ step: 'edit', tried: true, error: null });
    setState({ step: 'saving' });
    const result = await client.request('lists:paste', { name: name.trim(), text });
    setState(result.ok ? { step: 'saved', result: result.value } : { step: 'edit', tried: true, error: result.error });
  };

  if (state.step === 'saved') {
    const { list, report } = state.result;
    const again = () => {
      setText('');
      setState({ step: 'edit', tried: false, error: null });
    };
    return (
      <ImportReportView
        title={t('listsScreen.report.title')}
        report={report}
        list={list}
        numbering="line"
        onOpenList={() => onOpenList(list.id)}
        secondary={{ label: t('listsScreen.paste.another'), onClick: again }}
      />
    );
  }
  const tried = state.step === 'edit' && state.tried;
  return (
    <form className="card lists-paste" onSubmit={(event) => void submit(event)} aria-labelledby="lists-paste-title" noValidate>
      <h2 id="lists-paste-title">{t('listsScreen.paste.title')}</h2>
      <p className="muted">{t('listsScreen.paste.body')}</p>
      <fieldset className="lists-fieldset form-grid" disabled={state.step === 'saving'}>
        <Field label={t('listsScreen.paste.text')} error={tried && text.trim() === '' ? t('listsScreen.paste.nothing') : undefined}>
          <textarea rows={10} value={text} onChange={(event) => setText(event.target.value)} spellCheck={false} placeholder={'김민수 <minsu@example.kr>\nseoyeon@example.kr'} />
        </Field>
        <Field label={t('listsScreen.paste.listName')} error={tried && name.trim() === '' ? t('listsScreen.import.nameRequired') : undefined}>
          <input type="text" value={name} maxLength={120} onChange={(event) => setName(event.target.value)} />
        </Field>
        {state.step === 'edit' && state.error ? <RequestError error={state.error} /> : null}
        {state.step === 'saving' ? <BusyIndicator phase="saving" text={t('common.saving')} /> : null}
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            {t('listsScreen.paste.submit')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
