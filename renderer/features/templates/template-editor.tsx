/**
 * Write or edit a template: name, usage type, format, subject and message, with the placeholders and
 * any unsupported syntax shown live beside them, and for HTML a sanitised preview of the HTML as written.
 */
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from '../../components/confirm-dialog';
import { assertNever } from '../../../app/ipc/common/app-error';
import type { MemberListSummary, TemplateDraft, TemplateView } from '../../../app/ipc/common/contract';
import { Field } from '../../components/field';
import { HtmlPreview, sanitiseForPreview } from '../../components/html-preview';
import { useClient } from '../../state/client-context';
import { PlaceholderPanel } from './placeholder-panel';
import {
  analyseTemplate,
  checkTemplateForm,
  fieldOfServerError,
  formFromOrigin,
  isDirty,
  LIMITS,
  usageOptions,
  type EditorOrigin,
  type TemplateField,
  type TemplateFormValues,
} from './template-editor-model';
import { usageOptionLabel } from './usage-label';

/** Props of TemplateEditor. */
export interface TemplateEditorProps {
  /** What the editor starts from. */
  readonly origin: EditorOrigin;
  /** Called with the saved template. */
  readonly onSaved: (template: TemplateView) => void;
  /** Called when the user leaves without saving. */
  readonly onCancel: () => void;
  /** Saved lists, for the placeholder panel's "what this list offers". */
  readonly lists?: readonly MemberListSummary[] | undefined;
}

/** Where saving stands. */
type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | {
      readonly kind: 'failed';
      /** Words for the user, from the error table plus the server's hint. */
      readonly message: string;
    }
  /** The template was deleted (elsewhere) while being edited: it can only be saved as a new one. */
  | { readonly kind: 'deleted-meanwhile' };

const CONTENT_TYPES: readonly TemplateDraft['contentType'][] = ['text/plain', 'text/html'];
/** An example placeholder for the words that show one (i18next would read it as interpolation). */
const EXAMPLE = '{{name}}';
const DOTTED_EXAMPLE = '{{ student.class }}';

