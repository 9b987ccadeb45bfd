/** One list: rename, delete, import into it, edit its members row by row, and the rows its last import or save left out. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from '../../components/confirm-dialog';
import type { WireError } from '../../../app/ipc/common/app-error';
import type { RequestOutput } from '../../../app/ipc/common/contract';
import { Field } from '../../components/field';
import { useClient } from '../../state/client-context';
import { BusyIndicator } from './busy-indicator';
import { ExportReportButton, ImportReportView, RejectedTable } from './import-report';
import { ExportButtons } from './export-buttons';
import { ListSource } from './list-source';
import { MembersEditor } from './members-editor';
import { draftFromList, editMembersInput, problemCount, type MembersDraft } from './members-model';
import { RequestError } from './request-error';

/** A list as the detail view holds it: its header and member count, never its members. */
type ListHeader = RequestOutput<'lists:header'>;

type LoadState = { readonly status: 'loading' } | { readonly status: 'loaded'; readonly list: ListHeader } | { readonly status: 'failed'; readonly error: WireError };

type SaveState =
  | { readonly status: 'idle' }
  | { readonly status: 'saving'; readonly count: number }
  | { readonly status: 'saved'; readonly result: RequestOutput<'lists:edit-members'> }
  | { readonly status: 'failed'; readonly error: WireError };

type RenameState = { readonly status: 'closed' } | { readonly status: 'open'; readonly name: string; readonly error: WireError | null; readonly tried: boolean };

/** Props of ListDetail. */
export interface ListDetailProps {
  /** The list shown. */
  readonly listId: string;
  /** Called after the list was deleted. */
  readonly onDeleted: () => void;
  /** Opens the import flow with this list as the target. */
  readonly onImportInto: (id: string) => void;
  /** Told whether there are unsaved member edits (so leaving can ask first). */
  readonly onDirtyChange: (dirty: boolean) => void;
}

