/** The Lists screen: saved lists, then one view at a time — import a file, paste addresses, a list's detail, or the suppression list. */
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from '../../components/confirm-dialog';
import { assertNever } from '../../../app/ipc/common/app-error';
import { ImportPanel } from './import-panel';
import { ListDetail } from './list-detail';
import { ListsOverview } from './lists-overview';
import { PastePanel } from './paste-panel';
import { RequestError } from './request-error';
import { SuppressionPanel } from './suppression-panel';
import { useLists } from './use-lists';
import './lists.css';

/** What the screen shows under its header. */
type View =
  | { readonly kind: 'overview' }
  | { readonly kind: 'import'; readonly targetId: string | null; readonly run: number }
  | { readonly kind: 'paste'; readonly run: number }
  | { readonly kind: 'suppression' }
  | { readonly kind: 'detail'; readonly id: string };

/** Renders the Lists screen. */
export function ListsScreen() {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const state = useLists();
  const [view, setView] = useState<View>({ kind: 'overview' });
  // Member edits not saved yet in the detail view: leaving it asks first.
  const dirty = useRef(false);
  const runs = useRef(0);
  const onDirtyChange = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);

  const go = async (next: View) => {
    if (dirty.current && !(await confirm({ title: t('listsScreen.detail.confirmDiscard'), confirmLabel: t('names.confirm.discard'), cancelLabel: t('names.confirm.keepEditing'), danger: true }))) return;
    dirty.current = false;
    setView(next);
  };
  const openImport = (targetId: string | null) => go({ kind: 'import', targetId, run: ++runs.current });
  const openList = (id: string) => go({ kind: 'detail', id });
  const lists = state.status === 'loaded' ? state.lists : [];

  const content = (() => {
    switch (view.kind) {
      case 'overview':
        if (state.status === 'loading') return <p className="muted">{t('common.loading')}</p>;
        if (state.status === 'failed') return <RequestError error={state.error} />;
        return <ListsOverview lists={state.lists} onOpen={openList} onImportInto={openImport} />;
      case 'import':
        return <ImportPanel key={view.run} lists={lists} initialTargetId={view.targetId} onOpenList={openList} />;
      case 'paste':
        return <PastePanel key={view.run} onOpenList={openList} />;
      case 'suppression':
        return <SuppressionPanel />;
      case 'detail':
        return <ListDetail key={view.id} listId={view.id} onDeleted={() => setView({ kind: 'overview' })} onImportInto={openImport} onDirtyChange={onDirtyChange} />;
      default:
        return assertNever(view);
    }
  })();

  return (
    <div className="screen lists-screen" data-view={view.kind}>
      <header className="screen__header">
        <div>
          <h1>{t('listsScreen.title')}</h1>
          <p className="screen__intro">{t('listsScreen.intro')}</p>
        </div>
        <div className="screen__actions lists-screen__actions">
          {view.kind === 'overview' ? (
            <>
              <button type="button" className="button" onClick={() => go({ kind: 'suppression' })}>
                {t('listsScreen.actions.suppression')}
              </button>
              <button type="button" className="button" onClick={() => go({ kind: 'paste', run: ++runs.current })}>
                {t('listsScreen.actions.paste')}
              </button>
              <button type="button" className="button button--primary" onClick={() => openImport(null)}>
                {t('listsScreen.actions.importFile')}
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={() => go({ kind: 'overview' })}>
              {t('listsScreen.actions.back')}
            </button>
          )}
        </div>
      </header>
      {content}
    </div>
  );
}
