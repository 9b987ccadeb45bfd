/** Import a Logto SMTP connector JSON as an account with templates, or export an account back to it. */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView, TemplateView } from '../../../app/ipc/common/contract';
import type { LogtoNote } from '../../../app/logto/common/logto-config';
import { Field } from '../../components/field';
import { useClient } from '../../state/client-context';
import { downloadText } from '../../state/download';

/** Props of LogtoPanel. */
export type LogtoPanelProps = { readonly mode: 'import'; readonly onClose: () => void } | { readonly mode: 'export'; readonly account: AccountView; readonly onClose: () => void };

/** Renders the import or export form, then what happened and the notes. */
export function LogtoPanel(props: LogtoPanelProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [text, setText] = useState('');
  const [templates, setTemplates] = useState<readonly TemplateView[]>([]);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<{ readonly ok: boolean; readonly text: string; readonly notes: readonly LogtoNote[] } | null>(null);

  useEffect(() => {
    if (props.mode !== 'export') return;
    void client.request('templates:list').then((result) => {
      if (!result.ok) return;
      setTemplates(result.value);
      setChosen(new Set(result.value.map((tpl) => tpl.id)));
    });
  }, [client, props.mode]);

  const [match, setMatch] = useState<{ readonly label: string; readonly count: number } | null>(null);
  const runImport = async (mode: 'ask' | 'update' | 'new') => {
    const result = await client.request('accounts:import-logto', { text, mode });
    if (result.ok && result.value.status === 'matches-existing') {
      setOutcome(null);
      return setMatch({ label: result.value.account.label, count: result.value.templates.length });
    }
    setMatch(null);
    setOutcome(
      result.ok
        ? {
            ok: true,
            text:
              result.value.status === 'updated'
                ? t('workday.logtoUpdated', { label: result.value.account.label, count: result.value.templates.length })
                : t('logto.imported', { label: result.value.account.label, count: result.value.templates.length }),
            notes: result.value.notes,
          }
        : { ok: false, text: result.error.message, notes: [] },
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (props.mode === 'import') {
      await runImport('ask');
    } else {
      const result = await client.request('accounts:export-logto', { accountId: props.account.id, templateIds: [...chosen] });
      if (!result.ok) return setOutcome({ ok: false, text: `${t(`errors.${result.error.code}`)} ${result.error.hint ?? ''}`, notes: [] });
      downloadText(result.value.fileName, result.value.content, 'application/json');
      setOutcome({ ok: true, text: t('logto.exported', { file: result.value.fileName }), notes: result.value.notes });
    }
  };

  return (
    <form className="card logto" onSubmit={(event) => void submit(event)} aria-labelledby="logto-title">
      <h2 id="logto-title">{props.mode === 'import' ? t('logto.importTitle') : t('logto.exportTitle', { label: props.account.label })}</h2>
      <p className="muted">{props.mode === 'import' ? t('logto.importBody') : t('logto.exportBody')}</p>
      {props.mode === 'import' ? (
        <div className="form-grid">
          <Field label={t('logto.json')}>
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={8} spellCheck={false} />
          </Field>
          <Field label={t('logto.file')}>
            <input type="file" accept=".json,application/json" onChange={(e) => void e.target.files?.[0]?.text().then(setText)} />
          </Field>
        </div>
      ) : templates.length === 0 ? (
        <p className="muted">{t('logto.noTemplates')}</p>
      ) : (
        <fieldset className="checklist">
          {templates.map((tpl) => (
            <label key={tpl.id}>
              <input
                type="checkbox"
                checked={chosen.has(tpl.id)}
                onChange={(e) => setChosen((set) => (e.target.checked ? new Set([...set, tpl.id]) : new Set([...set].filter((id) => id !== tpl.id))))}
              />
              {tpl.name} <span className="muted">({tpl.usageType}, {tpl.contentType})</span>
            </label>
          ))}
        </fieldset>
      )}
      {match ? (
        <div className="form-warning" role="alert" data-logto-match={match.label}>
          <p>{t('workday.logtoMatch', { label: match.label, count: match.count })}</p>
          <div className="form-actions">
            <button type="button" className="button button--primary" onClick={() => void runImport('update')}>
              {t('workday.logtoUpdate')}
            </button>
            <button type="button" className="button" onClick={() => void runImport('new')}>
              {t('workday.logtoAddNew')}
            </button>
          </div>
        </div>
      ) : null}
      {outcome ? (
        <div className={outcome.ok ? 'result result--ok' : 'form-alert'} role={outcome.ok ? 'status' : 'alert'}>
          <p>{outcome.text}</p>
          {outcome.notes.length > 0 ? (
            <>
              <p className="result__subhead">{t('logto.notesTitle')}</p>
              <ul className="notes">
                {outcome.notes.map((note) => (
                  <li key={`${note.code}:${note.detail}`} data-note={note.code}>
                    {t(`logto.notes.${note.code}`, { detail: note.detail })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
        <button type="submit" className="button button--primary">
          {props.mode === 'import' ? t('logto.doImport') : t('logto.doExport')}
        </button>
      </div>
    </form>
  );
}
