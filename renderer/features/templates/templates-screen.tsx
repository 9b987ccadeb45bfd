/** The Templates screen: the saved templates, the starters, and the editor. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from '../../components/confirm-dialog';
import type { TemplateView } from '../../../app/ipc/common/contract';
import { useClient } from '../../state/client-context';
import { useLists } from '../lists/use-lists';
import { StarterPicker } from './starter-picker';
import { TemplateEditor } from './template-editor';
import type { EditorOrigin } from './template-editor-model';
import { TemplateList } from './template-list';
import { useTemplates } from './use-templates';
import './templates.css';

/** What the screen shows: the list (with the starters open or not), or the editor. */
type View =
  | {
      readonly kind: 'list';
      /** Whether the starter picker is open above the list. */
      readonly starters: boolean;
    }
  | {
      readonly kind: 'editor';
      /** What the editor starts from. */
      readonly origin: EditorOrigin;
    };

/** The last thing done, said once above the list. */
type Notice =
  | { readonly kind: 'saved'; readonly name: string }
  | { readonly kind: 'removed'; readonly name: string }
  | { readonly kind: 'remove-failed'; readonly message: string };

/** An example placeholder for the words that show one (i18next would read it as interpolation). */
const EXAMPLE = '{{name}}';

/** Renders the Templates screen. */
export function TemplatesScreen() {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const client = useClient();
  const listsState = useLists();
  const state = useTemplates();
  const [view, setView] = useState<View>({ kind: 'list', starters: false });
  const [notice, setNotice] = useState<Notice | null>(null);

  const open = (origin: EditorOrigin) => {
    setNotice(null);
    setView({ kind: 'editor', origin });
  };
  const remove = async (template: TemplateView) => {
    if (!(await confirm({ title: t('templatesScreen.confirmRemove', { name: template.name }), confirmLabel: t('names.confirm.delete'), danger: true }))) return;
    const result = await client.request('templates:remove', { id: template.id });
    setNotice(
      result.ok
        ? { kind: 'removed', name: template.name }
        : { kind: 'remove-failed', message: `${t(`errors.${result.error.code}`)} ${result.error.hint ?? ''}`.trim() },
    );
  };

  if (view.kind === 'editor') {
    const { origin } = view;
    const key = origin.kind === 'edit' ? origin.template.id : origin.kind === 'starter' ? `${origin.starter.language}-${origin.starter.name}` : 'new';
    return (
      <div className="screen templates-screen">
        <header className="screen__header">
          <h1>{t('templatesScreen.title')}</h1>
        </header>
        <TemplateEditor
          key={key}
          origin={origin}
          lists={listsState.status === 'loaded' ? listsState.lists : undefined}
          onSaved={(saved) => {
            setNotice({ kind: 'saved', name: saved.name });
            setView({ kind: 'list', starters: false });
          }}
          onCancel={() => setView({ kind: 'list', starters: false })}
        />
      </div>
    );
  }

  return (
    <div className="screen templates-screen">
      <header className="screen__header">
        <div>
          <h1>{t('templatesScreen.title')}</h1>
          <p className="screen__intro">{t('templatesScreen.intro', { example: EXAMPLE })}</p>
        </div>
        <div className="screen__actions">
          <button type="button" className="button" aria-expanded={view.starters} onClick={() => setView({ kind: 'list', starters: !view.starters })}>
            {t('templatesScreen.fromStarter')}
          </button>
          <button type="button" className="button button--primary" onClick={() => open({ kind: 'new' })}>
            {t('templatesScreen.add')}
          </button>
        </div>
      </header>

      {notice?.kind === 'saved' || notice?.kind === 'removed' ? (
        <p className="result result--ok templates-screen__notice" role="status" data-notice={notice.kind}>
          {t(`templatesScreen.${notice.kind}`, { name: notice.name })}
        </p>
      ) : null}
      {notice?.kind === 'remove-failed' ? (
        <p className="form-alert" role="alert">
          {notice.message}
        </p>
      ) : null}

      {view.starters ? <StarterPicker onUse={(starter) => open({ kind: 'starter', starter })} onClose={() => setView({ kind: 'list', starters: false })} /> : null}

      {state.status === 'loading' ? <p>{t('common.loading')}</p> : null}
      {state.status === 'failed' ? (
        <p className="form-alert" role="alert">
          {t(`errors.${state.error.code}`)}
        </p>
      ) : null}
      {state.status === 'loaded' && state.templates.length === 0 ? <p className="muted">{t('templatesScreen.none')}</p> : null}
      {state.status === 'loaded' && state.templates.length > 0 ? (
        <TemplateList templates={state.templates} onEdit={(template) => open({ kind: 'edit', template })} onRemove={(template) => void remove(template)} />
      ) : null}
    </div>
  );
}
