/** Compose: choose account, list and template, preview any member's message, check, and create the campaign. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftSummary, MessagePreview as Preview, PreflightReport } from '../../../app/ipc/common/contract';
import { Field } from '../../components/field';
import { useClient } from '../../state/client-context';
import { fileToBase64 } from '../../state/file-base64';
import { composeRequest, draftDataOf, draftTitleOf, formatBytes, INITIAL_COMPOSE, isWorthADraft, stateOfDraft, withExcluded, type ComposeState, paceOf } from './compose-model';
import { DraftsPanel } from './drafts-panel';
import { MessagePreview } from './message-preview';
import { MemberFilesField } from './member-files-field';
import { PlaceholderHints } from './placeholder-hints';
import { PreflightPanel } from './preflight-panel';
import { SendToMe } from './send-to-me';
import { useComposeOptions } from './use-compose-options';
import './compose.css';

type PreviewState =
  | { readonly status: 'none' }
  | { readonly status: 'ok'; readonly count: number; readonly message: Preview }
  | {
      readonly status: 'unfillable';
      readonly count: number;
      readonly missing: readonly string[];
      readonly unsupported: readonly string[];
      readonly offered?: readonly string[] | undefined;
      readonly hints?: readonly { readonly path: string; readonly suggestion: string | null }[] | undefined;
    }
  | { readonly status: 'error'; readonly message: string };

/** Renders the Compose screen. */
export function ComposeScreen({ onCreated }: { readonly onCreated: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const options = useComposeOptions();
  const [state, setState] = useState<ComposeState>(INITIAL_COMPOSE);
  const [memberIndex, setMemberIndex] = useState(0);
  const [preview, setPreview] = useState<PreviewState>({ status: 'none' });
  const [report, setReport] = useState<PreflightReport | null>(null);
  const [saveAsTemplate, setSaveAsTemplate] = useState(false);
  const [templateName, setTemplateName] = useState('');
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Until the user picks, the first account and list are the choice.
  const chosen = useMemo<ComposeState>(
    () => ({ ...state, accountId: state.accountId || options.accounts[0]?.id || '', listId: state.listId || options.lists[0]?.id || '' }),
    [state, options.accounts, options.lists],
  );
  const request = useMemo(() => composeRequest(chosen), [chosen]);
  const sendingAccount = options.accounts.find((a) => a.id === chosen.accountId);

  // Drafts: the newest is reopened when the screen opens; every change is saved a moment after typing stops.
  const [drafts, setDrafts] = useState<readonly DraftSummary[]>([]);
  const [draftStatus, setDraftStatus] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const draftId = useRef<string | null>(null);
  const [currentDraft, setCurrentDraft] = useState<string | null>(null);
  const dirty = useRef(false);
  const refreshDrafts = useCallback(async () => {
    const listed = await client.request('drafts:list');
    if (listed.ok) setDrafts(listed.value);
    return listed.ok ? listed.value : [];
  }, [client]);
  const openDraft = useCallback(
    async (id: string) => {
      const found = await client.request('drafts:get', { id });
      if (!found.ok) return setError(found.error.message);
      dirty.current = false;
      draftId.current = found.value.id;
      setCurrentDraft(found.value.id);
      setState(stateOfDraft(found.value.data));
      setMemberIndex(0);
      setDraftStatus('saved');
    },
    [client],
  );
  useEffect(() => {
    let live = true;
    void client.request('drafts:list').then((listed) => {
      if (!live || !listed.ok) return;
      setDrafts(listed.value);
      const newest = listed.value[0];
      if (newest && draftId.current === null && !dirty.current) void openDraft(newest.id);
    });
    return () => {
      live = false;
    };
  }, [client, openDraft]);
  const edit = (next: (s: ComposeState) => ComposeState) => {
    dirty.current = true;
    setState(next);
  };
  useEffect(() => {
    if (!dirty.current || !isWorthADraft(state)) return;
    const timer = setTimeout(() => {
      const id = draftId.current ?? crypto.randomUUID();
      draftId.current = id;
      setCurrentDraft(id);
      setDraftStatus('saving');
      const title = draftTitleOf(state, options.templates.find((tpl) => tpl.id === state.templateId)?.name);
      void client.request('drafts:save', { id, title, data: draftDataOf(state) }).then((saved) => {
        setDraftStatus(saved.ok ? 'saved' : 'failed');
        void refreshDrafts();
      });
    }, 600);
    return () => clearTimeout(timer);
  }, [client, state, options.templates, refreshDrafts]);
  const newMessage = () => {
    dirty.current = false;
    draftId.current = null;
    setCurrentDraft(null);
    setState(INITIAL_COMPOSE);
    setMemberIndex(0);
    setDraftStatus('idle');
  };
  const removeDraft = async (id: string) => {
    const removed = await client.request('drafts:remove', { id });
    if (!removed.ok) return setError(removed.error.message);
    if (id === draftId.current) newMessage();
    await refreshDrafts();
  };

  // Preview and pre-flight follow every change, a moment after typing stops.
  useEffect(() => {
    if (!request) return;
    let live = true;
    const timer = setTimeout(() => {
      void client.request('compose:preview', { ...request, memberIndex }).then((result) => {
        if (!live) return;
        if (!result.ok) return setPreview({ status: 'error', message: `${t(`errors.${result.error.code}`)} ${result.error.message}` });
        const v = result.value;
        setPreview(v.ok ? { status: 'ok', count: v.memberCount, message: v.message } : { status: 'unfillable', count: v.memberCount, missing: v.missing, unsupported: v.unsupported, offered: v.offered, hints: v.hints });
      });
      void client.request('compose:preflight', request).then((result) => live && setReport(result.ok ? result.value : null));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, request, memberIndex, t]);

  const set = (patch: Partial<ComposeState>) => edit((s) => ({ ...s, ...patch }));
  const shown: PreviewState = request ? preview : { status: 'none' };
  const shownReport = request ? report : null;
  const count = shown.status === 'ok' || shown.status === 'unfillable' ? shown.count : 0;

  const addAttachments = async (files: FileList | null) => {
    const added = await Promise.all([...(files ?? [])].map(async (f) => ({ fileName: f.name, contentType: f.type, size: f.size, base64: await fileToBase64(f) })));
    edit((s) => ({ ...s, attachments: [...s.attachments, ...added] }));
  };

  const create = async () => {
    if (!request) return;
    setError(null);
    setCreating(true);
    try {
      if (state.templateId === 'inline' && saveAsTemplate) {
        const saved = await client.request('templates:save', { name: templateName.trim() || state.inline.subject || 'Notice', usageType: 'Notice', ...state.inline });
        if (!saved.ok) return setError(saved.error.message);
      }
      // The date in the campaign's default name is written in the language this page shows.
      const result = await client.request('campaigns:create', { ...request, locale: i18n.language });
      if (!result.ok) return setError(`${result.error.message} ${result.error.hint ?? ''}`);
      // The draft became a campaign: it is no longer a draft.
      if (draftId.current !== null) await client.request('drafts:remove', { id: draftId.current });
      onCreated();
    } finally {
      setCreating(false);
    }
  };

  if (options.loaded && (options.accounts.length === 0 || options.lists.length === 0)) {
    return (
      <div className="screen">
        <header className="screen__header">
          <h1>{t('compose.title')}</h1>
        </header>
        {options.accounts.length === 0 ? <p className="form-warning">{t('compose.noAccounts')}</p> : null}
        {options.lists.length === 0 ? <p className="form-warning">{t('compose.noLists')}</p> : null}
      </div>
    );
  }

  return (
    <div className="screen compose">
      <header className="screen__header">
        <div>
          <h1>{t('compose.title')}</h1>
          <p className="screen__intro">{t('compose.intro')}</p>
        </div>
      </header>
      <DraftsPanel drafts={drafts} currentId={currentDraft} status={draftStatus} onOpen={(id) => void openDraft(id)} onRemove={(id) => void removeDraft(id)} onNew={newMessage} />
      <div className="compose__grid">
        <div className="card form-grid compose__form">
          <Field label={t('compose.account')}>
            <select value={chosen.accountId} onChange={(e) => set({ accountId: e.target.value })}>
              {options.accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label} — {a.fromAddress}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('compose.list')}>
            <select value={chosen.listId} onChange={(e) => (set({ listId: e.target.value, excluded: new Set() }), setMemberIndex(0))}>
              {options.lists.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name} ({l.memberCount})
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('compose.template')}>
            <select value={state.templateId} onChange={(e) => set({ templateId: e.target.value })}>
              <option value="inline">{t('compose.writeHere')}</option>
              {options.templates.map((tpl) => (
                <option key={tpl.id} value={tpl.id}>
                  {tpl.name}
                </option>
              ))}
            </select>
          </Field>
          {state.templateId === 'inline' ? (
            <>
              <Field label={t('compose.contentType')}>
                <select value={state.inline.contentType} onChange={(e) => set({ inline: { ...state.inline, contentType: e.target.value as 'text/plain' | 'text/html' } })}>
                  <option value="text/plain">{t('compose.plain')}</option>
                  <option value="text/html">{t('compose.html')}</option>
                </select>
              </Field>
              <Field label={t('compose.subject')}>
                <input value={state.inline.subject} onChange={(e) => set({ inline: { ...state.inline, subject: e.target.value } })} />
              </Field>
              <Field label={t('compose.content')}>
                <textarea rows={8} value={state.inline.content} onChange={(e) => set({ inline: { ...state.inline, content: e.target.value } })} />
              </Field>
              <label className="checkbox">
                <input type="checkbox" checked={saveAsTemplate} onChange={(e) => setSaveAsTemplate(e.target.checked)} />
                {t('compose.saveAsTemplate')}
              </label>
              {saveAsTemplate ? (
                <Field label={t('compose.templateName')}>
                  <input value={templateName} onChange={(e) => setTemplateName(e.target.value)} />
                </Field>
              ) : null}
            </>
          ) : null}
          <Field label={t('compose.replyTo')}>
            <input type="email" value={state.replyTo} onChange={(e) => set({ replyTo: e.target.value })} />
          </Field>
          <Field label={t('compose.pace')} help={t('compose.paceHint')} error={state.perMinute.trim() !== '' && paceOf(state) === undefined ? t('compose.paceInvalid') : undefined}>
            <input type="number" min={1} max={6000} inputMode="numeric" placeholder={t('compose.paceDefault')} value={state.perMinute} onChange={(e) => set({ perMinute: e.target.value })} />
          </Field>
          <Field label={t('compose.attachments')}>
            <input type="file" multiple onChange={(e) => void addAttachments(e.target.files)} />
          </Field>
          {state.attachments.length > 0 ? (
            <ul className="compose__attachments">
              {state.attachments.map((a, i) => (
                <li key={`${a.fileName}:${i}`}>
                  {a.fileName} ({formatBytes(a.size)})
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t('compose.removeAttachment', { name: a.fileName })}
                    onClick={() => edit((s) => ({ ...s, attachments: s.attachments.filter((_, j) => j !== i) }))}
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <MemberFilesField
            columns={options.lists.find((l) => l.id === chosen.listId)?.columns ?? []}
            value={state.memberFiles}
            onChange={(memberFiles) => set({ memberFiles })}
          />
        </div>

        <section className="card compose__preview" aria-label={t('compose.previewTitle')}>
          <div className="compose__preview-head">
            <h2>{t('compose.previewTitle')}</h2>
            {count > 0 ? (
              <div className="compose__stepper">
                <button type="button" className="button button--small" aria-label={t('compose.previous')} disabled={memberIndex === 0} onClick={() => setMemberIndex((i) => Math.max(0, i - 1))}>
                  ‹
                </button>
                <label>
                  <span className="visually-hidden">{t('compose.member')}</span>
                  <input
                    className="compose__index"
                    inputMode="numeric"
                    aria-label={t('compose.member')}
                    value={memberIndex + 1}
                    onChange={(e) => setMemberIndex(Math.min(count - 1, Math.max(0, Number(e.target.value) - 1 || 0)))}
                  />
                </label>
                <span className="muted">{t('compose.memberOf', { index: memberIndex + 1, count })}</span>
                <button type="button" className="button button--small" aria-label={t('compose.next')} disabled={memberIndex >= count - 1} onClick={() => setMemberIndex((i) => Math.min(count - 1, i + 1))}>
                  ›
                </button>
              </div>
            ) : null}
          </div>
          {shown.status === 'ok' ? <MessagePreview message={shown.message} /> : null}
          {sendingAccount ? <SendToMe request={request} memberIndex={memberIndex} ready={shown.status === 'ok'} presetId={sendingAccount.presetId} /> : null}
          {shown.status === 'unfillable' ? (
            <p className="form-alert" role="alert" data-preview="unfillable">
              {shown.unsupported.length > 0
                ? t('compose.unsupported', { syntax: shown.unsupported.join(', '), example: '{{name}}' })
                : t('compose.cannotFill', { missing: shown.missing.join(', ') })}
            </p>
          ) : null}
          {shown.status === 'unfillable' && shown.unsupported.length === 0 ? <PlaceholderHints offered={shown.offered} hints={shown.hints} /> : null}
          {shown.status === 'error' ? (
            <p className="form-alert" role="alert">
              {shown.message}
            </p>
          ) : null}
        </section>
      </div>

      {shownReport ? <PreflightPanel report={shownReport} presetId={sendingAccount?.presetId} onExclude={(emails, excluded) => edit((s) => withExcluded(s, emails, excluded))} /> : null}

      <div className="compose__actions">
        {shownReport?.blocked ? <p className="muted">{t('compose.blocked')}</p> : null}
        {error ? (
          <p className="form-alert" role="alert">
            {error}
          </p>
        ) : null}
        <button type="button" className="button button--primary" disabled={!shownReport || shownReport.blocked || creating} onClick={() => void create()}>
          {creating ? t('compose.creating') : t('compose.create')}
        </button>
      </div>
    </div>
  );
}
