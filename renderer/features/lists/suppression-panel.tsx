/** The suppression list: every address that is never mailed, adding addresses (typed, pasted or from a text file) and removing one. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../app/ipc/common/app-error';
import type { RequestOutput } from '../../../app/ipc/common/contract';
import { Field } from '../../components/field';
import { ExportButtons } from './export-buttons';
import { RequestError } from './request-error';
import { useSuppression } from './use-suppression';
import { VirtualTable } from '../../components/virtual-table';

/** The most text `suppression:add` accepts (its schema's limit). */
const SUPPRESSION_TEXT_LIMIT = 5 * 1024 * 1024;

type AddState =
  | { readonly status: 'idle'; readonly tried: boolean }
  | { readonly status: 'adding' }
  | { readonly status: 'added'; readonly result: RequestOutput<'suppression:add'> }
  | { readonly status: 'failed'; readonly error: WireError };

/** Renders the suppression view. */
export function SuppressionPanel() {
  const { t, i18n } = useTranslation();
  const { state, add, remove } = useSuppression();
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [adding, setAdding] = useState<AddState>({ status: 'idle', tried: false });
  const [removeError, setRemoveError] = useState<WireError | null>(null);
  const [fileTooLarge, setFileTooLarge] = useState(false);
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return setAdding({ status: 'idle', tried: true });
    setAdding({ status: 'adding' });
    const result = await add(text, reason.trim());
    if (!result.ok) return setAdding({ status: 'failed', error: result.error });
    setAdding({ status: 'added', result: result.value });
    setText('');
  };

  const loadFile = async (file: File) => {
    // A plain list of addresses, read as UTF-8; `suppression:add` takes at most 5 MiB of text.
    setFileTooLarge(file.size > SUPPRESSION_TEXT_LIMIT);
    if (file.size > SUPPRESSION_TEXT_LIMIT) return;
    const content = await file.text();
    setText((current) => (current.trim() === '' ? content : `${current.replace(/\s*$/, '')}\n${content}`));
  };

  const entries = state.status === 'loaded' ? state.entries : [];
  return (
    <section className="card lists-suppression" aria-labelledby="lists-suppression-title">
      <h2 id="lists-suppression-title">{t('listsScreen.suppression.title')}</h2>
      <p className="muted">{t('listsScreen.suppression.body')}</p>

      <form className="lists-suppression__add" onSubmit={(event) => void submit(event)} aria-labelledby="lists-suppression-add" noValidate>
        <h3 id="lists-suppression-add">{t('listsScreen.suppression.addTitle')}</h3>
        <fieldset className="lists-fieldset form-grid" disabled={adding.status === 'adding'}>
          <Field
            label={t('listsScreen.suppression.text')}
            help={t('listsScreen.suppression.textHelp')}
            error={adding.status === 'idle' && adding.tried && text.trim() === '' ? t('listsScreen.suppression.nothing') : undefined}
          >
            <textarea rows={4} value={text} onChange={(event) => setText(event.target.value)} spellCheck={false} />
          </Field>
          <div className="lists-mapping__row">
            <Field label={t('listsScreen.suppression.reasonLabel')}>
              <input type="text" value={reason} maxLength={200} placeholder={t('listsScreen.suppression.reasonPlaceholder')} onChange={(event) => setReason(event.target.value)} />
            </Field>
            <Field label={t('listsScreen.suppression.fromFile')}>
              <input
                type="file"
                accept=".txt,.csv,text/plain,text/csv"
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = '';
                  if (file) void loadFile(file);
                }}
              />
            </Field>
          </div>
          {fileTooLarge ? (
            <p className="form-alert" role="alert">
              {t('listsScreen.suppression.fileTooLarge')}
            </p>
          ) : null}
          {adding.status === 'added' ? (
            <div className="result result--ok" role="status" data-added={adding.result.added}>
              <p>{t('listsScreen.suppression.added', { count: adding.result.added })}</p>
              {adding.result.invalid.length > 0 ? (
                <p className="lists-invalid" data-invalid={adding.result.invalid.length}>
                  {t('listsScreen.suppression.invalid', { list: adding.result.invalid.join(', ') })}
                </p>
              ) : null}
            </div>
          ) : null}
          {adding.status === 'failed' ? <RequestError error={adding.error} /> : null}
          <div className="form-actions">
            <button type="submit" className="button button--primary">
              {t('listsScreen.suppression.submit')}
            </button>
          </div>
        </fieldset>
      </form>

      {state.status === 'loading' ? <p className="muted">{t('common.loading')}</p> : null}
      {state.status === 'failed' ? <RequestError error={state.error} /> : null}
      {removeError ? <RequestError error={removeError} /> : null}
      {state.status === 'loaded' && entries.length === 0 ? <p className="muted">{t('listsScreen.suppression.none')}</p> : null}
      {entries.length > 0 ? <ExportButtons target={{ kind: 'suppression' }} /> : null}
      {entries.length > 0 ? (
        <VirtualTable
          label={t('listsScreen.suppression.entriesLabel')}
          columns={[
            { key: 'address', header: t('listsScreen.suppression.address'), width: 280 },
            { key: 'reason', header: t('listsScreen.suppression.reason') },
            { key: 'added', header: t('listsScreen.suppression.addedAt'), width: 190 },
            { key: 'actions', header: <span className="lists-sr-only">{t('listsScreen.detail.actions')}</span>, width: 124 },
          ]}
          rowCount={entries.length}
          rowKey={(index) => entries[index]?.email ?? index}
          rowHeight={44}
          maxHeight={420}
          row={(index) => {
            const entry = entries[index]!;
            return {
              data: { 'data-email': entry.email },
              cells: (
                <>
                  <td className="lists-table__address">{entry.email}</td>
                  <td title={entry.reason}>
                    <span className="lists-table__clip">{entry.reason === '' ? <span className="muted">{t('listsScreen.suppression.noReason')}</span> : entry.reason}</span>
                  </td>
                  <td className="muted">{when(entry.addedAt)}</td>
                  <td className="lists-table__actions">
                    <button
                      type="button"
                      className="button button--danger lists-button--small"
                      onClick={() => void remove(entry.email).then(setRemoveError)}
                    >
                      {t('listsScreen.suppression.remove')}
                    </button>
                  </td>
                </>
              ),
            };
          }}
        />
      ) : null}
    </section>
  );
}