/** Renders the editor and, for HTML, its preview. */
export function TemplateEditor({ origin, onSaved, onCancel, lists }: TemplateEditorProps) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const client = useClient();
  const initial = useMemo(() => formFromOrigin(origin), [origin]);
  const [values, setValues] = useState<TemplateFormValues>(initial);
  const [errors, setErrors] = useState<ReadonlySet<TemplateField>>(new Set());
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const titleRef = useRef<HTMLHeadingElement>(null);
  const unsupportedId = useId();
  const isHtml = values.contentType === 'text/html';
  const analysis = useMemo(() => analyseTemplate(values), [values]);
  const blocked = analysis.unsupported.length > 0;
  // The preview may lag a keystroke behind on a long message; typing stays quick.
  const previewHtml = useDeferredValue(values.content);
  const removedFromPreview = useMemo(() => (isHtml ? sanitiseForPreview(previewHtml).removed : []), [isHtml, previewHtml]);
  const existingId = origin.kind === 'edit' ? origin.template.id : undefined;

  useEffect(() => titleRef.current?.focus(), []);

  const set = <K extends keyof TemplateFormValues>(key: K, value: TemplateFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const errorOf = (field: TemplateField) => (errors.has(field) ? t(`templatesScreen.editor.errors.${field}`) : undefined);

  const submit = async (asNew: boolean) => {
    if (save.kind === 'saving') return;
    const check = checkTemplateForm(values, asNew ? undefined : existingId);
    if (!check.ok) {
      setErrors(new Set(check.fields));
      setSave({ kind: 'idle' });
      return;
    }
    setErrors(new Set());
    setSave({ kind: 'saving' });
    const result = await client.request('templates:save', check.draft);
    if (result.ok) return onSaved(result.value);
    if (result.error.code === 'not-found' && !asNew && existingId !== undefined) return setSave({ kind: 'deleted-meanwhile' });
    const field = result.error.code === 'invalid-input' ? fieldOfServerError(result.error.message) : undefined;
    if (field) {
      setErrors(new Set([field]));
      setSave({ kind: 'idle' });
    } else {
      setSave({ kind: 'failed', message: `${t(`errors.${result.error.code}`)} ${result.error.hint ?? ''}`.trim() });
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(save.kind === 'deleted-meanwhile');
  };
  const cancel = async () => {
    if (isDirty(initial, values) && !(await confirm({ title: t('templatesScreen.editor.discard'), confirmLabel: t('names.confirm.discard'), cancelLabel: t('names.confirm.keepEditing'), danger: true }))) return;
    onCancel();
  };

  const title = (() => {
    switch (origin.kind) {
      case 'new':
        return t('templatesScreen.editor.newTitle');
      case 'edit':
        return t('templatesScreen.editor.editTitle', { name: origin.template.name });
      case 'starter':
        return t('templatesScreen.editor.starterTitle', { name: origin.starter.name });
      default:
        return assertNever(origin);
    }
  })();

  return (
    <>
      <form
        className="card template-editor"
        onSubmit={onSubmit}
        noValidate
        aria-labelledby="template-editor-title"
        data-save={save.kind}
        data-blocked={blocked ? 'unsupported' : undefined}
        data-content-type={values.contentType}
      >
        <h2 id="template-editor-title" ref={titleRef} tabIndex={-1}>
          {title}
        </h2>
        {errors.size > 0 ? (
          <p className="form-alert" role="alert">
            {t('templatesScreen.editor.fixErrors')}
          </p>
        ) : null}
        {save.kind === 'failed' ? (
          <p className="form-alert" role="alert">
            {save.message}
          </p>
        ) : null}
        {save.kind === 'deleted-meanwhile' ? (
          <p className="form-alert" role="alert">
            {t('templatesScreen.editor.deletedMeanwhile')}
          </p>
        ) : null}

        <div className="template-editor__layout">
          <div className="form-grid template-editor__fields">
            <Field label={t('templatesScreen.editor.name')} help={t('templatesScreen.editor.nameHelp')} error={errorOf('name')}>
              <input value={values.name} onChange={(e) => set('name', e.target.value)} maxLength={LIMITS.name} />
            </Field>
            <div className="template-editor__row">
              <Field label={t('templatesScreen.editor.usageType')} help={t('templatesScreen.editor.usageTypeHelp')}>
                <select value={values.usageType} onChange={(e) => set('usageType', e.target.value)}>
                  {usageOptions(values.usageType).map((option) => (
                    <option key={option.value} value={option.value}>
                      {usageOptionLabel(t, option.value)}
                    </option>
                  ))}
                </select>
              </Field>
              <fieldset className="radio-group template-editor__format" aria-describedby="template-format-help">
                <legend>{t('templatesScreen.editor.contentType')}</legend>
                <div className="template-editor__radios">
                  {CONTENT_TYPES.map((contentType) => (
                    <label key={contentType}>
                      <input
                        type="radio"
                        name="contentType"
                        value={contentType}
                        checked={values.contentType === contentType}
                        onChange={() => set('contentType', contentType)}
                      />
                      {contentType === 'text/html' ? t('templatesScreen.html') : t('templatesScreen.plain')}
                    </label>
                  ))}
                </div>
                <p className="field__help" id="template-format-help">
                  {isHtml ? t('templatesScreen.editor.htmlHelp') : t('templatesScreen.editor.plainHelp')}
                </p>
              </fieldset>
            </div>
            <Field label={t('templatesScreen.editor.subject')} error={errorOf('subject')}>
              <input value={values.subject} onChange={(e) => set('subject', e.target.value)} maxLength={LIMITS.subject} />
            </Field>
            <Field label={t('templatesScreen.editor.content')} help={t('templatesScreen.editor.contentHelp', { example: EXAMPLE, dotted: DOTTED_EXAMPLE })}>
              <textarea
                className={isHtml ? 'template-editor__content template-editor__content--html' : 'template-editor__content'}
                value={values.content}
                onChange={(e) => set('content', e.target.value)}
                rows={isHtml ? 18 : 14}
                spellCheck={!isHtml}
                wrap={isHtml ? 'off' : 'soft'}
              />
            </Field>
          </div>
          <PlaceholderPanel analysis={analysis} unsupportedId={unsupportedId} lists={lists} />
        </div>

        <div className="form-actions">
          {blocked ? (
            <p className="template-editor__blocked" aria-hidden="true">
              {t('templatesScreen.unsupported.blocked')}
            </p>
          ) : null}
          <button type="button" className="button" onClick={() => void cancel()}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={blocked || save.kind === 'saving'} aria-describedby={blocked ? unsupportedId : undefined}>
            {save.kind === 'saving'
              ? t('common.saving')
              : save.kind === 'deleted-meanwhile'
                ? t('templatesScreen.editor.saveAsNew')
                : t('templatesScreen.editor.save')}
          </button>
        </div>
      </form>

      {isHtml ? (
        <section className="card template-preview" aria-labelledby="template-preview-title">
          <h2 id="template-preview-title">{t('templatesScreen.preview.title')}</h2>
          <p className="muted">{t('templatesScreen.preview.note')}</p>
          {removedFromPreview.length > 0 ? (
            <p className="form-warning template-preview__removed" role="status" data-removed={removedFromPreview.length}>
              {t('templatesScreen.preview.removed', { items: removedFromPreview.join(', ') })}
            </p>
          ) : null}
          <HtmlPreview html={previewHtml} title={t('templatesScreen.preview.frameTitle')} />
        </section>
      ) : null}
    </>
  );
}