/** Renders the detail view. */
export function ListDetail({ listId, onDeleted, onImportInto, onDirtyChange }: ListDetailProps) {
  const { t, i18n } = useTranslation();
  const confirm = useConfirm();
  const client = useClient();
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [draft, setDraft] = useState<MembersDraft | null>(null);
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  const [rename, setRename] = useState<RenameState>({ status: 'closed' });
  const [removeError, setRemoveError] = useState<WireError | null>(null);
  // Bumped when the draft is replaced (saved or discarded): the rows are renumbered, so the editor's search and edited row start afresh.
  const [draftVersion, setDraftVersion] = useState(0);

  const fetchList = useCallback(async () => {
    const result = await client.request('lists:header', { id: listId });
    return result.ok ? ({ status: 'loaded', list: result.value } as const) : ({ status: 'failed', error: result.error } as const);
  }, [client, listId]);

  useEffect(() => {
    let live = true;
    void fetchList().then((next) => {
      if (!live) return;
      setLoad(next);
      setDraft(next.status === 'loaded' ? draftFromList(next.list) : null);
    });
    return () => {
      live = false;
    };
  }, [fetchList]);

  const dirty = draft?.dirty ?? false;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);

  if (load.status === 'loading') return <BusyIndicator phase="loading" text={t('listsScreen.detail.loading')} />;
  if (load.status === 'failed') return <RequestError error={load.error} />;
  const { list } = load;

  const changeDraft = (next: MembersDraft) => {
    setDraft(next);
    if (save.status === 'saved' || save.status === 'failed') setSave({ status: 'idle' });
  };

  const saveMembers = async () => {
    if (!draft) return;
    setSave({ status: 'saving', count: draft.total - draft.removed.length + draft.added.length });
    const result = await client.request('lists:edit-members', editMembersInput(list.id, draft));
    if (!result.ok) return setSave({ status: 'failed', error: result.error });
    const next = await fetchList();
    setLoad(next);
    setDraft(next.status === 'loaded' ? draftFromList(next.list) : null);
    setDraftVersion((v) => v + 1);
    setSave({ status: 'saved', result: result.value });
  };

  const discard = async () => {
    if (!(await confirm({ title: t('listsScreen.detail.confirmDiscard'), confirmLabel: t('names.confirm.discard'), cancelLabel: t('names.confirm.keepEditing'), danger: true }))) return;
    setDraft(draftFromList(list));
    setDraftVersion((v) => v + 1);
    setSave({ status: 'idle' });
  };

  const submitRename = async (event: FormEvent) => {
    event.preventDefault();
    if (rename.status !== 'open') return;
    const name = rename.name.trim();
    if (name === '') return setRename({ ...rename, tried: true });
    const result = await client.request('lists:rename', { id: list.id, name });
    if (!result.ok) return setRename({ ...rename, error: result.error });
    setLoad({ status: 'loaded', list: { ...list, name: result.value.name, updatedAt: result.value.updatedAt } });
    setRename({ status: 'closed' });
  };

  const removeList = async () => {
    if (!(await confirm({ title: t('listsScreen.detail.confirmRemove', { name: list.name, count: list.memberCount }), confirmLabel: t('names.confirm.delete'), danger: true }))) return;
    const result = await client.request('lists:remove', { id: list.id });
    if (!result.ok) return setRemoveError(result.error);
    onDirtyChange(false);
    onDeleted();
  };

  const saving = save.status === 'saving';
  const problems = draft ? problemCount(draft) : 0;
  return (
    <div className="lists-flow">
      <section className="card lists-detail" aria-labelledby="lists-detail-title" data-list-id={list.id}>
        <div className="lists-section-head">
          <div>
            <h2 id="lists-detail-title">{list.name}</h2>
            <p className="muted">
              {t('listsScreen.overview.members', { count: list.memberCount })} · <ListSource source={list.source} /> ·{' '}
              {t('listsScreen.overview.updated', { time: new Date(list.updatedAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }) })}
            </p>
          </div>
          <div className="lists-actions">
            <button type="button" className="button" onClick={() => setRename({ status: 'open', name: list.name, error: null, tried: false })} disabled={rename.status === 'open'}>
              {t('listsScreen.detail.rename')}
            </button>
            <button type="button" className="button" onClick={() => onImportInto(list.id)}>
              {t('listsScreen.detail.reimport')}
            </button>
            <button type="button" className="button button--danger" onClick={() => void removeList()}>
              {t('listsScreen.detail.remove')}
            </button>
          </div>
        </div>
        {removeError ? <RequestError error={removeError} /> : null}

        {rename.status === 'open' ? (
          <form className="lists-rename" onSubmit={(event) => void submitRename(event)} noValidate>
            <Field label={t('listsScreen.detail.renameLabel')} error={rename.tried && rename.name.trim() === '' ? t('listsScreen.import.nameRequired') : undefined}>
              <input type="text" value={rename.name} maxLength={120} onChange={(event) => setRename({ ...rename, name: event.target.value })} />
            </Field>
            <button type="submit" className="button button--primary">
              {t('listsScreen.detail.saveName')}
            </button>
            <button type="button" className="button" onClick={() => setRename({ status: 'closed' })}>
              {t('common.cancel')}
            </button>
            {rename.error ? <RequestError error={rename.error} /> : null}
          </form>
        ) : null}

        <h3 className="lists-detail__members-title">{t('outgrow.exportTitle')}</h3>
        <ExportButtons target={{ kind: 'list', listId: list.id }} />

        <h3 className="lists-detail__members-title">{t('listsScreen.detail.membersTitle')}</h3>
        {draft ? <MembersEditor key={draftVersion} listId={list.id} listName={list.name} draft={draft} onChange={changeDraft} disabled={saving} /> : null}

        {draft?.dirty || saving ? (
          <div className="lists-savebar" data-dirty={draft?.dirty ? 'true' : 'false'}>
            <div>
              <p className="lists-savebar__text">{t('listsScreen.detail.unsaved')}</p>
              {problems > 0 ? <p className="lists-savebar__warning">{t('listsScreen.detail.problems', { count: problems })}</p> : null}
            </div>
            <div className="lists-actions">
              <button type="button" className="button" onClick={() => void discard()} disabled={saving}>
                {t('listsScreen.detail.discard')}
              </button>
              <button type="button" className="button button--primary" onClick={() => void saveMembers()} disabled={saving}>
                {t('listsScreen.detail.save')}
              </button>
            </div>
          </div>
        ) : null}
        {save.status === 'saving' ? <BusyIndicator phase="saving" text={t('listsScreen.busy.saving', { count: save.count })} /> : null}
        {save.status === 'failed' ? <RequestError error={save.error} /> : null}
        {save.status === 'saved' ? (
          <p className="result result--ok" role="status" data-saved={save.result.list.memberCount}>
            {t('listsScreen.detail.saved', { count: save.result.list.memberCount })}
          </p>
        ) : null}
      </section>

      {save.status === 'saved' && save.result.report.rejected.length > 0 ? (
        <ImportReportView title={t('listsScreen.report.saveTitle')} report={save.result.report} list={save.result.list} numbering="row" />
      ) : save.status !== 'saved' ? (
        <section className="card lists-last-import" aria-labelledby="lists-last-import-title">
          <h2 id="lists-last-import-title">{t('listsScreen.detail.lastImportTitle', { count: list.rejected.length })}</h2>
          {list.rejected.length === 0 ? <p className="muted">{t('listsScreen.detail.lastImportNone')}</p> : <RejectedTable rejected={list.rejected} numbering="line" />}
          {list.rejected.length > 0 ? <ExportReportButton listId={list.id} /> : null}
        </section>
      ) : null}
    </div>
  );
}
